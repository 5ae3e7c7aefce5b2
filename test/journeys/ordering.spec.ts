import type { APIRequestContext, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { DEMO, expect, expectNoAxeViolations, signInByApi, test } from '../fixtures';

// Emis Web GP (demo catalogue): supplier 10000, per patient, on the TIF001 framework (36 months maximum,
// 90 days' notice).
const ITEM = '10000-001';
const SUPPLIER = '10000';
const APPROVER = 'approver@demo.gpit.test';

type Totals = { oneOffPence: number; monthlyPence: number; annualPence: number; wholeTermPence: number };

// ---- dates, worked out here independently of the application

function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y, m, d];
}
function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
/** The first day of next month. */
function firstOfNextMonth(): string {
  const [y, m] = parts(todayInLondon());
  return iso(new Date(Date.UTC(y, m, 1)));
}
function addMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  return iso(new Date(Date.UTC(y, m - 1 + months, d)));
}
function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}
/** As the portal writes dates: "1 December 2026". */
function longDate(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}
const pounds = (pence: number) => `£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;

/** The text of a PDF, read by pdf.js in a child process (backend/test/pdf-text.mjs; pdf.js is ESM-only). */
function pdfText(pdf: Buffer): string {
  const out = execFileSync(process.execPath, [path.resolve(__dirname, '../../backend/test/pdf-text.mjs')], { input: pdf });
  return (JSON.parse(out.toString()) as { pages: string[] }).pages.join(' ').replace(/\s+/g, ' ');
}

// ---- steps shared by the journeys

function orderRefFrom(page: Page): string {
  const match = /\/orders\/(C\d{6}-\d{2})/.exec(page.url());
  expect(match, `an order page URL: ${page.url()}`).not.toBeNull();
  return match![1];
}

async function openTask(page: Page, name: string | RegExp) {
  await page.getByRole('list', { name: 'Order tasks' }).getByRole('link', { name }).click();
}

async function expectTask(page: Page, name: string, status: string) {
  const item = page.getByRole('list', { name: 'Order tasks' }).getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText(status);
}

async function startOrder(page: Page, description: string, query = '') {
  await page.goto('/orders');
  await expectNoAxeViolations(page, 'orders list');
  await page.getByRole('link', { name: 'Start a new order' }).click();
  if (query) await page.goto(`/orders/new${query}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Start a new order' })).toBeVisible();
  await expectNoAxeViolations(page, 'start a new order');
  // One question: an empty answer is an error on the field.
  await page.getByRole('button', { name: 'Start order' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a description of the order');
  await expect(page.getByLabel('Describe your order')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'start a new order with an error');
  await page.getByLabel('Describe your order').fill(description);
  await page.getByRole('button', { name: 'Start order' }).click();
  await expect(page.getByRole('status')).toContainText('has been started');
  await expectNoAxeViolations(page, 'task list of a new order');
  return orderRefFrom(page);
}

async function orderingParty(page: Page) {
  await openTask(page, 'Ordering party contact');
  await expectNoAxeViolations(page, 'ordering party step');
  await page.getByLabel('Full name').fill('Sam Patel');
  await page.getByLabel('Email address').fill('sam.patel@nhs.test');
  await page.getByLabel('Telephone number (optional)').fill('01234 567890');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expectTask(page, 'Ordering party contact', 'Completed');
}

async function supplier(page: Page, preselected: boolean) {
  await openTask(page, 'Supplier and contact');
  const radio = page.getByRole('radio', { name: new RegExp(`\\(${SUPPLIER}\\)`) });
  if (preselected) await expect(radio).toBeChecked();
  await expectNoAxeViolations(page, 'supplier step');
  // Nothing chosen: the API's field errors show on the fields.
  if (!preselected) {
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('alert')).toContainText('Choose a supplier');
    await expectNoAxeViolations(page, 'supplier step with errors');
  }
  await radio.check();
  await page.getByLabel('Full name').fill('Alex Vendor');
  await page.getByLabel('Email address').fill('orders@emis.test');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expectTask(page, 'Supplier and contact', 'Completed');
}

async function term(page: Page, commencement: string) {
  await openTask(page, 'Framework, commencement date and term');
  await expectNoAxeViolations(page, 'term step');
  await page.getByRole('radio', { name: /\(TIF001\)/ }).check();
  await page.getByLabel('Commencement date').fill(commencement);
  await page.getByLabel('Initial period in months').fill('3');
  await page.getByLabel('Maximum term in months').fill('36');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expectTask(page, 'Framework, commencement date and term', 'Completed');
}

async function addSolution(page: Page) {
  await openTask(page, 'Solutions, services and quantities');
  await expectNoAxeViolations(page, 'items step');
  const card = page.getByTestId(`catalogue-${ITEM}`);
  await card.getByRole('button', { name: /^Add / }).click();
  await expect(page.getByRole('status')).toContainText('has been added to the order');
  await expect(page.getByRole('table', { name: 'Items in this order' })).toContainText(ITEM);
  await expect(page.getByRole('table', { name: 'Items in this order' })).toContainText('registered patients');
  await expectNoAxeViolations(page, 'items step with an item');
  await page.getByRole('link', { name: 'Continue' }).click();
  await expectTask(page, 'Solutions, services and quantities', 'Completed');
}

async function funding(page: Page, source: 'Central funding' | 'Local funding') {
  await openTask(page, 'Funding source');
  await expectNoAxeViolations(page, 'funding step');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText(/Choose how .* is funded/);
  await expectNoAxeViolations(page, 'funding step with an error');
  await page.getByRole('group', { name: /How is .* funded\?/ }).getByRole('radio', { name: source }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expectTask(page, 'Funding source', 'Completed');
}

/** Tabs forward until the element with this accessible text has focus (keyboard only), then presses Enter. */
async function tabToAndPress(page: Page, text: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
    if (focused === text) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`Could not reach “${text}” with the Tab key`);
}

async function expectContract(page: Page, commencement: string) {
  const end = addDays(addMonths(commencement, 36), -1);
  const notice = addDays(end, -90);
  await expect(page.getByTestId('contract-start')).toHaveText(longDate(commencement));
  await expect(page.getByTestId('contract-end')).toHaveText(longDate(end));
  await expect(page.getByTestId('contract-notice')).toHaveText(longDate(notice));
}

async function expectTotalsAsApi(page: Page, ref: string) {
  const response = await page.request.get(`/api/orders/${ref}`);
  expect(response.status()).toBe(200);
  const order = (await response.json()) as { totals: Totals; status: string };
  expect(order.totals).not.toBeNull();
  expect(order.totals.annualPence).toBeGreaterThan(0);
  await expect(page.getByTestId('total-one-off')).toHaveText(pounds(order.totals.oneOffPence));
  await expect(page.getByTestId('total-monthly')).toHaveText(pounds(order.totals.monthlyPence));
  await expect(page.getByTestId('total-annual')).toHaveText(pounds(order.totals.annualPence));
  await expect(page.getByTestId('total-whole-term')).toHaveText(pounds(order.totals.wholeTermPence));
  return order;
}

test('a practice manager orders Emis Web GP step by step, completes it by keyboard and sees its contract', async ({ page, login }) => {
  test.setTimeout(120_000);
  await login('practice_manager');
  const commencement = firstOfNextMonth();

  // The home page links to orders and contracts.
  await page.goto('/practice');
  await expect(page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Orders' })).toHaveAttribute('href', '/orders');
  await expect(page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Contracts' })).toHaveAttribute('href', '/contracts');

  // Estimate first: the solution page shows what it would cost the practice, and links to ordering.
  await page.goto(`/solutions/${ITEM}`);
  const estimate = {
    oneOff: (await page.getByTestId('total-one-off').textContent())!.trim(),
    annual: (await page.getByTestId('total-annual').textContent())!.trim(),
    wholeTerm: (await page.getByTestId('total-whole-term').textContent())!.trim(),
  };
  await expect(page.getByRole('link', { name: 'Order this solution' })).toHaveAttribute('href', `/orders/new?solution=${ITEM}`);

  // Started from the solution: its supplier is suggested.
  const ref = await startOrder(page, 'Clinical system for the practice', `?solution=${ITEM}`);
  await expectTask(page, 'Order description', 'Completed');
  await expect(page.getByRole('list', { name: 'Order tasks' }).getByText('Solutions, services and quantities')).toBeVisible();
  await expectTask(page, 'Solutions, services and quantities', 'Cannot start yet');
  await expect(page.getByRole('list', { name: 'Order tasks' }).getByRole('link', { name: 'Solutions, services and quantities' })).toHaveCount(0);

  await openTask(page, 'Order description');
  await expectNoAxeViolations(page, 'description step');
  await page.getByLabel('Describe your order').fill('Clinical system for the practice (Emis Web GP)');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clinical system for the practice (Emis Web GP)');

  await orderingParty(page);
  await supplier(page, true);
  await term(page, commencement);

  // A practice is its own and only service recipient.
  await openTask(page, 'Service recipients');
  await expect(page.getByRole('table', { name: /Service recipients of this order/ })).toContainText('A81001');
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expectNoAxeViolations(page, 'recipients step (practice)');
  await page.getByRole('link', { name: 'Continue' }).click();
  await expectTask(page, 'Service recipients', 'Completed');

  await addSolution(page);
  await funding(page, 'Local funding');
  await expectTask(page, 'Review and complete', 'Not started');

  // Review and complete by keyboard only.
  await page.getByRole('link', { name: 'Back to orders' }).focus();
  await tabToAndPress(page, 'Review and complete');
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers before completing your order' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Change commencement date' })).toHaveAttribute('href', `/orders/${ref}/term`);
  await expect(page.getByRole('table', { name: 'Items and their costs' })).toContainText(ITEM);
  await expectTotalsAsApi(page, ref);
  await expectNoAxeViolations(page, 'check your answers');
  await tabToAndPress(page, 'Complete order');

  await expect(page).toHaveURL(new RegExp(`/orders/${ref}$`));
  await expect(page.getByText('Status:').getByText('Completed')).toBeVisible();
  await expectContract(page, commencement);
  const order = await expectTotalsAsApi(page, ref);
  expect(order.status).toBe('completed');
  await expect(page.getByRole('link', { name: 'Download order summary (PDF)' })).toHaveAttribute('href', `/api/orders/${ref}/summary.pdf`);
  await expectNoAxeViolations(page, 'completed order');
  // The estimate (36 months, the same as the order's maximum term) is what the order costs.
  expect(pounds(order.totals.annualPence)).toBe(estimate.annual);
  expect(pounds(order.totals.wholeTermPence)).toBe(estimate.wholeTerm);

  // The PDF opens (a real PDF, read back by pdf.js) and shows the items, the recipient and the same totals.
  const pdf = await page.request.get(`/api/orders/${ref}/summary.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const text = pdfText(await pdf.body());
  for (const expected of [`Order summary ${ref}`, 'Emis Web GP (10000-001)', 'THE DENSHAM SURGERY', '3,904', estimate.oneOff, estimate.annual, estimate.wholeTerm]) {
    expect(text, `the PDF shows ${expected}`).toContain(expected);
  }

  // The contract is on the practice's contracts page, and has its own page.
  await page.goto('/contracts');
  await expectNoAxeViolations(page, 'contracts');
  const row = page.getByRole('row').filter({ hasText: ref });
  await expect(row).toContainText(longDate(addDays(addMonths(commencement, 36), -1)));
  await expect(row).toContainText(pounds(order.totals.wholeTermPence));
  await row.getByRole('link').first().click();
  await expectContract(page, commencement);
  await expect(page.getByRole('table', { name: 'Order revisions of this contract' })).toContainText(ref);
  await expectNoAxeViolations(page, 'contract');

  // Ending it: the reason and a date are needed.
  await page.getByRole('link', { name: 'End this contract' }).click();
  await page.getByRole('button', { name: 'End contract' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a reason for ending the contract');
  await expect(page.getByLabel('Why are you ending the contract?')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Date the contract ends')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'end a contract with errors');
});

test('a commissioner uploads recipients by CSV, funds centrally and a second commissioner approves', async ({ page, login }) => {
  test.setTimeout(150_000);
  await login('commissioner');
  const commencement = firstOfNextMonth();

  await page.goto('/commissioner');
  await expect(page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Orders awaiting your approval' })).toBeVisible();

  const ref = await startOrder(page, 'Clinical system for three practices');
  await expectTask(page, 'Service recipients', 'Not started');
  await orderingParty(page);
  await supplier(page, false);
  await term(page, commencement);

  // Recipients from a CSV file: one bad row, so nothing changes.
  await openTask(page, 'Service recipients');
  await expect(page.getByTestId('no-recipients')).toBeVisible();
  await expectNoAxeViolations(page, 'recipients step (commissioner)');
  await page.getByRole('link', { name: 'Upload a CSV file of ODS codes instead' }).click();
  await expectNoAxeViolations(page, 'recipients upload');
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'practices.csv', mimeType: 'text/csv', buffer: Buffer.from('ODS code\nA81001\nZZZ999\nA81002\n') });
  await page.getByRole('button', { name: 'Upload file' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('line 3: ZZZ999 is not an active practice you can order for');
  await expect(alert).toContainText('Nothing was changed');
  await expect(page.locator('#csvFile-error')).toContainText('ZZZ999');
  await expect(page.getByLabel('Upload a CSV file')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'recipients upload with row errors');
  const unchanged = (await (await page.request.get(`/api/orders/${ref}`)).json()) as { recipients: unknown[] };
  expect(unchanged.recipients).toEqual([]);
  await page.goto(`/orders/${ref}/recipients`);
  await expect(page.getByTestId('no-recipients')).toBeVisible();

  // The corrected file: three practices.
  await page.getByRole('link', { name: 'Upload a CSV file of ODS codes instead' }).click();
  await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'practices.csv', mimeType: 'text/csv', buffer: Buffer.from('ODS code\nA81001\nA81002\nA81004\n') });
  await page.getByRole('button', { name: 'Upload file' }).click();
  await expect(page.getByRole('status')).toContainText('now has 3 service recipients');
  const recipients = page.getByRole('table', { name: /Service recipients of this order/ });
  for (const code of ['A81001', 'A81002', 'A81004']) await expect(recipients).toContainText(code);
  await expect(page.getByRole('checkbox', { name: /\(A81004\)/ })).toBeChecked();
  await expectNoAxeViolations(page, 'recipients step with 3 practices');
  await page.getByRole('link', { name: 'Back to the order' }).click();
  await expectTask(page, 'Service recipients', 'Completed');

  await addSolution(page);
  await funding(page, 'Central funding');

  await openTask(page, 'Review and complete');
  await expectNoAxeViolations(page, 'check your answers (central funding)');
  await page.getByRole('button', { name: 'Complete order and send for approval' }).click();
  await expect(page.getByRole('status')).toContainText('has been sent for approval');
  await expect(page.getByText('Status:').getByText('Awaiting approval')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Awaiting approval' })).toBeVisible();
  // The person who sent it cannot approve it.
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'order awaiting approval');

  // A second commissioner of the ICB approves it from the queue.
  await signInByApi(page.request, APPROVER);
  await page.goto('/orders');
  await page.getByRole('link', { name: /Orders awaiting your approval \(\d+\)/ }).click();
  await expectNoAxeViolations(page, 'approval queue');
  await page.getByRole('link', { name: ref }).click();
  await expect(page.getByRole('link', { name: 'Return to the buyer' })).toHaveAttribute('href', `/orders/${ref}/return`);
  await expectNoAxeViolations(page, 'order to approve');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status')).toContainText(`Order ${ref} has been approved`);
  await expect(page.getByRole('link', { name: ref })).toHaveCount(0);

  // The commissioner who ordered sees it completed, with its contract.
  await signInByApi(page.request, DEMO.commissioner.email);
  await page.goto(`/orders/${ref}`);
  await expect(page.getByText('Status:').getByText('Completed')).toBeVisible();
  await expectContract(page, commencement);
  const order = await expectTotalsAsApi(page, ref);
  expect(order.status).toBe('completed');
  await expectNoAxeViolations(page, 'approved order');
});

test('the term step shows field errors for a commencement over 3 months ago and a term over the maximum', async ({ page }) => {
  const session = await signInByApi(page.request, DEMO.practice_manager.email);
  const created = await page.request.post('/api/orders', { headers: { 'X-CSRF-Token': session.csrfToken }, data: { description: 'Term errors' } });
  expect(created.status()).toBe(201);
  const { ref } = (await created.json()) as { ref: string };

  await page.goto(`/orders/${ref}`);
  await openTask(page, 'Framework, commencement date and term');
  await page.getByRole('radio', { name: /\(TIF001\)/ }).check();
  await page.getByLabel('Commencement date').fill(addDays(addMonths(todayInLondon(), -3), -5));
  await page.getByLabel('Initial period in months').fill('3');
  await page.getByLabel('Maximum term in months').fill('37');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Commencement date must be no more than 3 months in the past');
  await expect(alert).toContainText('Maximum term must be 36 months or less');
  await expect(page.getByLabel('Commencement date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Maximum term in months')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#maximumTermMonths-error')).toContainText('36 months or less');
  // What was typed is kept.
  await expect(page.getByLabel('Maximum term in months')).toHaveValue('37');
  await expectNoAxeViolations(page, 'term step with errors');

  // Without numbers: the portal's own messages.
  await page.getByLabel('Initial period in months').fill('');
  await page.getByLabel('Maximum term in months').fill('three');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(alert).toContainText('Enter the initial period in months');
  await expect(alert).toContainText('Enter the maximum term in whole months');
  await expectNoAxeViolations(page, 'term step with missing numbers');
});

test('orders and contracts pages for a supplier', async ({ page, login }) => {
  await login('vendor');
  await page.goto('/vendor');
  await page.getByRole('main').getByRole('link', { name: 'Orders received' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders received' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start a new order' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'orders received');
  await page.goto('/contracts');
  await expect(page.getByRole('heading', { level: 1, name: 'Contracts' })).toBeVisible();
  await expectNoAxeViolations(page, 'supplier contracts');
});

// ---- orders drafted through the API, for journeys about one part of the UI


async function draftByApi(
  request: APIRequestContext,
  email: string,
  opts: { recipients?: string[]; upTo?: 'term' | 'all'; funding?: 'central' | 'local' } = {},
): Promise<string> {
  const { csrfToken } = await signInByApi(request, email);
  const headers = { 'X-CSRF-Token': csrfToken };
  const send = async (method: 'post' | 'put', url: string, data: unknown, status = 200) => {
    const response = await request[method](url, { headers, data: data as object });
    expect(response.status(), `${method} ${url}: ${await response.text()}`).toBe(status);
    return response.json();
  };
  const { ref } = await send('post', '/api/orders', { description: 'Drafted for a journey' }, 201);
  await send('put', `/api/orders/${ref}/ordering-party`, { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test' } });
  await send('put', `/api/orders/${ref}/supplier`, { supplierCode: SUPPLIER, contact: { name: 'Alex Vendor', email: 'orders@emis.test' } });
  await send('put', `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: firstOfNextMonth(), initialPeriodMonths: 3, maximumTermMonths: 36 });
  if (opts.recipients) await send('put', `/api/orders/${ref}/recipients`, { odsCodes: opts.recipients });
  if (opts.upTo === 'all') {
    await send('post', `/api/orders/${ref}/items`, { itemId: ITEM, priceId: 'p1' });
    await send('put', `/api/orders/${ref}/items/${ITEM}/funding`, { fundingSource: opts.funding ?? 'local' });
  }
  return ref;
}

test('an approver returns an order with a reason, and the buyer sees it and can change the order again', async ({ page }) => {
  const ref = await draftByApi(page.request, DEMO.commissioner.email, { recipients: ['A81001', 'A81002'], upTo: 'all', funding: 'central' });
  await page.goto(`/orders/${ref}/review`);
  await page.getByRole('button', { name: 'Complete order and send for approval' }).click();
  await expect(page.getByRole('status')).toContainText('has been sent for approval');

  await signInByApi(page.request, APPROVER);
  await page.goto(`/orders/${ref}`);
  await page.getByRole('link', { name: 'Return to the buyer' }).click();
  await expectNoAxeViolations(page, 'return an order');
  await page.getByRole('button', { name: 'Return order' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a reason for returning the order');
  await expect(page.getByLabel('Why are you returning it?')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'return an order with an error');
  await page.getByLabel('Why are you returning it?').fill('Please check the list of practices');
  await page.getByRole('button', { name: 'Return order' }).click();
  await expect(page.getByRole('status')).toContainText(`Order ${ref} has been returned to the buyer`);

  await signInByApi(page.request, DEMO.commissioner.email);
  await page.goto(`/orders/${ref}`);
  await expect(page.getByRole('heading', { name: /This order was returned/ })).toBeVisible();
  await expect(page.getByText('Reason: Please check the list of practices')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Order tasks' }).getByRole('link', { name: 'Review and complete' })).toBeVisible();
  await expectNoAxeViolations(page, 'returned order');
});

test('a buyer amends a completed order: the amendment adds a practice, and an unwanted one is deleted', async ({ page }) => {
  const ref = await draftByApi(page.request, DEMO.commissioner.email, { recipients: ['A81001'], upTo: 'all', funding: 'local' });
  await page.goto(`/orders/${ref}/review`);
  await page.getByRole('button', { name: 'Complete order' }).click();
  await expect(page.getByTestId('contract-end')).toBeVisible();

  await page.getByRole('button', { name: 'Start an amendment' }).click();
  const amendment = ref.replace(/-01$/, '-02');
  await expect(page).toHaveURL(new RegExp(`/orders/${amendment}\\?amending=1$`));
  await expect(page.getByRole('status')).toContainText(`has been started from ${ref}`);
  await expectNoAxeViolations(page, 'a new amendment');

  // Removing the practice already on the order is refused by the server, with the reason.
  const { csrfToken } = await signInByApi(page.request, DEMO.commissioner.email);
  const removed = await page.request.put(`/api/orders/${amendment}/recipients`, {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { odsCodes: ['A81002'] },
  });
  expect(removed.status()).toBe(400);
  await page.reload();

  await page.getByRole('button', { name: 'Delete this amendment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'has been deleted' })).toContainText(`Order ${amendment} has been deleted`);
  await page.goto(`/orders/${ref}`);
  await expect(page.getByRole('button', { name: 'Start an amendment' })).toBeVisible();
});

test('quantities for a per-order service, with field errors, and removing an item', async ({ page }) => {
  const ref = await draftByApi(page.request, DEMO.practice_manager.email, { upTo: 'all' });
  await page.goto(`/orders/${ref}/items`);
  const service = page.getByTestId('catalogue-10000-S-003');
  await service.getByRole('button', { name: /^Add / }).click();
  // Priced per order: its quantity is asked next.
  await expect(page).toHaveURL(new RegExp(`/orders/${ref}/items/10000-S-003/quantities$`));
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter a quantity');
  await expect(page.getByLabel('How many for the whole order?')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'quantities with an error');
  await page.getByLabel('How many for the whole order?').fill('2');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  const table = page.getByRole('table', { name: 'Items in this order' });
  await expect(table.getByRole('row').filter({ hasText: '10000-S-003' })).toContainText('2');
  await expectNoAxeViolations(page, 'items with a service');

  // Associated services can be removed at any time.
  await table.getByRole('button', { name: /^Remove .*/ }).last().click();
  await expect(page.getByRole('status')).toContainText('10000-S-003 has been removed');
  await expect(table).not.toContainText('10000-S-003');
});

test('a commissioner chooses service recipients from the practices of the area', async ({ page }) => {
  const ref = await draftByApi(page.request, DEMO.commissioner.email, { recipients: ['A81001'] });
  await page.goto(`/orders/${ref}/recipients`);
  await expect(page.getByRole('checkbox', { name: /\(A81001\)/ })).toBeChecked();
  // A search narrows the list; recipients it does not show stay on the order.
  await page.getByLabel('Search practices by name, ODS code or postcode').fill('A81004');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('checkbox')).toHaveCount(1);
  await expectNoAxeViolations(page, 'recipients search');
  await page.getByRole('checkbox', { name: /\(A81004\)/ }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expectTask(page, 'Service recipients', 'Completed');
  const order = (await (await page.request.get(`/api/orders/${ref}`)).json()) as { recipients: { odsCode: string }[] };
  expect(order.recipients.map((r) => r.odsCode).sort()).toEqual(['A81001', 'A81004']);

  // Unticking every practice: an error, and nothing changes.
  await page.goto(`/orders/${ref}/recipients`);
  for (const code of ['A81001', 'A81004']) await page.getByRole('checkbox', { name: new RegExp(`\\(${code}\\)`) }).uncheck();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose at least one practice');
  await expectNoAxeViolations(page, 'recipients with an error');
});

test('an order with steps left cannot be completed: the review page lists what still needs doing', async ({ page }) => {
  const ref = await draftByApi(page.request, DEMO.practice_manager.email);
  await page.goto(`/orders/${ref}/review`);
  const blockers = page.getByRole('region', { name: 'What still needs doing' });
  await expect(blockers).toContainText('Solutions, services and quantities: not completed');
  await expectNoAxeViolations(page, 'check your answers with steps left');
  await page.getByRole('button', { name: 'Complete order' }).click();
  await expect(page.getByRole('alert')).toContainText('The order cannot be completed yet');
  await expect(page.getByRole('alert')).toContainText('Funding source: not completed');
  await expectNoAxeViolations(page, 'completing too early');
  const order = (await (await page.request.get(`/api/orders/${ref}`)).json()) as { status: string };
  expect(order.status).toBe('in_progress');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a commissioner uploads a CSV file, adds the solution, chooses funding and completes the order', async ({ page }) => {
    const ref = await draftByApi(page.request, DEMO.commissioner.email);
    await page.goto(`/orders/${ref}/recipients/upload`);
    await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'practices.csv', mimeType: 'text/csv', buffer: Buffer.from('A81001\nZZZ999\n') });
    await page.getByRole('button', { name: 'Upload file' }).click();
    await expect(page.getByRole('alert')).toContainText('line 2: ZZZ999 is not an active practice you can order for');
    await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'practices.csv', mimeType: 'text/csv', buffer: Buffer.from('A81001\nA81002\n') });
    await page.getByRole('button', { name: 'Upload file' }).click();
    await expect(page.getByRole('status')).toContainText('now has 2 service recipients');

    await page.goto(`/orders/${ref}/items`);
    await page.getByTestId(`catalogue-${ITEM}`).getByRole('button', { name: /^Add / }).click();
    await expect(page.getByRole('status')).toContainText('has been added to the order');
    await page.goto(`/orders/${ref}/funding`);
    await page.getByRole('radio', { name: 'Local funding' }).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expectTask(page, 'Funding source', 'Completed');
    await openTask(page, 'Review and complete');
    await page.getByRole('button', { name: 'Complete order' }).click();
    await expect(page.getByText('Status:').getByText('Completed')).toBeVisible();
    await expectContract(page, firstOfNextMonth());
    await expectTotalsAsApi(page, ref);
  });
});
