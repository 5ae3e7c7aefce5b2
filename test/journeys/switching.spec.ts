import type { APIRequestContext } from '@playwright/test';
import { DEMO, expect, expectNoAxeViolations, signInByApi, test } from '../fixtures';

// A81001 (THE DENSHAM SURGERY) runs TPP's SystmOne GP (10052-002, ATP001 framework, 90 days' notice);
// it plans a move to Emis Web GP (10000-001).
const SYSTMONE = '10052-002';

// ---- dates, worked out here independently of the application

function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function shift(day: string, months: number, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last) + days)).toISOString().slice(0, 10);
}
/** As the portal writes dates: "1 December 2026". */
function longDate(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/**
 * The practice's current contract, made through the ordering API: SystmOne GP from yesterday, 6 months'
 * term. Yesterday, so it is the practice's latest-starting active clinical-system contract even when
 * other journeys (sharing the database) have given A81001 other contracts that started earlier.
 */
async function systmOneContract(request: APIRequestContext, commencement: string): Promise<{ endDate: string }> {
  const { csrfToken } = await signInByApi(request, DEMO.practice_manager.email);
  const headers = { 'X-CSRF-Token': csrfToken };
  const call = async (method: 'post' | 'put', url: string, data: object) => {
    const res = await request[method](url, { headers, data });
    expect(res.ok(), `${method.toUpperCase()} ${url}: ${await res.text()}`).toBeTruthy();
    return res.json();
  };
  const { ref } = await call('post', '/api/orders', { description: 'Current clinical system (SystmOne)' });
  await call('put', `/api/orders/${ref}/ordering-party`, { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test' } });
  await call('put', `/api/orders/${ref}/supplier`, { supplierCode: '10052', contact: { name: 'Tia Supplier', email: 'orders@tpp.test' } });
  await call('put', `/api/orders/${ref}/term`, { frameworkId: 'ATP001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 6 });
  await call('post', `/api/orders/${ref}/items`, { itemId: SYSTMONE, priceId: 'p1' });
  await call('put', `/api/orders/${ref}/items/${SYSTMONE}/funding`, { fundingSource: 'local' });
  const done = await call('post', `/api/orders/${ref}/complete`, {});
  expect(done.status).toBe('completed');
  return done.contract;
}

test('the A81001 practice manager plans a switch from its contract to an accredited candidate and starts the order from the plan', async ({ page, browser }) => {
  const today = todayInLondon();
  const commencement = shift(today, 0, -1);
  const contract = await systmOneContract(page.request, commencement);
  const end = shift(commencement, 6, -1);
  expect(contract.endDate).toBe(end);
  // Notice given today (90 days) ends the contract on today + 90 unless that is after its end date.
  const byNotice = shift(today, 0, 90);
  const earliest = byNotice <= end ? byNotice : shift(end, 0, 1);

  // From the practice home to a new plan.
  await page.goto('/practice');
  await page.getByRole('link', { name: 'Plan a switch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plan a switch' })).toBeVisible();
  await expectNoAxeViolations(page, 'plan a switch');
  await expect(page.getByText('SystmOne GP (TPP', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Your practice’s contract on the marketplace')).toBeVisible();
  await expect(page.getByTestId('earliest-switch-date')).toHaveText(longDate(earliest));

  // Nothing chosen: an error on the group.
  await page.getByRole('button', { name: 'Make the plan' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose the solution to move to');
  await expectNoAxeViolations(page, 'plan a switch with an error');

  // Candidates show coverage and integrations; the lapsed and failed EMIS solutions are not offered.
  const emis = page.getByRole('radio', { name: 'Emis Web GP (EMIS Health)' });
  await expect(emis).toBeVisible();
  await expect(page.getByRole('radio', { name: /Anywhere Consult/ })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: /Video Consult/ })).toHaveCount(0);
  await expect(page.getByText(/Covers \d+ of \d+ of your current capabilities/).first()).toBeVisible();
  await expect(page.getByText(/Integrations: .*IM1: Bulk/).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Compare Emis Web GP with SystmOne GP' })).toBeVisible();
  await emis.check();
  await page.getByRole('button', { name: 'Make the plan' }).click();

  // The plan: current vs target, the earliest switch date and the timeline.
  await expect(page.getByRole('heading', { level: 1, name: 'Switch to Emis Web GP' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your switch plan has been made');
  await expectNoAxeViolations(page, 'new switch plan');
  const planUrl = page.url();
  await expect(page.getByTestId('earliest-switch-date')).toHaveText(longDate(earliest));
  await expect(page.getByRole('heading', { name: 'SystmOne GP and Emis Web GP side by side' })).toBeVisible();
  await expect(page.getByRole('row', { name: /C13 Patient Information Maintenance - GP/ })).toContainText('Yes');
  await expect(page.getByLabel('Date: Go live')).toHaveValue(earliest);
  await expect(page.getByLabel('Date: Give notice on the current contract')).toHaveValue(today);

  // A change out of order is refused on the field.
  await page.getByLabel('Date: Train staff').fill(shift(earliest, 0, 5));
  await page.getByRole('button', { name: 'Save timeline' }).click();
  await expect(page.getByRole('alert')).toContainText('Train staff: the date must be on or before go-live');
  await expect(page.getByLabel('Date: Train staff')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'timeline with an error');
  // A sensible change and progress are saved.
  await page.getByLabel('Date: Train staff').fill(shift(earliest, 0, -7));
  await page.getByLabel('Progress: Migrate the data').selectOption('in_progress');
  await page.getByRole('button', { name: 'Save timeline' }).click();
  await expect(page.getByRole('status')).toContainText('The timeline has been saved');
  await expect(page.getByLabel('Date: Train staff')).toHaveValue(shift(earliest, 0, -7));
  await expect(page.getByLabel('Progress: Migrate the data')).toHaveValue('in_progress');

  // Start the order from the plan: it lands on the order's task list with the supplier chosen.
  await page.getByLabel('Supplier contact’s full name').fill('Alex Vendor');
  await page.getByLabel('Supplier contact’s email address').fill('orders@emis.test');
  await page.getByRole('button', { name: 'Start the order' }).click();
  await expect(page).toHaveURL(/\/orders\/C\d{6}-01\?started=1$/);
  await expect(page.getByRole('status')).toContainText('has been started');
  const tasks = page.getByRole('list', { name: 'Order tasks' });
  await expect(tasks).toBeVisible();
  await expect(tasks.getByRole('listitem').filter({ hasText: 'Supplier and contact' })).toContainText('Completed');
  await expectNoAxeViolations(page, 'order started from the plan');
  const orderRef = /\/orders\/(C\d{6}-\d{2})/.exec(page.url())![1];

  // Back on the plan: the order is linked; the list shows the plan.
  await page.goto(planUrl);
  await expect(page.getByRole('link', { name: `Order ${orderRef}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start the order' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Switch plans', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Switch plans' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Emis Web GP' }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'switch plans');

  // The area's commissioner sees the plan, read-only.
  const context = await browser.newContext();
  const commissioner = await context.newPage();
  try {
    await signInByApi(commissioner.request, DEMO.commissioner.email);
    await commissioner.goto(planUrl);
    await expect(commissioner.getByRole('heading', { level: 1, name: 'Switch to Emis Web GP' })).toBeVisible();
    await expect(commissioner.getByRole('button', { name: 'Save timeline' })).toHaveCount(0);
    await expect(commissioner.getByRole('button', { name: 'Start the order' })).toHaveCount(0);
    await expectNoAxeViolations(commissioner, 'switch plan seen by the commissioner');
    await commissioner.goto('/switching');
    await expect(commissioner.getByRole('cell', { name: /THE DENSHAM SURGERY \(A81001\)/ }).first()).toBeVisible();
    await expectNoAxeViolations(commissioner, 'switch plans of the area');
  } finally {
    await context.close();
  }
});

test('the practice schedules the old contract’s termination from its plan', async ({ page }) => {
  const today = todayInLondon();
  const contract = await systmOneContract(page.request, shift(today, -1, 0));
  const byNotice = shift(today, 0, 90);
  test.skip(byNotice > contract.endDate, 'the notice would reach beyond the end date');
  const session = await signInByApi(page.request, DEMO.practice_manager.email);
  const created = await page.request.post('/api/switch-plans', { headers: { 'X-CSRF-Token': session.csrfToken }, data: { targetItemId: '10000-001' } });
  expect(created.status(), await created.text()).toBe(201);
  const plan = (await created.json()) as { id: string; current: { contract: { endDate: string } } };
  await page.goto(`/switching/${plan.id}`);
  await expectNoAxeViolations(page, 'switch plan');
  // Too soon for the notice period: the error shows on the field.
  await page.getByLabel('Date the contract ends').fill(shift(today, 0, 10));
  await page.getByRole('button', { name: 'Schedule the termination' }).click();
  await expect(page.getByRole('alert')).toContainText('notice period');
  await expectNoAxeViolations(page, 'termination with an error');
  await page.getByLabel('Date the contract ends').fill(byNotice);
  await page.getByRole('button', { name: 'Schedule the termination' }).click();
  await expect(page.getByRole('status')).toContainText(`scheduled for ${longDate(byNotice)}`);
  await expect(page.getByRole('button', { name: 'Schedule the termination' })).toHaveCount(0);
});
