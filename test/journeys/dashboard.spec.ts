import { expect, expectNoAxeViolations, test } from '../fixtures';

const pct = (n: number) => `${n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

test('a commissioner sees the market-share chart and its table, matching the API', async ({ page, login }) => {
  await login('commissioner');
  await page.goto('/commissioner');
  await page.getByRole('link', { name: /^Dashboard/ }).click();
  await expect(page).toHaveURL('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dashboard:');

  const section = page.getByRole('region', { name: 'Market share of principal clinical systems' });
  await expect(section.getByRole('img', { name: /Market share of clinical systems in/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Herfindahl–Hirschman index of clinical systems/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Annual spend by supplier/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Contracts by notice deadline month/ })).toBeVisible();
  await expectNoAxeViolations(page, 'dashboard');

  // Other journeys may add contracts meanwhile: compare a page and an API answer taken together.
  await expect(async () => {
    await page.reload();
    const api = await (await page.request.get('/api/dashboard')).json();
    await section.getByText('Show the data as a table').click();
    const table = section.getByRole('table', { name: 'Market share of clinical systems by supplier' });
    await expect(table).toBeVisible();
    expect(api.marketShare.suppliers.length).toBeGreaterThan(0);
    await expect(table.locator('tbody tr')).toHaveCount(api.marketShare.suppliers.length);
    for (const s of api.marketShare.suppliers) {
      const cells = table.locator(`tr[data-supplier="${s.key}"]`);
      await expect(cells.locator('th')).toHaveText(s.name);
      const tds = cells.locator('td');
      await expect(tds.nth(0)).toHaveText(s.practices.toLocaleString('en-GB'));
      await expect(tds.nth(2)).toHaveText(s.patients.toLocaleString('en-GB'));
      if (s.key !== 'not-recorded') {
        await expect(tds.nth(1)).toHaveText(pct(s.practicesPercent));
        await expect(tds.nth(3)).toHaveText(pct(s.patientsPercent));
      }
    }
    await expect(page.getByTestId('hhi-now')).toContainText(api.marketShare.hhiByPractices.toLocaleString('en-GB'));
  }).toPass({ timeout: 20_000 });
  await expectNoAxeViolations(page, 'dashboard with the market-share table open');
});

test('an operator chooses an area', async ({ page, login }) => {
  await login('operator');
  await page.goto('/dashboard');
  await page.getByLabel('ICB or sub-ICB location code').fill('16C');
  await page.getByRole('button', { name: 'Show dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dashboard:');
  await expect(page.getByRole('img', { name: /Market share of clinical systems in/ })).toBeVisible();
  await expectNoAxeViolations(page, 'dashboard (operator, sub-ICB)');
});

test('a commissioner asking for another ICB is told they cannot', async ({ page, login }) => {
  await login('commissioner');
  await page.goto('/dashboard?area=QOX');
  await expect(page.getByRole('alert')).toContainText('your own area');
  await expectNoAxeViolations(page, 'dashboard refused');
});
