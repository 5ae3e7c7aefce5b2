import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO, expect, expectNoAxeViolations, signInByApi, test } from '../fixtures';

// Demo catalogue solutions priced per patient per year on TIF001 (36 months maximum): Emis Web GP
// (EMIS, £1.26), Audit+ and FrontDesk (supplier 10004, £0.22 and £0.19). AccuRx is on the
// shortlist too, and left out of the competition with a reason. Other journeys avoid changing these
// suppliers' solutions (alerts.spec.ts lapses one of its own).
const EMIS = { id: '10000-001', name: 'Emis Web GP' };
const AUDIT = { id: '10004-001', name: 'Audit+' };
const FRONTDESK = { id: '10004-002', name: 'FrontDesk' };
const ACCURX = { id: '10030-001', name: 'AccuRx' };
const COMPARED = [EMIS, AUDIT, FRONTDESK];
const TERM_MONTHS = 36;

type RankingRow = { itemId: string; name: string; supplierName: string; totalPoints: number; pricePoints: number; rank: number; priceScore: number };
type Result = { ranking: RankingRow[]; winners: string[]; tie: boolean };
type Competition = {
  id: string;
  name: string;
  status: string;
  criteria: { type: string | null; priceWeight: number | null; weights: Record<string, number> };
  preview: Result | null;
  results: Result | null;
  orderRef: string | null;
  solutions: { itemId: string; supplierCode: string; supplierName: string; wholeTermPence: number | null }[];
};

/** As the portal shows points: the API's integer / 10,000 to 4 decimal places. */
const points = (p: number) => `${Math.trunc(p / 10000)}.${String(p % 10000).padStart(4, '0')}`;

async function competitionFromApi(request: APIRequestContext, id: string): Promise<Competition> {
  const response = await request.get(`/api/competitions/${id}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Competition;
}

/** A saved shortlist with four chosen solutions, through the shortlists API (its UI has its own journey). */
async function shortlistByApi(request: APIRequestContext, name: string): Promise<string> {
  const { csrfToken } = await signInByApi(request, DEMO.practice_manager.email);
  const response = await request.post('/api/shortlists', {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { name, filters: {}, itemIds: [EMIS.id, AUDIT.id, FRONTDESK.id, ACCURX.id] },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function openTask(page: Page, name: string | RegExp) {
  await page.getByRole('list', { name: 'Competition tasks' }).getByRole('link', { name }).click();
}

async function expectTask(page: Page, name: string, status: string) {
  const item = page.getByRole('list', { name: 'Competition tasks' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText(status);
}

async function saveAndBack(page: Page) {
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('list', { name: 'Competition tasks' })).toBeVisible();
}

/** Tabs forward until the element with this accessible text has focus (keyboard only), then presses Enter. */
async function tabToAndPress(page: Page, text: string) {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
    if (focused === text) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`Could not reach “${text}” with the Tab key`);
}

/** The ranking table shows exactly the API's totals, ranks and winner. */
async function expectRankingAsApi(page: Page, result: Result) {
  const table = page.getByRole('table', { name: /Ranking/ });
  await expect(table).toBeVisible();
  for (const row of result.ranking) {
    const tr = page.getByTestId(`ranking-${row.itemId}`);
    await expect(tr.getByTestId('total-points')).toHaveText(points(row.totalPoints));
    await expect(tr.getByTestId('price-points')).toHaveText(points(row.pricePoints));
    await expect(tr.getByTestId('rank')).toHaveText(result.ranking.filter((r) => r.rank === row.rank).length > 1 ? `${row.rank} (tied)` : String(row.rank));
  }
  const winner = result.ranking.find((r) => r.itemId === result.winners[0])!;
  await expect(page.getByTestId('winner')).toContainText(winner.name);
  await expect(page.getByTestId('winner')).toContainText(points(winner.totalPoints));
}

test('a practice manager runs a competition with 3 solutions, completes it and awards the winner a draft order; another organisation cannot see it', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const shortlistName = `Competition shortlist ${stamp}`;
  const name = `Practice systems ${stamp}`;
  const shortlistId = await shortlistByApi(page.request, shortlistName);

  // Navigation shows competitions; from the shortlist to a new competition.
  await page.goto(`/shortlists/${shortlistId}`);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Competitions' })).toHaveAttribute('href', '/competitions');
  await page.getByRole('link', { name: /Start a competition/ }).click();
  await expect(page).toHaveURL(`/competitions/new?shortlist=${shortlistId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Start a competition' })).toBeVisible();
  await expect(page.getByRole('radio', { name: shortlistName })).toBeChecked();
  await expectNoAxeViolations(page, 'start a competition');
  // A name is needed.
  await page.getByRole('button', { name: 'Start competition' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a name for the competition');
  await expect(page.getByLabel('Name of the competition')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'start a competition with an error');
  await page.getByLabel('Name of the competition').fill(name);
  await page.getByRole('radio', { name: shortlistName }).check();
  await page.getByRole('button', { name: 'Start competition' }).click();
  await expect(page).toHaveURL(/\/competitions\/[0-9a-f-]{36}\?started=1$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('has been started');
  await expectNoAxeViolations(page, 'competition task list');
  const id = /\/competitions\/([0-9a-f-]{36})/.exec(page.url())![1];
  const competitionUrl = `/competitions/${id}`;

  // Solutions: three compared, AccuRx left out with a reason (a reason is required).
  await openTask(page, /solutions/i);
  await expect(page.getByRole('heading', { level: 1, name: 'Solutions in the competition' })).toBeVisible();
  await expectNoAxeViolations(page, 'solutions step');
  for (const s of COMPARED) await page.getByRole('group', { name: `Include ${s.name} in the competition?` }).getByRole('radio', { name: 'Yes, include it' }).check();
  await page.getByRole('group', { name: `Include ${ACCURX.name} in the competition?` }).getByRole('radio', { name: 'No, leave it out' }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText(`Enter why ${ACCURX.name} is left out`);
  await expect(page.getByLabel(`Why is ${ACCURX.name} left out?`)).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'solutions step with an error');
  await page.getByLabel(`Why is ${ACCURX.name} left out?`).fill('Messaging only: not the kind of system we are buying');
  await saveAndBack(page);
  await expectTask(page, 'solutions', 'Completed');

  // Recipients: the practice itself.
  await openTask(page, /recipients/i);
  await expect(page.getByRole('heading', { level: 1, name: 'Service recipients' })).toBeVisible();
  await expectNoAxeViolations(page, 'recipients step');
  await page.getByRole('checkbox', { name: /\(A81001\)/ }).check();
  await saveAndBack(page);

  // Term: TIF001, 36 months.
  await openTask(page, /term|length|framework/i);
  await expectNoAxeViolations(page, 'term step');
  await page.getByRole('radio', { name: /\(TIF001\)/ }).check();
  await page.getByLabel('Contract length in months').fill(String(TERM_MONTHS));
  await saveAndBack(page);

  // Prices: each solution has one per-patient price, chosen for the buyer; the whole-term cost shows once saved.
  await openTask(page, /price/i);
  await expect(page.getByRole('heading', { level: 1, name: 'Prices compared' })).toBeVisible();
  await expectNoAxeViolations(page, 'prices step');
  for (const s of COMPARED) await page.getByRole('group', { name: `Which price of ${s.name} do you want to compare?` }).getByRole('radio').first().check();
  await saveAndBack(page);
  await openTask(page, /price/i);
  const afterPrices = await competitionFromApi(page.request, id);
  for (const s of COMPARED) {
    const pence = afterPrices.solutions.find((x) => x.itemId === s.id)!.wholeTermPence!;
    expect(pence).toBeGreaterThan(0);
    await expect(page.getByTestId(`whole-term-${s.id}`)).toHaveText(`£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`);
  }
  await page.getByRole('link', { name: 'Back to the competition' }).click();

  // Criteria: weights that do not add up are refused on the field, and nothing is saved.
  await openTask(page, /criteria/i);
  await expect(page.getByRole('heading', { level: 1, name: 'Award criteria and weightings' })).toBeVisible();
  await expectNoAxeViolations(page, 'criteria step');
  await page.getByRole('radio', { name: 'Price and non-price' }).check();
  await page.getByLabel('Weighting for price (%)').fill('40');
  await page.getByLabel('Features (%)').fill('30');
  await page.getByLabel('Implementation (%)').fill('20');
  await page.getByLabel('Interoperability (%)').fill('30');
  await page.getByLabel('Service levels (%)').fill('0');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('There is a problem');
  await expect(alert).toContainText('The non-price weightings must add up to 100 (they add up to 80)');
  await expect(page.locator('#weights-error')).toContainText('must add up to 100');
  await expect(page.getByLabel('Features (%)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Weighting for price (%)')).toHaveValue('40');
  await expectNoAxeViolations(page, 'criteria step with an error');
  expect((await competitionFromApi(page.request, id)).criteria.type).toBeNull();
  await page.getByLabel('Service levels (%)').fill('20');
  await saveAndBack(page);
  const criteria = (await competitionFromApi(page.request, id)).criteria;
  expect(criteria).toEqual({ type: 'price_and_non_price', priceWeight: 40, weights: { features: 30, implementation: 20, interoperability: 30, serviceLevels: 20 } });

  // Requirements: MUST and SHOULD features, and an integration type.
  await openTask(page, /requirements/i);
  await expect(page.getByRole('heading', { level: 1, name: 'Requirements' })).toBeVisible();
  await expectNoAxeViolations(page, 'requirements step');
  await page.getByLabel('Requirement 1', { exact: true }).fill('Patients can book appointments online');
  await page.getByLabel('Requirement 2', { exact: true }).fill('Reports on practice activity');
  await page.getByLabel('Priority of requirement 2').selectOption('should');
  await page.getByRole('checkbox', { name: 'IM1: Bulk' }).check();
  await saveAndBack(page);

  // Scores: one page per solution, a 1–5 score and a justification for each element.
  await openTask(page, /scor/i);
  await expect(page.getByRole('heading', { level: 1, name: 'Score the solutions' })).toBeVisible();
  await expectNoAxeViolations(page, 'scores');
  await page.getByRole('list', { name: 'Solutions to score' }).getByRole('link', { name: COMPARED[0].name }).click();
  const plan: Record<string, number[]> = { [EMIS.id]: [5, 4, 5, 4], [AUDIT.id]: [4, 4, 3, 4], [FRONTDESK.id]: [3, 3, 2, 3] };
  const elements = ['Features', 'Implementation', 'Interoperability', 'Service levels'];
  for (const [n, s] of COMPARED.entries()) {
    await expect(page.getByRole('heading', { level: 1, name: `Score ${s.name}` })).toBeVisible();
    if (n === 0) {
      // Nothing entered: an error for each element.
      await page.getByRole('button', { name: /^Save/ }).click();
      await expect(page.getByRole('alert')).toContainText('Choose a score from 1 to 5 for features');
      await expect(page.getByRole('alert')).toContainText('Enter the justification for the service levels score');
    }
    await expectNoAxeViolations(page, `score ${s.name}`);
    for (const [i, element] of elements.entries()) {
      await page.getByRole('group', { name: `${element} score for ${s.name}` }).getByRole('radio', { name: new RegExp(`^${plan[s.id][i]} – `) }).check();
      await page.getByLabel(`Why this ${element.toLowerCase()} score?`).fill(`${s.name}: ${element.toLowerCase()} scored ${plan[s.id][i]} after the demonstration`);
    }
    await page.getByRole('button', { name: /^Save/ }).click();
  }
  await expect(page.getByRole('status')).toContainText('have been saved');
  await page.getByRole('link', { name: 'Continue' }).click();
  for (const t of ['solutions', 'recipients', 'price', 'criteria', 'requirements', 'scor']) {
    await expect(page.getByRole('list', { name: 'Competition tasks' }).getByRole('listitem').filter({ hasText: new RegExp(t, 'i') }).first()).toContainText('Completed');
  }

  // Review: the ranking so far is the API's, to the point.
  await openTask(page, /result|review|check/i);
  await expect(page.getByRole('heading', { level: 1, name: 'Check the results before completing the competition' })).toBeVisible();
  await expectNoAxeViolations(page, 'review');
  const draft = await competitionFromApi(page.request, id);
  expect(draft.preview).not.toBeNull();
  await expectRankingAsApi(page, draft.preview!);
  await expect(page.getByRole('main')).toContainText(ACCURX.name);
  await expect(page.getByRole('main')).toContainText('Messaging only');

  // Complete, by keyboard: read-only, with the frozen results and their PDF.
  await tabToAndPress(page, 'Complete competition');
  await expect(page).toHaveURL(`${competitionUrl}?completed=1`);
  await expect(page.getByRole('status')).toContainText('has been completed');
  await expectNoAxeViolations(page, 'completed competition');
  const completed = await competitionFromApi(page.request, id);
  expect(completed.status).toBe('completed');
  const result = completed.results!;
  expect(result.tie).toBe(false);
  expect(result.ranking).toHaveLength(3);
  // The winner has the highest weighted total, and the totals add up from the weights.
  const top = Math.max(...result.ranking.map((r) => r.totalPoints));
  expect(result.ranking.find((r) => r.itemId === result.winners[0])!.totalPoints).toBe(top);
  for (const r of result.ranking) {
    const scores = plan[r.itemId];
    const nonPrice = scores[0] * 30 * 60 + scores[1] * 20 * 60 + scores[2] * 30 * 60 + scores[3] * 20 * 60;
    expect(r.totalPoints).toBe(r.priceScore * 40 * 100 + nonPrice);
  }
  await expectRankingAsApi(page, result);
  for (const s of COMPARED) {
    const justifications = page.getByRole('table', { name: `Scores and justifications for ${s.name}` });
    await expect(justifications).toContainText(`${s.name}: features scored ${plan[s.id][0]} after the demonstration`);
    await expect(justifications).toContainText(`${s.name}: service levels scored ${plan[s.id][3]} after the demonstration`);
  }
  await expect(page.getByRole('link', { name: /Download the results/ })).toHaveAttribute('href', `/api/competitions/${id}/results.pdf`);
  const pdf = await page.request.get(`/api/competitions/${id}/results.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  await expect(page.getByRole('list', { name: 'Competition tasks' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Change/ })).toHaveCount(0);
  // Steps of a completed competition lead back to it.
  await page.goto(`${competitionUrl}/criteria`);
  await expect(page).toHaveURL(competitionUrl);

  // Award: a draft order with the winner.
  const winner = result.ranking.find((r) => r.itemId === result.winners[0])!;
  const winnerSolution = completed.solutions.find((s) => s.itemId === winner.itemId)!;
  await page.getByRole('link', { name: 'Award to the winner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Award the contract' })).toBeVisible();
  await expect(page.getByTestId('award-winner')).toContainText(winner.name);
  await expectNoAxeViolations(page, 'award');
  await page.getByRole('button', { name: 'Create the draft order' }).click();
  await expect(page).toHaveURL(`${competitionUrl}?awarded=1`);
  const awarded = await competitionFromApi(page.request, id);
  expect(awarded.orderRef).toMatch(/^C\d{6}-\d{2}$/);
  const orderRef = awarded.orderRef!;
  await expect(page.getByRole('status')).toContainText(`Draft order ${orderRef} has been created`);
  await expectNoAxeViolations(page, 'awarded competition');
  await page.getByRole('status').getByRole('link', { name: orderRef }).click();

  // The draft order carries the winner's supplier and item, the recipient and the term.
  await expect(page).toHaveURL(`/orders/${orderRef}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, 'draft order from the competition');
  const order = (await (await page.request.get(`/api/orders/${orderRef}`)).json()) as {
    status: string;
    supplier: { code: string };
    framework: { id: string; name: string };
    maximumTermMonths: number;
    recipients: { odsCode: string }[];
    items: { itemId: string }[];
  };
  expect(order.status).toBe('in_progress');
  expect(order.supplier.code).toBe(winnerSolution.supplierCode);
  expect(order.framework.id).toBe('TIF001');
  expect(order.maximumTermMonths).toBe(TERM_MONTHS);
  expect(order.recipients.map((r) => r.odsCode)).toEqual(['A81001']);
  expect(order.items.map((i) => i.itemId)).toEqual([winner.itemId]);
  const summary = page.getByRole('region', { name: 'Order summary' });
  await expect(summary).toContainText(`${winnerSolution.supplierName} (${winnerSolution.supplierCode})`);
  await expect(summary).toContainText('(A81001)');
  await expect(summary).toContainText(order.framework.name);
  const items = page.getByRole('table', { name: 'Items in this order' });
  await expect(items).toContainText(winner.itemId);
  await expect(items).toContainText(winner.name);
  await page.goto(`/orders/${orderRef}/term`);
  await expect(page.getByRole('radio', { name: /\(TIF001\)/ })).toBeChecked();
  await expect(page.getByLabel('Maximum term in months')).toHaveValue(String(TERM_MONTHS));
  await expectNoAxeViolations(page, 'term of the draft order');

  // Back on the competition: the order is linked, and the list shows it awarded.
  await page.goto(competitionUrl);
  await expect(page.getByRole('region', { name: 'Order', exact: true })).toContainText(orderRef);
  await expect(page.getByRole('link', { name: 'Award to the winner' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Competitions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Competitions' })).toBeVisible();
  const listed = page.getByRole('row').filter({ hasText: name });
  await expect(listed).toContainText('Awarded');
  await expect(listed).toContainText(orderRef);
  await expectNoAxeViolations(page, 'competitions list');

  // Another organisation (the ICB's commissioner) gets the 404 page, and does not see it listed.
  const context = await browser.newContext();
  const other = await context.newPage();
  try {
    await signInByApi(other.request, DEMO.commissioner.email);
    const response = await other.goto(competitionUrl);
    expect(response?.status()).toBe(404);
    await expect(other.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(other.getByRole('main')).not.toContainText(name);
    await expectNoAxeViolations(other, 'competition of another organisation');
    expect((await other.request.get(`/api/competitions/${id}`)).status()).toBe(404);
    await other.goto('/competitions');
    await expect(other.getByRole('heading', { level: 1, name: 'Competitions' })).toBeVisible();
    await expect(other.getByRole('main')).not.toContainText(name);
    await expectNoAxeViolations(other, 'competitions of another organisation');
  } finally {
    await context.close();
  }
});

test('with one solution left, a practice manager makes a direct award, uploading its recipients as a CSV file', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const shortlistName = `Direct award shortlist ${stamp}`;
  const { csrfToken } = await signInByApi(page.request, DEMO.practice_manager.email);
  const created = await page.request.post('/api/shortlists', {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { name: shortlistName, filters: {}, itemIds: [EMIS.id, FRONTDESK.id] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const shortlistId = ((await created.json()) as { id: string }).id;

  const name = `Direct award ${stamp}`;
  await page.goto(`/competitions/new?shortlist=${shortlistId}`);
  await page.getByLabel('Name of the competition').fill(name);
  await page.getByRole('button', { name: 'Start competition' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expectNoAxeViolations(page, 'task list of the direct award competition');
  const id = /\/competitions\/([0-9a-f-]{36})/.exec(page.url())![1];

  // One included, one left out: the direct award is offered.
  await openTask(page, /solutions/i);
  await page.getByRole('group', { name: `Include ${FRONTDESK.name} in the competition?` }).getByRole('radio', { name: 'Yes, include it' }).check();
  await page.getByRole('group', { name: `Include ${EMIS.name} in the competition?` }).getByRole('radio', { name: 'No, leave it out' }).check();
  await page.getByLabel(`Why is ${EMIS.name} left out?`).fill('Our clinical system is staying as it is');
  await saveAndBack(page);
  await expect(page.getByRole('link', { name: 'Make a direct award instead' })).toBeVisible();
  await openTask(page, /solutions/i);
  await expect(page.getByTestId('direct-award-offer')).toBeVisible();
  await expectNoAxeViolations(page, 'solutions step offering a direct award');
  await page.getByRole('link', { name: 'Back to the competition' }).click();

  // Recipients from a CSV file: a wrong row changes nothing; a right file replaces them.
  await openTask(page, /recipients/i);
  await page.getByRole('link', { name: 'Upload a CSV file of ODS codes instead' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Upload service recipients' })).toBeVisible();
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'recipients.csv', mimeType: 'text/csv', buffer: Buffer.from('ODS code\nZZ9999\n') });
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.getByRole('alert')).toContainText('ZZ9999');
  await expect(page.getByRole('alert')).toContainText('Nothing was changed');
  await expectNoAxeViolations(page, 'CSV upload with an error');
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'recipients.csv', mimeType: 'text/csv', buffer: Buffer.from('ODS code\nA81001\n') });
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.getByRole('status')).toContainText('now has 1 service recipients');
  await expect(page.getByRole('table', { name: /Service recipients of this competition/ })).toContainText('A81001');
  await expectNoAxeViolations(page, 'recipients after the upload');
  await page.getByRole('link', { name: 'Back to the competition' }).click();

  await openTask(page, /term|length|framework/i);
  await page.getByRole('radio', { name: /\(TIF001\)/ }).check();
  await page.getByLabel('Contract length in months').fill('12');
  await saveAndBack(page);
  await openTask(page, /price/i);
  await page.getByRole('group', { name: `Which price of ${FRONTDESK.name} do you want to compare?` }).getByRole('radio').first().check();
  await saveAndBack(page);

  await page.getByRole('link', { name: 'Make a direct award instead' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Make a direct award' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Our clinical system is staying as it is');
  await expectNoAxeViolations(page, 'direct award');
  await page.getByRole('button', { name: 'Award directly and create the draft order' }).click();
  await expect(page).toHaveURL(`/competitions/${id}?awarded=1`);
  const competition = await competitionFromApi(page.request, id);
  expect(competition.status).toBe('completed');
  expect(competition.orderRef).toMatch(/^C\d{6}-\d{2}$/);
  await expect(page.getByRole('main')).toContainText('(direct award)');
  await expectNoAxeViolations(page, 'directly awarded competition');
  await page.getByRole('status').getByRole('link', { name: competition.orderRef! }).click();
  await expect(page.getByRole('table', { name: 'Items in this order' })).toContainText(FRONTDESK.id);
});

test('the competition steps work without JavaScript: forms post to the portal, errors come back on the fields', async ({ browser, baseURL }) => {
  const stamp = Date.now().toString(36);
  // No scripts run in this context, so axe cannot either: these pages are checked with JavaScript above.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    const shortlistId = await shortlistByApi(page.request, `No-script shortlist ${stamp}`);
    const name = `No-script competition ${stamp}`;
    await page.goto(`/shortlists/${shortlistId}`);
    await page.getByRole('link', { name: /Start a competition/ }).click();
    await page.getByLabel('Name of the competition').fill(name);
    await page.getByRole('button', { name: 'Start competition' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const id = /\/competitions\/([0-9a-f-]{36})/.exec(page.url())![1];

    await openTask(page, /criteria/i);
    await page.getByRole('radio', { name: 'Price and non-price' }).check();
    await page.getByLabel('Weighting for price (%)').fill('95');
    await page.getByLabel('Features (%)').fill('50');
    await page.getByLabel('Implementation (%)').fill('50');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('alert')).toContainText('The weighting for price must be between 30 and 90');
    await expect(page.getByLabel('Weighting for price (%)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Features (%)')).toHaveValue('50');
    expect((await competitionFromApi(page.request, id)).criteria.type).toBeNull();
    await page.getByLabel('Weighting for price (%)').fill('60');
    await saveAndBack(page);
    await expectTask(page, 'Award criteria', 'Completed');
    expect((await competitionFromApi(page.request, id)).criteria).toEqual({
      type: 'price_and_non_price',
      priceWeight: 60,
      weights: { features: 50, implementation: 50, interoperability: 0, serviceLevels: 0 },
    });
  } finally {
    await context.close();
  }
});

test('a commissioner starts a competition and chooses practices of the area as its recipients', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const { csrfToken } = await signInByApi(page.request, DEMO.commissioner.email);
  const created = await page.request.post('/api/shortlists', {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { name: `Area shortlist ${stamp}`, filters: {}, itemIds: [EMIS.id, FRONTDESK.id] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const shortlistId = ((await created.json()) as { id: string }).id;
  const name = `Area competition ${stamp}`;

  await page.goto('/competitions');
  await expect(page.getByRole('heading', { level: 1, name: 'Competitions' })).toBeVisible();
  await expectNoAxeViolations(page, 'competitions of the commissioner');
  await page.getByRole('link', { name: 'Start a competition' }).click();
  await page.getByLabel('Name of the competition').fill(name);
  await page.getByRole('radio', { name: `Area shortlist ${stamp}` }).check();
  await page.getByRole('button', { name: 'Start competition' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const id = /\/competitions\/([0-9a-f-]{36})/.exec(page.url())![1];

  // A name already used by the organisation is refused on the field.
  await page.goto('/competitions/new');
  await page.getByLabel('Name of the competition').fill(name.toUpperCase());
  await page.getByRole('radio', { name: `Area shortlist ${stamp}` }).check();
  await page.getByRole('button', { name: 'Start competition' }).click();
  await expect(page.getByRole('alert')).toContainText('already has a competition called');
  await expect(page.getByLabel('Name of the competition')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'start a competition with a name taken');

  await page.goto(`/competitions/${id}`);
  await openTask(page, /recipients/i);
  await page.getByLabel('Search practices by name, ODS code or postcode').fill('A81001');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('checkbox')).toHaveCount(1);
  await expectNoAxeViolations(page, 'recipients search of the commissioner');
  // Nothing chosen: an error, and nothing saved.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose at least one practice');
  await expectNoAxeViolations(page, 'recipients with an error');
  await page.getByRole('checkbox', { name: /\(A81001\)/ }).check();
  await saveAndBack(page);
  await expectTask(page, 'Service recipients', 'Completed');
  const competition = (await (await page.request.get(`/api/competitions/${id}`)).json()) as { recipients: { odsCode: string }[] };
  expect(competition.recipients.map((r) => r.odsCode)).toEqual(['A81001']);
});
