import type { APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO, expect, expectNoAxeViolations, signInByApi, test } from '../fixtures';

// The contract register (commissioner oversight). Contracts are made through the API here:
// one for Emis Web GP that started 2 months ago with a 6-month maximum term (its notice deadline is
// within 180 days), and one for a second accredited solution (10030-001, per patient on TIF001)
// that the operator then makes Lapsed by recording an expired assessment, and accredits again.
const LAPSING_ITEM = '10030-001';
const LAPSING_SUPPLIER = '10030';

function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28))).toISOString().slice(0, 10);
}

/** A completed order (and so a contract) by the QHM commissioner for A81001; returns its ref. */
async function contractByApi(request: APIRequestContext, o: { itemId: string; supplierCode: string; commencementDate: string; initial: number; maximum: number }) {
  const { csrfToken } = await signInByApi(request, DEMO.commissioner.email);
  const headers = { 'X-CSRF-Token': csrfToken };
  const send = async (method: 'post' | 'put', url: string, data: unknown, status = 200, extra: Record<string, string> = {}) => {
    const response = await request[method](url, { headers: { ...headers, ...extra }, data: data as object });
    expect(response.status(), `${method} ${url}: ${await response.text()}`).toBe(status);
    return response.json();
  };
  const { ref } = await send('post', '/api/orders', { description: 'Register journey' }, 201);
  await send('put', `/api/orders/${ref}/ordering-party`, { contact: { name: 'Callum Reid', email: 'commissioner@demo.gpit.test' } });
  await send('put', `/api/orders/${ref}/supplier`, { supplierCode: o.supplierCode, contact: { name: 'Orders', email: 'orders@supplier.test' } });
  await send('put', `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: o.commencementDate, initialPeriodMonths: o.initial, maximumTermMonths: o.maximum });
  await send('put', `/api/orders/${ref}/recipients`, { odsCodes: ['A81001'] });
  await send('post', `/api/orders/${ref}/items`, { itemId: o.itemId, priceId: 'p1' });
  await send('put', `/api/orders/${ref}/items/${o.itemId}/funding`, { fundingSource: 'local' });
  const done = await send('post', `/api/orders/${ref}/complete`, {}, 200, { 'Idempotency-Key': `register-${ref}` });
  expect(done.status).toBe('completed');
  return ref as string;
}

async function recordS24(request: APIRequestContext, assessedOn: string, expiresOn: string) {
  const { csrfToken } = await signInByApi(request, DEMO.operator.email);
  const response = await request.put(`/api/assessments/${LAPSING_ITEM}/standards/S24`, {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { result: 'met', assessor: 'Register journey', assessedOn, expiresOn },
  });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

test('the QHM commissioner filters contracts by notice deadline and downloads them as CSV; a lapsed solution’s contract is flagged', async ({ page }) => {
  const today = todayInLondon();
  const soonRef = await contractByApi(page.request, { itemId: '10000-001', supplierCode: '10000', commencementDate: addMonths(today, -2), initial: 1, maximum: 6 });
  const lapsingRef = await contractByApi(page.request, { itemId: LAPSING_ITEM, supplierCode: LAPSING_SUPPLIER, commencementDate: addDays(today, 14), initial: 3, maximum: 36 });

  try {
    // The operator records an assessment that has expired: the solution is Lapsed.
    const lapsed = await recordS24(page.request, addDays(today, -400), addDays(today, -1));
    expect(lapsed.accreditation.status).toBe('lapsed');

    await signInByApi(page.request, DEMO.commissioner.email);
    await page.goto('/commissioner');
    await page.getByRole('link', { name: 'Contract register for your area' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Contract register' })).toBeVisible();
    await expectNoAxeViolations(page, 'contract register');

    // A bad filter is an error on its field.
    await page.getByLabel('Notice deadline within (days)').fill('soon');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByRole('alert')).toContainText('Notice deadline within must be a whole number of days');
    await expect(page.getByLabel('Notice deadline within (days)')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'contract register with an error');

    // Contracts whose notice deadline is within 180 days, for the demo practice.
    await page.getByLabel('Notice deadline within (days)').fill('180');
    await page.getByLabel('Practice ODS code').fill('A81001');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/noticeWithinDays=180/);
    const table = page.getByRole('table', { name: 'Contracts matching the filters' });
    await expect(table.locator(`tr[data-order-ref="${soonRef}"]`)).toBeVisible();
    await expect(table.locator(`tr[data-order-ref="${lapsingRef}"]`)).toHaveCount(0);
    await expectNoAxeViolations(page, 'filtered contract register');
    const tableRefs = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-ref')));

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: /Download CSV/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^contract-register-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toMatch(/^Order,Buyer ODS code,Buyer,/);
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(tableRefs);
    const soonLine = csv.find((line) => line.startsWith(`${soonRef},`))!;
    expect(soonLine).toContain(',QHM,');

    // Everything for the practice: the lapsed solution's contract carries the flag, reason and date.
    await page.goto('/register?practice=A81001&flagged=true');
    const flaggedRow = page.getByRole('table', { name: 'Contracts matching the filters' }).locator(`tr[data-order-ref="${lapsingRef}"]`);
    await expect(flaggedRow.getByTestId('enforcement-flag')).toContainText(/Lapsed since \d{1,2} \w+ \d{4}/);
    await expect(flaggedRow.getByTestId('enforcement-flag')).toContainText('expired');
    await expectNoAxeViolations(page, 'flagged contracts');
    await flaggedRow.getByRole('link').first().click();
    await expect(page.getByRole('note', { name: 'Enforcement' })).toContainText('It cannot be ordered');
    await expect(page.getByRole('table', { name: 'Order revisions' })).toContainText(lapsingRef);
    await expect(page.getByRole('table', { name: /Audit history/ })).toContainText('contract.created');
    await expectNoAxeViolations(page, 'register contract detail');
  } finally {
    // Accredited again (the demo result): the flag goes.
    const again = await recordS24(page.request, '2026-08-05', '2029-08-04');
    expect(again.accreditation.status).toBe('accredited');
  }
  await signInByApi(page.request, DEMO.commissioner.email);
  await page.goto('/register?practice=A81001&flagged=true');
  await expect(page.getByRole('table', { name: 'Contracts matching the filters' }).locator(`tr[data-order-ref="${lapsingRef}"]`)).toHaveCount(0);
});

test('a commissioner cannot reach another area through the register filters', async ({ page }) => {
  await signInByApi(page.request, DEMO.commissioner.email);
  // K81001 is a practice in another ICB.
  const response = await page.request.get('/api/register/contracts.csv?practice=K81001');
  expect([403, 404]).toContain(response.status());
  await page.goto('/register?practice=K81001');
  await expect(page.getByRole('alert')).toContainText(/not found|No practice/i);
  await expectNoAxeViolations(page, 'register with an out-of-area filter');
});
