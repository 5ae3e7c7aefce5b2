import { DEMO, expect, expectNoAxeViolations, signInByApi, test } from '../fixtures';

const unique = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

test('a vendor changes an integration in place; an invalid change shows a field error and saves nothing', async ({ page }) => {
  const { csrfToken } = await signInByApi(page.request, DEMO.vendor.email);
  const headers = { 'X-CSRF-Token': csrfToken };

  // A solution of its own with two integrations, so no other journey's listing changes.
  const created = await page.request.post('/api/vendor/items', { headers, data: { type: 'solution', name: `Journey integrations ${unique()}` } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const before = (await (await page.request.get(`/api/vendor/items/${id}`)).json()).draft.content;
  const integrations = [
    { integration: 'IM1', type: 'Bulk', role: 'provider', integratesWith: 'EMIS Web' },
    { integration: 'GP Connect', type: 'Send Document', role: 'consumer' },
  ];
  const saved = await page.request.put(`/api/vendor/items/${id}/draft`, { headers, data: { ...before, integrations } });
  expect(saved.ok(), await saved.text()).toBeTruthy();
  const draftIntegrations = async () => (await (await page.request.get(`/api/vendor/items/${id}`)).json()).draft.content.integrations;
  const original = await draftIntegrations();
  expect(original).toMatchObject(integrations);

  await page.goto(`/vendor/items/${id}/integrations`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Integrations');
  await expectNoAxeViolations(page, 'integrations with Change links');

  await page.getByRole('link', { name: 'Change IM1: Bulk (provider), with EMIS Web' }).click();
  await expect(page).toHaveURL(`/vendor/items/${id}/integrations?edit=0`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change an integration');
  await expect(page.getByLabel('Integration', { exact: true })).toHaveValue('IM1|Bulk');
  await expect(page.getByLabel('Role (IM1 and GP Connect)')).toHaveValue('provider');
  await expect(page.getByLabel('System it integrates with (optional)')).toHaveValue('EMIS Web');
  await expectNoAxeViolations(page, 'change an integration');

  // Refused by the API: an NHS App integration needs a description. The message lands on the field.
  await page.getByLabel('Integration', { exact: true }).selectOption('NHS App|Online Consultations');
  await page.getByRole('button', { name: 'Save integration' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('NHS App integrations need a description');
  const description = page.getByLabel('Description (needed for NHS App integrations)');
  await expect(description).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Integration', { exact: true })).toHaveValue('NHS App|Online Consultations');
  await expectNoAxeViolations(page, 'change an integration with an error');
  await summary.getByRole('link', { name: 'NHS App integrations need a description' }).click();
  await expect(description).toBeFocused();
  expect(await draftIntegrations()).toEqual(original);

  // A valid change: saved, back on the list with a message; the other integration is untouched.
  await page.getByLabel('Integration', { exact: true }).selectOption('IM1|Transactional');
  await description.fill('Reads and books appointments');
  await page.getByRole('button', { name: 'Save integration' }).click();
  await expect(page).toHaveURL(`/vendor/items/${id}/integrations?changed=0`);
  await expect(page.getByRole('status').filter({ hasText: 'Integration changed to IM1: Transactional (provider), with EMIS Web' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Remove IM1: Transactional (provider), with EMIS Web' })).toBeVisible();
  await expectNoAxeViolations(page, 'integrations after a change');
  const after = await draftIntegrations();
  expect(after).toHaveLength(2);
  expect(after[0]).toMatchObject({ integration: 'IM1', type: 'Transactional', role: 'provider', integratesWith: 'EMIS Web', description: 'Reads and books appointments' });
  expect(after[1]).toEqual(original[1]);

  // An integration the listing does not have is "page not found".
  const missing = await page.goto(`/vendor/items/${id}/integrations?edit=7`);
  expect(missing?.status()).toBe(404);
});

test('a practice manager renames a shortlist; an empty or taken name shows a field error', async ({ page }) => {
  const { csrfToken } = await signInByApi(page.request, DEMO.practice_manager.email);
  const headers = { 'X-CSRF-Token': csrfToken };
  const make = async (name: string) => {
    const response = await page.request.post('/api/shortlists', { headers, data: { name, filters: { type: 'solution', q: 'appointments' }, itemIds: [] } });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const name = `Rename me ${unique()}`;
  const taken = `Taken ${unique()}`;
  const id = await make(name);
  const other = await make(taken);

  await page.goto(`/shortlists/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const field = page.getByLabel('Shortlist name');
  await expect(field).toHaveValue(name);
  await expectNoAxeViolations(page, 'shortlist with the rename form');

  await field.fill('   ');
  await page.getByRole('button', { name: 'Rename shortlist' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a name for the shortlist');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'rename with an empty name');

  // The API refuses a name the organisation already uses (409): still an error on the field.
  await field.fill(taken);
  await page.getByRole('button', { name: 'Rename shortlist' }).click();
  await expect(page.getByRole('alert')).toContainText('already has a shortlist called');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue(taken);
  await expectNoAxeViolations(page, 'rename with a taken name');

  const renamed = `Renamed ${unique()}`;
  await field.fill(renamed);
  await page.getByRole('button', { name: 'Rename shortlist' }).click();
  await expect(page).toHaveURL(`/shortlists/${id}?renamed=1`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(renamed);
  await expect(page.getByRole('status').filter({ hasText: `The shortlist has been renamed to “${renamed}”` })).toBeVisible();
  await expectNoAxeViolations(page, 'shortlist after renaming');
  expect((await (await page.request.get(`/api/shortlists/${id}`)).json()).name).toBe(renamed);

  for (const s of [id, other]) expect((await page.request.delete(`/api/shortlists/${s}`, { headers })).status()).toBe(204);
});

test('typing in the search box suggests solutions; Down then Enter opens one', async ({ page, request }) => {
  const expected = (await (await request.get('/api/catalogue/suggest?q=docm&type=solution')).json()) as { id: string; name: string }[];
  expect(expected.length, 'suggestions for "docm"').toBeGreaterThan(0);

  await page.goto('/solutions');
  // It becomes a combobox once the page's scripts run.
  const box = page.getByRole('combobox', { name: 'Search by name, supplier or what it does' });
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expectNoAxeViolations(page, 'search box before typing');

  await box.fill('a');
  await page.waitForTimeout(600);
  await expect(box).toHaveAttribute('aria-expanded', 'false');

  await box.fill('docm');
  const list = page.getByRole('listbox', { name: 'Suggestions' });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const options = list.getByRole('option');
  await expect(options).toHaveCount(expected.length);
  await expect(options.first()).toContainText(expected[0].name);
  await expect(page.getByRole('status').filter({ hasText: /suggestions?\. Use the up and down arrows/ })).toHaveCount(1);
  await expectNoAxeViolations(page, 'search box with suggestions');

  // Escape closes the list and keeps what was typed.
  await box.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveValue('docm');

  // Down opens it again on the first suggestion; focus stays in the box.
  await box.press('ArrowDown');
  await expect(list).toBeVisible();
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
  await expect(box).toBeFocused();
  await expectNoAxeViolations(page, 'search box with a suggestion chosen');

  await box.press('Enter');
  await expect(page).toHaveURL(`/solutions/${expected[0].id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(expected[0].name);
});

test('without JavaScript the search box is a plain field of the search form', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/solutions');
  // A search box, not a combobox: nothing pops up without scripts.
  const box = page.getByRole('searchbox', { name: 'Search by name, supplier or what it does' });
  await expect(box).not.toHaveAttribute('aria-expanded');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await box.fill('appointments');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\/solutions\?q=appointments/);
  await context.close();
});

test('without JavaScript the rename form checks the name on the server', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const { csrfToken } = await signInByApi(page.request, DEMO.commissioner.email);
  const headers = { 'X-CSRF-Token': csrfToken };
  const name = `No script ${unique()}`;
  const created = await page.request.post('/api/shortlists', { headers, data: { name, filters: { type: 'solution' }, itemIds: [] } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/shortlists/${id}`);
  await page.getByLabel('Shortlist name').fill('');
  await page.getByRole('button', { name: 'Rename shortlist' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a name for the shortlist');
  await expect(page.getByLabel('Shortlist name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  const renamed = `Renamed without script ${unique()}`;
  await page.getByLabel('Shortlist name').fill(renamed);
  await page.getByRole('button', { name: 'Rename shortlist' }).click();
  await expect(page).toHaveURL(`/shortlists/${id}?renamed=1`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(renamed);
  expect((await page.request.delete(`/api/shortlists/${id}`, { headers })).status()).toBe(204);
  await context.close();
});
