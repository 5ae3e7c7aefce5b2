import type { APIRequestContext } from '@playwright/test';
import { startFakeStripe, type FakeStripe } from '../../backend/test/fake-stripe';
import { expect, expectNoAxeViolations, signInByApi, test, DEMO } from '../fixtures';

/**
 * Payments with Stripe against the fake Stripe server (backend/test/fake-stripe.ts), never Stripe
 * itself. The API must be started with payments on and pointed at the fake:
 *
 *   STRIPE_SECRET_KEY=sk_test_journeys STRIPE_WEBHOOK_SECRET=whsec_journeys \
 *   STRIPE_API_BASE=http://127.0.0.1:12111 node scripts/test.mjs journeys payments
 *
 * (scripts/test.mjs and test/serve-e2e.mjs pass the environment through to the API.) This spec starts
 * the fake on STRIPE_API_BASE's port; its onboarding and checkout pages send signed webhooks to the API.
 */
const base = process.env.STRIPE_API_BASE;
test.skip(!base || !process.env.STRIPE_WEBHOOK_SECRET, 'payments journeys need STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_API_BASE (see the comment above)');
test.describe.configure({ mode: 'serial' });

let stripe: FakeStripe;
test.beforeAll(async () => {
  stripe = await startFakeStripe({
    port: Number(new URL(base!).port),
    webhookUrl: `http://127.0.0.1:${process.env.E2E_API_PORT || 3101}/api/payments/webhook`,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
  });
});
test.afterAll(async () => stripe?.close());

function firstOfNextMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** A practice's completed order, locally funded: Emis Web GP (annual) and two training days (one-off). */
async function completedOrder(request: APIRequestContext): Promise<string> {
  const { csrfToken } = await signInByApi(request, DEMO.practice_manager.email);
  const headers = { 'X-CSRF-Token': csrfToken };
  const send = async (method: 'post' | 'put', url: string, data: unknown = {}, status = 200) => {
    const response = await request[method](url, { headers, data: data as object });
    expect(response.status(), `${method} ${url}: ${await response.text()}`).toBe(status);
    return response.json();
  };
  const { ref } = await send('post', '/api/orders', { description: 'Paid by card' }, 201);
  await send('put', `/api/orders/${ref}/ordering-party`, { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test' } });
  await send('put', `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: { name: 'Alex Vendor', email: 'orders@emis.test' } });
  await send('put', `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: firstOfNextMonth(), initialPeriodMonths: 3, maximumTermMonths: 36 });
  await send('post', `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' });
  await send('post', `/api/orders/${ref}/items`, { itemId: '10000-S-003', priceId: 'p1' });
  await send('put', `/api/orders/${ref}/items/10000-S-003/quantities`, { quantity: 2 });
  await send('put', `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: 'local' });
  await send('put', `/api/orders/${ref}/items/10000-S-003/funding`, { fundingSource: 'local' });
  await send('post', `/api/orders/${ref}/complete`);
  return ref;
}

test('a supplier sets up payouts with Stripe and sees its payout status', async ({ page, login }) => {
  await login('vendor');
  await page.goto('/vendor/payouts');
  await expect(page.getByRole('heading', { level: 1, name: 'Payouts' })).toBeVisible();
  await expect(page.getByTestId('payout-status')).toHaveText('Not started');
  await expectNoAxeViolations(page, 'payouts, not started');

  await page.getByRole('button', { name: 'Set up payouts' }).click();
  await expect(page.getByRole('heading', { name: 'Set up payouts (fake Stripe)' })).toBeVisible();
  await page.getByRole('button', { name: 'Finish onboarding' }).click();

  await expect(page).toHaveURL(/\/vendor\/payouts\?returned=1$/);
  await expect(page.getByTestId('payout-status')).toHaveText('Enabled');
  await expect(page.getByText('Buyers can pay you by card or Direct Debit')).toBeVisible();
  await expectNoAxeViolations(page, 'payouts, enabled');
  expect(stripe.calls('POST', '/v1/accounts')).toHaveLength(1);

  // Enabled: the Express dashboard, through a fresh login link.
  await page.getByRole('button', { name: 'View payouts in Stripe' }).click();
  await expect(page.getByRole('heading', { name: 'Payouts (fake Stripe Express dashboard)' })).toBeVisible();
  expect(stripe.calls('POST', /^\/v1\/accounts\/acct_[^/]+\/login_links$/)).toHaveLength(1);
});

test('a practice pays a completed order by card: the one-off amount and the annual subscription', async ({ page }) => {
  const ref = await completedOrder(page.request);
  await page.goto(`/orders/${ref}`);
  const payment = page.getByTestId('payment');
  await expect(payment.getByRole('heading', { name: 'Payment' })).toBeVisible();
  await expect(payment.getByText('Not paid', { exact: true }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'order payment, unpaid');

  await payment.getByRole('button', { name: 'Pay by card or Direct Debit: one-off amount' }).click();
  await expect(page.getByRole('heading', { name: /^Pay £[\d,.]+ \(fake Stripe\)$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${ref}\\?payment=success$`));
  await expect(payment.getByRole('row', { name: /One-off amount/ })).toContainText('Paid');

  await payment.getByRole('button', { name: 'Pay by card or Direct Debit' }).click();
  await expect(page.getByRole('heading', { name: /^Pay £[\d,.]+ a year \(fake Stripe\)$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${ref}\\?payment=success$`));
  await expect(payment.getByRole('row', { name: /Annual subscription/ })).toContainText('Paid');
  await expect(payment.locator('p', { hasText: 'Status:' })).toContainText('Paid');
  await expect(payment.getByRole('list', { name: 'Payment history' })).toContainText('Invoice paid');
  await expect(payment.getByRole('button', { name: /Pay by card/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'order payment, paid');

  // The contract page shows the same payment status and history.
  await page.getByRole('link', { name: 'See the contract' }).click();
  const onContract = page.getByTestId('payment');
  await expect(onContract.locator('p', { hasText: 'Status:' })).toContainText('Paid');
  await expect(onContract.getByRole('row', { name: /Annual subscription/ })).toContainText('Paid');
  await expect(onContract.getByRole('list', { name: 'Payment history' })).toContainText('Invoice paid');
  await expectNoAxeViolations(page, 'contract payment, paid');

  const session = stripe.calls('POST', '/v1/checkout/sessions').at(-1)!;
  expect(session.params['subscription_data[transfer_data][destination]']).toMatch(/^acct_/);
});

test('a commissioner pays an amended order only for what the amendment adds, and sees both revisions’ payments', async ({ page }) => {
  const { csrfToken } = await signInByApi(page.request, DEMO.commissioner.email);
  const headers = { 'X-CSRF-Token': csrfToken };
  const send = async (method: 'post' | 'put', url: string, data: unknown = {}, status = 200) => {
    const response = await page.request[method](url, { headers, data: data as object });
    expect(response.status(), `${method} ${url}: ${await response.text()}`).toBe(status);
    return response.json();
  };
  const { ref } = await send('post', '/api/orders', { description: 'Paid, then amended' }, 201);
  await send('put', `/api/orders/${ref}/recipients`, { odsCodes: ['A81001'] });
  await send('put', `/api/orders/${ref}/ordering-party`, { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test' } });
  await send('put', `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: { name: 'Alex Vendor', email: 'orders@emis.test' } });
  await send('put', `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: firstOfNextMonth(), initialPeriodMonths: 3, maximumTermMonths: 36 });
  await send('post', `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' });
  await send('put', `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: 'local' });
  const rev1 = await send('post', `/api/orders/${ref}/complete`);

  // Revision 1's annual subscription is paid on Stripe's page (the fake's page sends the webhooks).
  const { url } = await send('post', `/api/orders/${ref}/payments/checkout`, { part: 'annual' });
  await page.goto(url);
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${ref}\\?payment=success$`));
  await expect(page.getByTestId('payment').getByRole('row', { name: /Annual subscription/ })).toContainText('Paid');

  // Amended: a second practice.
  const { ref: ref2 } = await send('post', `/api/orders/${ref}/amendments`, {}, 201);
  await send('put', `/api/orders/${ref2}/recipients`, { odsCodes: ['A81001', 'A81002'] });
  const rev2 = await send('post', `/api/orders/${ref2}/complete`);
  const difference = rev2.totals.annualPence - rev1.totals.annualPence;
  const pounds = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

  await page.goto(`/orders/${ref2}`);
  const payment = page.getByTestId('payment');
  await expect(payment.getByRole('row', { name: /^Annual subscription/ })).toContainText(`${pounds(difference)} a year`);
  await expect(payment.getByRole('row', { name: /^Annual subscription/ })).toContainText(`besides ${pounds(rev1.totals.annualPence)} a year paid through earlier revisions`);
  await expectNoAxeViolations(page, 'amended order payment, unpaid');
  await payment.getByRole('button', { name: 'Pay by card or Direct Debit' }).click();
  // Stripe is asked for the difference only.
  await expect(page.getByRole('heading', { name: `Pay £${(difference / 100).toFixed(2)} a year (fake Stripe)` })).toBeVisible();
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${ref2}\\?payment=success$`));

  const revisions = payment.getByRole('table', { name: 'Payments of every revision of this order' });
  for (const [r, amount] of [
    [ref, rev1.totals.annualPence],
    [ref2, difference],
  ] as const) {
    const row = revisions.getByRole('row', { name: new RegExp(`^${r}: Annual subscription`) });
    await expect(row.getByRole('cell').nth(0)).toHaveText(`${pounds(amount)} a year`);
    await expect(row.getByRole('cell').nth(1)).toHaveText('Paid');
  }
  await expect(payment.locator('p', { hasText: 'Status:' })).toContainText('Paid');
  await expect(payment.getByRole('button', { name: /Pay by card/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'amended order payment, paid');
  const session = stripe.calls('POST', '/v1/checkout/sessions').at(-1)!;
  expect(session.params['line_items[0][price_data][unit_amount]']).toBe(String(difference));
  expect(session.params['line_items[1][quantity]']).toBeUndefined();
});
