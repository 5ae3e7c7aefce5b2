import { expect, expectNoAxeViolations, test } from '../fixtures';

test('an invalid price shows field errors and nothing is saved', async ({ page, login }) => {
  await login('vendor');
  await page.goto('/vendor/items/10000-054/prices');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prices');
  await expectNoAxeViolations(page, 'prices section');

  // Typed in the form: too many decimal places of a pound.
  const prices = page.locator('fieldset[id^="prices-"]');
  const n = await prices.count();
  await page.getByRole('button', { name: 'Add a price' }).click();
  await expect(prices).toHaveCount(n + 1);
  await expect(page.locator(`#prices-${n}-tiers-0-price`)).toBeVisible();
  await page.locator(`#prices-${n}-tiers-0-price`).fill('1.23456');
  await page.getByRole('button', { name: 'Save prices' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText(`Price ${n + 1}, tier 1 must be an amount in pounds with up to 4 decimal places`);
  await expect(page.locator(`#prices-${n}-tiers-0-price`)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`#prices-${n}-tiers-0-price`)).toHaveValue('1.23456');
  await expectNoAxeViolations(page, 'prices with a field error');

  // Refused by the API: the last tier must be open-ended; its message lands on the field.
  await page.locator(`#prices-${n}-tiers-0-price`).fill('0.017');
  await page.locator(`#prices-${n}-tiers-0-to`).fill('5');
  await page.getByRole('button', { name: 'Save prices' }).click();
  await expect(page.getByRole('alert')).toContainText('the last tier is open-ended');
  await expect(page.locator(`#prices-${n}-tiers-0-to`)).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('alert').getByRole('link', { name: /the last tier is open-ended/ }).click();
  await expect(page.locator(`#prices-${n}-tiers-0-to`)).toBeFocused();

  await page.goto('/vendor/items/10000-054');
  await expect(page.locator('dl').filter({ hasText: 'Changes in progress' }).first()).toContainText('None');
  const item = await page.request.get('/api/vendor/items/10000-054');
  expect((await item.json()).draft).toBeNull();
});

test('a vendor sees accreditation and its supplier profile', async ({ page, login }) => {
  await login('vendor');
  await page.goto('/vendor/assessments');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accreditation of your items');
  await expectNoAxeViolations(page, 'vendor accreditation');
  await page.getByRole('link', { name: 'Emis Web GP' }).click();
  await expect(page).toHaveURL('/vendor/items/10000-001/assessment');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Assessment of Emis Web GP');
  await expectNoAxeViolations(page, 'vendor item assessment');

  await page.goto('/vendor/supplier');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your supplier profile');
  await expectNoAxeViolations(page, 'supplier profile');
  await page.getByLabel('Companies House number (optional)').fill('not a number');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('alert')).toContainText('Companies House');
  await expect(page.getByLabel('Companies House number (optional)')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'supplier profile with an error');
  await page.getByLabel('Companies House number (optional)').fill('01234567');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toContainText('Your supplier profile has been saved');
});

test('a vendor cannot moderate and cannot open another supplier’s item', async ({ page, login }) => {
  await login('vendor');
  const forbidden = await page.goto('/operator/moderation');
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
  await expectNoAxeViolations(page, '403 on moderation');

  for (const path of ['/vendor/items/10004-001', '/vendor/items/10004-001/summary']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  }
  await expectNoAxeViolations(page, '404 for another supplier’s item');
});

test('the operator records an expired capability result and the solution becomes Lapsed', async ({ page, login }) => {
  await login('operator');
  await page.goto('/operator');
  await page.getByRole('link', { name: 'Catalogue items' }).click();
  await expectNoAxeViolations(page, 'find an item');
  await page.getByLabel('Catalogue item id').fill('not an id');
  await page.getByRole('button', { name: 'Find item' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a catalogue item id');
  await page.getByLabel('Catalogue item id').fill('10035-001');
  await page.getByRole('button', { name: 'Find item' }).click();
  await expect(page).toHaveURL('/operator/items/10035-001');
  await page.getByRole('link', { name: 'assessment results' }).click();
  await expect(page).toHaveURL('/operator/assessments/10035-001');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Assessment of /);
  await expectNoAxeViolations(page, 'operator assessment');
  await page.getByRole('link', { name: /^Record result for capability/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Record a result for capability/);
  await expectNoAxeViolations(page, 'record a result');

  await page.getByLabel('Result').selectOption('passed_full');
  await page.getByLabel('Assessor').fill('Journey Assessor (assurance team)');
  await page.getByLabel('Date assessed').fill('2024-01-10');
  await page.getByLabel('Expiry date (optional)').fill('2025-01-10');
  await page.getByRole('button', { name: 'Save result' }).click();

  await expect(page).toHaveURL(/\/operator\/assessments\/10035-001\?saved=/);
  await expect(page.getByRole('status')).toContainText('Accreditation is now Lapsed');
  await expect(page.locator('#accreditation-summary')).toContainText('Lapsed');
  await expectNoAxeViolations(page, 'operator assessment after saving');

  await page.getByRole('link', { name: 'Publication status of this item' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Change its publication status' })).toBeVisible();
  await expectNoAxeViolations(page, 'operator item publication');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByRole('alert')).toContainText('Select what to do');
  await page.getByLabel('Put in remediation').check();
  await page.getByLabel('Reason').fill('Capability results have expired; reassessment booked.');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByRole('status')).toContainText('from Published to In remediation');
  await expect(page.getByLabel('Reinstate')).toBeVisible();
});
