import { expect, expectNoAxeViolations, test } from '../fixtures';

// Emis Web GP (demo catalogue): £1.26 per patient per year. The demo practice A81001 has 3,904
// registered patients, so a year costs £4,919.04.
const ITEM = '10000-001';

const pounds = (pence: number) => `£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;

test('anonymous visitors are asked to sign in to estimate', async ({ page }) => {
  await page.goto(`/solutions/${ITEM}`);
  const section = page.getByRole('region', { name: 'Cost estimate' });
  await expect(section.getByRole('link', { name: 'Sign in to estimate' })).toHaveAttribute('href', new RegExp(`/sign-in\\?redirectTo=.*${ITEM}`));
  await expectNoAxeViolations(page, 'solution page, signed out');
});

test('a practice manager sees a cost estimate for their practice that matches the API, and changes the term', async ({ page, login }) => {
  await login('practice_manager');
  await page.goto(`/solutions/${ITEM}`);
  const section = page.getByRole('region', { name: 'Cost estimate' });
  await expect(section.getByRole('heading', { name: /Estimate for .*\(A81001\)/ })).toBeVisible();
  await expect(section).toContainText('3,904 registered patients');

  const api = await page.request.get(`/api/catalogue/items/${ITEM}/estimate`);
  expect(api.status()).toBe(200);
  const estimate = (await api.json()) as { totals: { oneOffPence: number; monthlyPence: number; annualPence: number; wholeTermPence: number } };
  expect(estimate.totals).toEqual({ oneOffPence: 0, monthlyPence: 40992, annualPence: 491904, wholeTermPence: 1475712 });
  await expect(page.getByTestId('total-one-off')).toHaveText(pounds(estimate.totals.oneOffPence));
  await expect(page.getByTestId('total-monthly')).toHaveText(pounds(estimate.totals.monthlyPence));
  await expect(page.getByTestId('total-annual')).toHaveText('£4,919.04');
  await expect(page.getByTestId('total-whole-term')).toHaveText('£14,757.12');
  const breakdown = page.getByRole('table', { name: 'Cost breakdown by price and practice' });
  await expect(breakdown).toContainText('£1.26 per patient per year');
  await expect(breakdown).toContainText('3,904 patients');
  await expectNoAxeViolations(page, 'cost estimate');

  // A term beyond the framework maximum: error summary and a message on the field.
  await section.getByLabel('Contract term in months').fill('40');
  await section.getByRole('button', { name: 'Update estimate' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a contract term from 1 to 36 months');
  await expect(section.getByLabel('Contract term in months')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'cost estimate with an error');

  // Two years: the whole term follows, and still matches the API.
  await section.getByLabel('Contract term in months').fill('24');
  await section.getByRole('button', { name: 'Estimate cost' }).click();
  await expect(page).toHaveURL(/termMonths=24/);
  const twoYears = (await (await page.request.get(`/api/catalogue/items/${ITEM}/estimate?termMonths=24`)).json()) as typeof estimate;
  expect(twoYears.totals.wholeTermPence).toBe(983808);
  await expect(page.getByTestId('total-whole-term')).toHaveText(pounds(twoYears.totals.wholeTermPence));
  await expect(page.getByTestId('estimate-totals')).toContainText('Whole term (24 months)');
  await expectNoAxeViolations(page, 'cost estimate over 24 months');
});

test('a commissioner estimates for chosen practices in their ICB', async ({ page, login }) => {
  await login('commissioner');
  await page.goto(`/solutions/${ITEM}`);
  const section = page.getByRole('region', { name: 'Cost estimate' });
  const practices = section.getByLabel('Practices');

  // Nothing chosen yet: no estimate until practices are entered.
  await expect(page.getByTestId('cost-estimate')).toHaveCount(0);
  await section.getByRole('button', { name: 'Estimate cost' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the ODS code of at least one practice');
  await expectNoAxeViolations(page, 'commissioner estimate without practices');

  // A practice in another ICB is "not in your area".
  await practices.fill('A81001\nA82003');
  await section.getByRole('button', { name: 'Estimate cost' }).click();
  await expect(page.getByRole('alert')).toContainText('A82003 is not a practice in your area');

  await practices.fill('A81001\nA81002');
  await section.getByRole('button', { name: 'Estimate cost' }).click();
  await expect(section.getByRole('heading', { name: 'Estimate for 2 practices' })).toBeVisible();
  const api = (await (await page.request.get(`/api/catalogue/items/${ITEM}/estimate?practices=A81001,A81002`)).json()) as { totals: { annualPence: number; wholeTermPence: number } };
  // (3,904 + 18,758) × £1.26 = £28,554.12 a year
  expect(api.totals.annualPence).toBe(2855412);
  await expect(page.getByTestId('total-annual')).toHaveText('£28,554.12');
  await expect(page.getByTestId('total-whole-term')).toHaveText(pounds(api.totals.wholeTermPence));
  await expect(page.getByRole('table', { name: 'Cost breakdown by price and practice' })).toContainText('Subtotal');
  await expectNoAxeViolations(page, 'commissioner estimate for two practices');
});
