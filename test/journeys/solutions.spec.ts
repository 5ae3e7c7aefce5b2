import type { Page } from '@playwright/test';
import { DEMO, expect, expectNoAxeViolations, signInByApi, test } from '../fixtures';

type Facet = { value: string; label: string; count: number; selected: boolean };
type SearchResults = {
  items: Array<{ id: string; name: string; capabilities: Array<{ ref: string; name: string }>; hostingTypes: Array<{ key: string; name: string }> }>;
  total: number;
  facets: Record<string, Facet[]>;
};

/** The checkbox of one facet value: its label says the value and its count. */
function facetBox(page: Page, legend: string, f: Facet) {
  return page.getByRole('group', { name: legend }).getByRole('checkbox', { name: `${f.label} (${f.count})`, exact: true });
}

/** The "Showing 1 to n of N solutions" line, as numbers. */
async function shownCount(page: Page): Promise<number> {
  const text = (await page.getByRole('status').filter({ hasText: /solution/ }).textContent()) ?? '';
  const match = text.replace(/,/g, '').match(/of (\d+) solutions?/);
  expect(match, `result count in "${text}"`).not.toBeNull();
  return Number(match![1]);
}

test.describe('finding solutions (anonymous)', () => {
  test('search "appointments", filter by a capability and a hosting type: only matching results, counts agree with the API', async ({ page, request }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find solutions' }).click();
    await expect(page).toHaveURL('/solutions');
    await expect(page.getByRole('heading', { level: 1, name: 'Find solutions' })).toBeVisible();
    await expectNoAxeViolations(page, 'find solutions');

    await page.getByLabel('Search by name, supplier or what it does').fill('appointments');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page).toHaveURL(/q=appointments/);
    await expectNoAxeViolations(page, 'search for appointments');

    // Pick a capability the results have, as the API counts it.
    const first = (await (await request.get('/api/catalogue/search?q=appointments')).json()) as SearchResults;
    const capability = first.facets.capability.find((f) => /appointment/i.test(f.label) && f.count > 0) ?? first.facets.capability.find((f) => f.count > 0);
    expect(capability, 'a capability among the appointments results').toBeTruthy();
    await expect(await shownCount(page)).toBe(first.total);
    await facetBox(page, 'Capability', capability!).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`capability=${capability!.value}`));

    const second = (await (await request.get(`/api/catalogue/search?q=appointments&capability=${capability!.value}`)).json()) as SearchResults;
    expect(second.total).toBe(capability!.count);
    const hosting = second.facets.hostingType.find((f) => f.count > 0);
    expect(hosting, 'a hosting type among the filtered results').toBeTruthy();
    await facetBox(page, 'Hosting type', hosting!).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`hostingType=${hosting!.value}`));
    await expect(page).toHaveURL(new RegExp(`capability=${capability!.value}`));
    await expectNoAxeViolations(page, 'search filtered by capability and hosting type');

    const api = (await (
      await request.get(`/api/catalogue/search?q=appointments&capability=${capability!.value}&hostingType=${hosting!.value}`)
    ).json()) as SearchResults;
    const shown = await shownCount(page);
    expect(shown).toBe(api.total);
    expect(shown).toBe(hosting!.count);
    // The chosen facet values say the same count and stay ticked.
    const chosenHosting = api.facets.hostingType.find((f) => f.value === hosting!.value)!;
    expect(chosenHosting.count).toBe(shown);
    await expect(facetBox(page, 'Hosting type', chosenHosting)).toBeChecked();

    const results = page.getByTestId('search-result');
    await expect(results).toHaveCount(Math.min(shown, 20));
    for (const result of await results.all()) {
      await expect(result.getByTestId('result-capabilities')).toContainText(capability!.value);
      await expect(result.getByTestId('result-hosting')).toContainText(hosting!.label);
    }
    expect(await results.getByRole('heading').allTextContents()).toEqual(api.items.map((i) => i.name));
  });

  test('compare three solutions: differing rows are marked, and "show only differences" hides the rest', async ({ page }) => {
    await page.goto('/solutions');
    const results = page.getByTestId('search-result');
    expect(await results.count()).toBeGreaterThanOrEqual(3);

    // One is not enough.
    await results.nth(0).getByRole('checkbox', { name: /^Compare/ }).check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    await expect(page.getByRole('alert')).toContainText('Select at least 2 solutions to compare');
    await expectNoAxeViolations(page, 'compare with one chosen');

    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      names.push((await results.nth(i).getByRole('heading').textContent())!.trim());
      await results.nth(i).getByRole('checkbox', { name: /^Compare/ }).check();
    }
    await page.getByRole('button', { name: 'Compare selected' }).click();
    await expect(page).toHaveURL(/\/solutions\/compare\?items=[^&]+,[^&]+,[^&]+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Compare solutions' })).toBeVisible();
    for (const name of names) await expect(page.getByRole('columnheader', { name }).first()).toBeVisible();
    await expectNoAxeViolations(page, 'comparison');

    const differing = page.locator('tr[data-differs="true"]');
    const equal = page.locator('tr[data-differs="false"]');
    expect(await differing.count()).toBeGreaterThan(0);
    expect(await equal.count()).toBeGreaterThan(0);
    // Marked in words, not only by colour.
    for (const row of await differing.all()) await expect(row.getByRole('rowheader')).toContainText('Differs');
    for (const row of await equal.all()) await expect(row.getByRole('rowheader')).not.toContainText('Differs');
    const differingCount = await differing.count();

    const csv = page.getByRole('link', { name: /Download CSV/ });
    await expect(csv).toHaveAttribute('href', /^\/api\/catalogue\/compare\.csv\?items=/);

    await page.getByRole('switch', { name: 'Show only differences' }).check();
    await page.getByRole('button', { name: 'Update' }).click();
    await expect(page).toHaveURL(/only=differences/);
    await expect(equal).toHaveCount(0);
    await expect(differing).toHaveCount(differingCount);
    await expectNoAxeViolations(page, 'comparison, only differences');
  });

  test('the lapsed solution says it is lapsed and cannot be ordered', async ({ page, request }) => {
    const lapsed = (await (await request.get('/api/catalogue/search?accreditation=lapsed')).json()) as SearchResults;
    expect(lapsed.items.length, 'a lapsed demo solution').toBeGreaterThan(0);
    const item = lapsed.items[0];
    await page.goto(`/solutions/${item.id}`);
    await expect(page.getByRole('heading', { level: 1, name: item.name })).toBeVisible();
    const panel = page.getByTestId('accreditation-panel');
    await expect(panel).toContainText('Lapsed');
    await expect(panel).toContainText('cannot currently be ordered');
    await expect(page.getByRole('heading', { name: 'Conformance' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Prices' })).toBeVisible();
    await expectNoAxeViolations(page, 'lapsed solution page');
  });

  test('a solution page lists, per capability, exactly the epics the API says are met', async ({ page, request }) => {
    type Epic = { id: string; name: string; compliancy: string; met: boolean };
    const item = (await (await request.get('/api/catalogue/items/10000-001')).json()) as {
      name: string;
      capabilities: Array<{ ref: string; name: string; epics: Epic[] }>;
    };
    const capability = item.capabilities.find((c) => c.epics.some((e) => e.met) && c.epics.some((e) => !e.met)) ?? item.capabilities.find((c) => c.epics.some((e) => e.met));
    expect(capability, 'a capability with epics met').toBeTruthy();
    const met = capability!.epics.filter((e) => e.met);
    await page.goto('/solutions/10000-001');
    await expect(page.getByRole('heading', { level: 1, name: item.name })).toBeVisible();
    const block = page.locator('section[aria-labelledby="capabilities"] > div').filter({ has: page.getByRole('heading', { level: 3, name: `${capability!.ref} ${capability!.name}`, exact: true }) });
    await block.getByText(`Epics met (${met.length})`).click();
    await expect(block.getByRole('listitem')).toHaveText(met.map((e) => `${e.id} ${e.name} (${e.compliancy})`));
  });

  test('a draft item is "page not found" to the public', async ({ page, playwright, baseURL }) => {
    const vendor = await playwright.request.newContext({ baseURL: baseURL! });
    const { csrfToken } = await signInByApi(vendor, DEMO.vendor.email);
    const drafts = (await (await vendor.get('/api/vendor/items?status=draft')).json()) as { items: Array<{ id: string }> };
    let draftId = drafts.items[0]?.id;
    if (!draftId) {
      // The demo supplier's seeded items are all published: start a new one, which is a draft.
      const created = await vendor.post('/api/vendor/items', {
        data: { type: 'solution', name: `Journey draft ${Date.now().toString(36)}` },
        headers: { 'X-CSRF-Token': csrfToken },
      });
      expect(created.status(), await created.text()).toBe(201);
      draftId = ((await created.json()) as { id: string }).id;
    }
    await vendor.dispose();
    // The public API does not show it either.
    expect((await page.request.get(`/api/catalogue/items/${draftId}`)).status()).toBe(404);

    const response = await page.goto(`/solutions/${draftId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Page not found');
    await expectNoAxeViolations(page, 'draft item 404');
  });

  test('a misspelt search offers "did you mean", and matches are marked in the summaries', async ({ page, request }) => {
    const api = (await (await request.get('/api/catalogue/search?q=apointmnts')).json()) as SearchResults & { fuzzy: boolean; didYouMean?: string };
    await page.goto('/solutions?q=apointmnts');
    if (api.fuzzy && api.didYouMean) {
      await expect(page.getByRole('main')).toContainText('Did you mean');
      await page.getByRole('link', { name: api.didYouMean, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(api.didYouMean)}`));
    } else {
      await page.goto('/solutions?q=appointments');
    }
    await expect(page.getByTestId('search-result').first()).toBeVisible();
    // Highlights are <mark> elements made from the API's parts, never HTML from the API.
    await expect(page.getByTestId('search-result').locator('mark').first()).toBeVisible();
    await expectNoAxeViolations(page, 'search with highlights');
  });

  test('the search form works with the keyboard alone', async ({ page }) => {
    await page.goto('/solutions');
    const focusedName = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName}:${el.id}:${el.textContent?.trim() ?? ''}` : '';
    });
    async function tabUntil(test: (name: string) => boolean, max = 120) {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (test(await focusedName())) return;
      }
      throw new Error('never reached by Tab');
    }

    await tabUntil((n) => n.startsWith('INPUT:q:'));
    await page.keyboard.type('appointments');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/q=appointments/);

    // To the first capability filter, tick it with Space, then on to "Apply filters".
    await tabUntil((n) => n.startsWith('INPUT:capability-'));
    const ticked = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    await page.keyboard.press('Space');
    await tabUntil((n) => n.startsWith('BUTTON::Apply filters'));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`capability=${ticked}`));
    await expect(page).toHaveURL(/q=appointments/);

    // Sort by name with the keyboard.
    await tabUntil((n) => n.startsWith('SELECT:sort:'));
    await page.keyboard.press('ArrowDown'); // Name (A to Z)
    await tabUntil((n) => n.startsWith('BUTTON::Sort'));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/sort=name/);

    // Open the first result.
    const firstName = (await page.getByTestId('search-result').first().getByRole('heading').textContent())!.trim();
    await tabUntil((n) => n === `A::${firstName}`);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: firstName })).toBeVisible();
    await expectNoAxeViolations(page, 'solution opened from the keyboard');
  });
});
