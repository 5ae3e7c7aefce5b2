import { expect, expectNoAxeViolations, test } from '../fixtures';

test('a practice manager saves a search with two chosen solutions, sees it, then deletes it', async ({ page, login }) => {
  await login('practice_manager');
  await page.goto('/solutions?q=appointments');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shortlists' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Save this search' })).toBeVisible();
  await expectNoAxeViolations(page, 'search with the save form');

  // A name is needed.
  await page.getByRole('button', { name: 'Save this search' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a name for the shortlist');
  await expectNoAxeViolations(page, 'save form with an error');

  const results = page.getByTestId('search-result');
  expect(await results.count()).toBeGreaterThanOrEqual(2);
  const names: string[] = [];
  for (let i = 0; i < 2; i++) {
    names.push((await results.nth(i).getByRole('heading').textContent())!.trim());
    await results.nth(i).getByRole('checkbox', { name: /^Compare/ }).check();
  }
  const name = `Appointments ${Date.now().toString(36)}`;
  await page.getByLabel('Shortlist name').fill(name);
  await page.getByRole('button', { name: 'Save this search' }).click();

  await expect(page).toHaveURL(/\/shortlists\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Search words');
  await expect(page.getByRole('main')).toContainText('appointments');
  const chosen = page.getByRole('table', { name: 'Chosen solutions with the version saved' });
  for (const n of names) await expect(chosen).toContainText(n);
  await expect(chosen).toContainText(/Version \d+/);
  await expect(page.getByRole('link', { name: /Download CSV/ })).toHaveAttribute('href', /^\/api\/shortlists\/[0-9a-f-]{36}\/results\.csv$/);
  await expectNoAxeViolations(page, 'shortlist');
  const shortlistUrl = page.url();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shortlists' }).click();
  await expect(page).toHaveURL('/shortlists');
  await expect(page.getByRole('table')).toContainText(name);
  await expectNoAxeViolations(page, 'shortlists');

  await page.goto(shortlistUrl);
  await page.getByRole('button', { name: /Delete shortlist/ }).click();
  await expect(page).toHaveURL('/shortlists?deleted=1');
  await expect(page.getByRole('status').filter({ hasText: 'deleted' })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(name);
});

test('shortlists are not for vendors', async ({ page, login }) => {
  await login('vendor');
  const response = await page.goto('/shortlists');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Save this search' })).toHaveCount(0);
});
