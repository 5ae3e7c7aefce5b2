import { DEMO, expect, expectNoAxeViolations, signInByApi, test } from '../fixtures';

// These journeys change the demo listing 10000-062 and add items to supplier 10000; run in order.
test.describe.configure({ mode: 'serial' });

const SECTIONS: [string, string][] = [
  ['summary', 'Summary and description'],
  ['features', 'Features'],
  ['capabilities', 'Capabilities and epics'],
  ['frameworks', 'Frameworks'],
  ['integrations', 'Integrations'],
  ['application-types', 'Application types'],
  ['hosting-types', 'Hosting types'],
  ['implementation', 'Implementation'],
  ['roadmap', 'Roadmap'],
  ['service-levels', 'Service levels'],
  ['data-processing', 'Data processing'],
  ['prices', 'Prices'],
];

test('every section of a solution listing has its own accessible page', async ({ page, login }) => {
  await login('vendor');
  await page.goto('/vendor/items/10000-062');
  for (const [slug, title] of SECTIONS) {
    await expect(page.getByRole('link', { name: title, exact: true })).toHaveAttribute('href', `/vendor/items/10000-062/${slug}`);
  }
  for (const [slug, title] of SECTIONS) {
    await page.goto(`/vendor/items/10000-062/${slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expectNoAxeViolations(page, `section ${slug}`);
  }

  // Saving one section keeps the rest of the listing and starts a draft.
  await page.goto('/vendor/items/10000-062/features');
  await page.getByLabel('Features').fill('Video consultations\nSecure messaging\n\nScreen sharing');
  await page.getByRole('button', { name: 'Save and return' }).click();
  await expect(page).toHaveURL('/vendor/items/10000-062?saved=features');
  await expect(page.locator('dl').filter({ hasText: 'Changes in progress' }).first()).toContainText('Draft');
  const item = await (await page.request.get('/api/vendor/items/10000-062')).json();
  expect(item.draft.content.features).toEqual(['Video consultations', 'Secure messaging', 'Screen sharing']);
  expect(item.draft.content.prices).toEqual(item.liveContent.prices);
  expect(item.draft.content.capabilityIds).toEqual(item.liveContent.capabilityIds);
});

test('pressing Enter in a price saves the prices instead of adding or removing a tier', async ({ page, login }) => {
  await login('vendor');
  await page.goto('/vendor/items/10000-062/prices');
  const prices = page.locator('fieldset[id^="prices-"]');
  const n = await prices.count();
  const tiers = await page.locator('input[id^="prices-0-tiers-"][id$="-price"]').count();
  await page.locator('#prices-0-tiers-0-price').fill('2.5');
  await page.locator('#prices-0-tiers-0-price').press('Enter');
  await expect(page).toHaveURL('/vendor/items/10000-062?saved=prices');
  await page.goto('/vendor/items/10000-062/prices');
  await expect(prices).toHaveCount(n);
  await expect(page.locator('input[id^="prices-0-tiers-"][id$="-price"]')).toHaveCount(tiers);
  await expect(page.locator('#prices-0-tiers-0-price')).toHaveValue('2.50');
  await expectNoAxeViolations(page, 'prices after saving with Enter');
});

test('the price list editor works without JavaScript and keeps four decimal places exactly', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInByApi(page.request, DEMO.vendor.email);
  await page.goto('/vendor/items/10000-062/prices');
  const prices = page.locator('fieldset[id^="prices-"]');
  const n = await prices.count();
  await page.getByRole('button', { name: 'Add a price' }).click();
  await expect(prices).toHaveCount(n + 1);
  await page.locator(`#prices-${n}-priceType`).selectOption('tiered');
  await page.locator(`#prices-${n}-calculationType`).selectOption('volume');
  await page.locator(`#prices-${n}-unit`).fill('per SMS fragment');
  await page.locator(`#prices-${n}-tiers-0-to`).fill('1000');
  await page.locator(`#prices-${n}-tiers-0-price`).fill('0.017');
  await page.getByRole('button', { name: `Add a tier to price ${n + 1}` }).click();
  await expect(page.locator(`#prices-${n}-tiers-1-from`)).toHaveValue('1001');
  // What was typed survives the round trip.
  await expect(page.locator(`#prices-${n}-tiers-0-price`)).toHaveValue('0.017');
  await page.locator(`#prices-${n}-tiers-1-price`).fill('0.0125');
  await page.getByRole('button', { name: 'Save prices' }).click();
  await expect(page).toHaveURL('/vendor/items/10000-062?saved=prices');

  const item = await (await page.request.get('/api/vendor/items/10000-062')).json();
  const added = item.draft.content.prices[n];
  expect(added).toMatchObject({
    priceType: 'tiered',
    calculationType: 'volume',
    unit: 'per SMS fragment',
    tiers: [
      { from: 1, to: 1000, priceHundredthsOfPenny: 170 },
      { from: 1001, to: null, priceHundredthsOfPenny: 125 },
    ],
  });

  await page.goto('/vendor/items/10000-062/prices');
  await expect(page.locator(`#prices-${n}-tiers-0-price`)).toHaveValue('0.017');
  await expect(page.locator(`#prices-${n}-tiers-1-price`)).toHaveValue('0.0125');
  await page.getByRole('button', { name: `Remove price ${n + 1}` }).click();
  await expect(prices).toHaveCount(n);
  await context.close();
});

test('a vendor adds an associated service and sees what its listing still needs', async ({ page, login }) => {
  await login('vendor');
  await page.goto('/vendor/items');
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a name');
  await expectNoAxeViolations(page, 'add an item with an error');
  await page.getByLabel('Type of item').selectOption('associated_service');
  const name = `Journey training day ${Date.now().toString(36)}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page).toHaveURL(/\/vendor\/items\/10000-S-\d{3}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const tasks = page.getByRole('list', { name: 'Listing sections' });
  await expect(tasks.getByRole('listitem').filter({ hasText: 'Summary and description' })).toContainText('Incomplete');
  await expect(tasks.getByRole('link', { name: 'Capabilities and epics' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'new item task list');
});
