import { expect, expectNoAxeViolations, test } from '../fixtures';

test.describe('organisations directory', () => {
  test.beforeEach(async ({ login }) => {
    await login('commissioner');
  });

  test('the commissioner home counts the practices in the area', async ({ page }) => {
    await page.goto('/commissioner');
    await expect(page.getByRole('main')).toContainText(/\d+\s*GP practices in your area/);
    await page.getByRole('link', { name: 'See the practices in your area' }).click();
    await expect(page).toHaveURL('/organisations?type=practice');
    await expect(page.getByLabel('Organisation type')).toHaveValue('practice');
    await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText(/of \d+ organisations/);
    await expectNoAxeViolations(page, 'directory filtered to practices');

    // Paging keeps the filter.
    await page.getByRole('navigation', { name: 'Organisation results pages' }).getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/type=practice/);
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByRole('navigation', { name: 'Organisation results pages' }).locator('[aria-current="page"]')).toHaveText(/2/);
    await expectNoAxeViolations(page, 'directory page 2');
  });

  test('searching by postcode and by ODS code finds A81001, which opens', async ({ page }) => {
    await page.goto('/organisations');
    await expectNoAxeViolations(page, 'directory');

    await page.getByLabel('Search by name, ODS code or postcode').fill('TS18 1HU');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/q=TS18\+1HU/);
    const results = page.getByRole('table');
    await expect(results).toContainText('A81001');
    await expectNoAxeViolations(page, 'directory searched by postcode');

    await page.getByLabel('Search by name, ODS code or postcode').fill('a81001');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText('of 1 organisation');
    await results.getByRole('link', { name: /THE DENSHAM SURGERY/i }).click();

    await expect(page).toHaveURL('/organisations/A81001');
    const main = page.getByRole('main');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/THE DENSHAM SURGERY/i);
    await expect(main).toContainText('TS18 1HU');
    await expect(main).toContainText('STOCKTON PCN');
    await expect(main).toContainText('QHM');
    await expect(main).toContainText('Registered patients');
    // Commissioners see the details, not the user management.
    await expect(page.getByRole('region', { name: 'Invite a user to this organisation' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'organisation detail (commissioner)');
  });

  test('a practice outside the commissioner’s ICB is not found', async ({ page }) => {
    // E83003 is a north London practice, not in North East and North Cumbria (QHM).
    const response = await page.goto('/organisations/E83003');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page).toHaveTitle(/Page not found/);
    await expectNoAxeViolations(page, '404 for an organisation outside the area');
  });
});
