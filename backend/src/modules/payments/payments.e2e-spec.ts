import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { FakeStripe, signedEvent, startFakeStripe, stripeEvent } from '../../../test/fake-stripe';
import { addDays, addMonths, contractDates, todayInLondon } from '../ordering/order.rules';
import { londonMidnight } from './payments.service';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const WEBHOOK_SECRET = 'whsec_test_secret';
const contact = { name: 'Sam Patel', email: 'sam.patel@nhs.test', telephone: '01234 567890' };
const supplierContact = { name: 'Alex Vendor', email: 'orders@emis.test' };
const commencement = addMonths(todayInLondon(), 1);

const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);

/** A practice order for Emis Web GP (annual, per patient) and a training day (one-off), completed. */
async function completedOrder(practice: Session, funding: 'local' | 'central' = 'local', complete = true): Promise<string> {
  const ref = (await post(practice, '/api/orders', { description: 'Clinical system for the practice' }).expect(201)).body.ref;
  await put(practice, `/api/orders/${ref}/ordering-party`, { contact }).expect(200);
  await put(practice, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(200);
  await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);
  await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
  await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-S-003', priceId: 'p1' }).expect(200);
  await put(practice, `/api/orders/${ref}/items/10000-S-003/quantities`, { quantity: 2 }).expect(200);
  await put(practice, `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: funding }).expect(200);
  await put(practice, `/api/orders/${ref}/items/10000-S-003/funding`, { fundingSource: funding }).expect(200);
  if (complete) expect((await post(practice, `/api/orders/${ref}/complete`).expect(200)).body.status).toBe('completed');
  return ref;
}

describe('payments switched off (no STRIPE_SECRET_KEY)', () => {
  let t: TestApp;
  let practice: Session;
  let vendor: Session;

  beforeAll(async () => {
    t = await createTestApp();
    [practice, vendor] = await Promise.all([t.signIn(DEMO.practiceManager), t.signIn(DEMO.vendor)]);
  });
  afterAll(() => t?.close());

  it('shows "pay by invoice" everywhere and refuses what needs Stripe with problem+json', async () => {
    expect((await vendor.agent.get('/api/vendor/payouts').expect(200)).body).toMatchObject({ paymentsEnabled: false, status: 'invoice' });
    const refused = await post(vendor, '/api/vendor/payouts/onboarding').expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'payments-off', detail: 'Payments are not switched on; pay by invoice.' });

    const ref = await completedOrder(practice);
    const payments = (await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body;
    expect(payments).toMatchObject({ paymentsEnabled: false, status: 'invoice', canPay: false, history: [] });
    expect(payments.parts.map((p: any) => p.part)).toEqual(['one_off', 'annual']);
    expect((await post(practice, `/api/orders/${ref}/payments/checkout`).expect(409)).body.code).toBe('payments-off');

    const { body, signature } = signedEvent(WEBHOOK_SECRET, stripeEvent('invoice.paid', { id: 'in_1', object: 'invoice' }));
    const webhook = await t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body).expect(503);
    expect(webhook.body.code).toBe('payments-off');

    // Terminating a contract still works.
    const order = (await practice.agent.get(`/api/orders/${ref}`).expect(200)).body;
    await post(practice, `/api/contracts/${order.contract.id}/terminate`, { reason: 'Moving on', terminationDate: addDays(commencement, 10) }).expect(200);
  });
});

describe('payments with Stripe (a fake Stripe server, real signatures)', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let practice: Session;
  let vendor: Session;
  let accountId: string;

  const webhook = (event: Record<string, any>, secret = WEBHOOK_SECRET) => {
    const { body, signature } = signedEvent(secret, event);
    return t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
  };
  const paymentRow = async (ref: string, part: string) =>
    (
      await t.db.query(`SELECT p.* FROM order_payments p JOIN orders o ON o.id = p.order_id WHERE o.number = $1 AND o.revision = $2 AND p.part = $3`, [
        Number(ref.slice(1, 7)),
        Number(ref.slice(8)),
        part,
      ])
    )[0];
  const now = () => Math.floor(Date.now() / 1000);
  const account = (over: Record<string, any> = {}) => ({
    id: accountId,
    object: 'account',
    charges_enabled: true,
    payouts_enabled: true,
    details_submitted: true,
    requirements: { currently_due: [], past_due: [], disabled_reason: null },
    ...over,
  });

  beforeAll(async () => {
    stripe = await startFakeStripe();
    t = await createTestApp({ STRIPE_SECRET_KEY: 'sk_test_fake123', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url, PLATFORM_FEE_BPS: '150' });
    [practice, vendor] = await Promise.all([t.signIn(DEMO.practiceManager), t.signIn(DEMO.vendor)]);
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  it('onboards a supplier with an Express account, and follows account.updated whatever order it arrives in', async () => {
    expect((await vendor.agent.get('/api/vendor/payouts').expect(200)).body).toMatchObject({ paymentsEnabled: true, status: 'not_started', accountId: null });

    // A practice cannot pay a supplier who has not set up payouts: pay by invoice.
    const early = await completedOrder(practice);
    expect((await practice.agent.get(`/api/orders/${early}/payments`).expect(200)).body).toMatchObject({ status: 'invoice', canPay: false });
    expect((await post(practice, `/api/orders/${early}/payments/checkout`).expect(409)).body.code).toBe('supplier-payouts-not-ready');

    const first = (await post(vendor, '/api/vendor/payouts/onboarding').expect(200)).body;
    expect(first.url).toMatch(new RegExp(`^${stripe.url}/connect/onboarding/`));
    expect(first.account).toMatchObject({ status: 'pending' });
    accountId = first.account.accountId;
    const [created] = stripe.calls('POST', '/v1/accounts');
    expect(created.params).toMatchObject({ type: 'express', country: 'GB', 'metadata[supplierCode]': '10000' });
    expect(created.headers['idempotency-key']).toMatch(/^payout-account-/);
    const [link] = stripe.calls('POST', '/v1/account_links');
    expect(link.params).toMatchObject({ account: accountId, type: 'account_onboarding', return_url: 'http://localhost:3000/vendor/payouts?returned=1' });

    // Again: the same account, a fresh link.
    await post(vendor, '/api/vendor/payouts/onboarding').expect(200);
    expect(stripe.calls('POST', '/v1/accounts')).toHaveLength(1);
    expect(stripe.calls('POST', '/v1/account_links')).toHaveLength(2);

    // Restricted, then enabled; an older "restricted" arriving late changes nothing.
    const t0 = now() - 60;
    await webhook(stripeEvent('account.updated', account({ charges_enabled: false, payouts_enabled: false, requirements: { currently_due: ['external_account'], past_due: [], disabled_reason: 'requirements.past_due' } }), { created: t0 })).expect(200);
    expect((await vendor.agent.get('/api/vendor/payouts').expect(200)).body).toMatchObject({ status: 'restricted', requirements: ['external_account'] });
    await webhook(stripeEvent('account.updated', account(), { created: t0 + 20 })).expect(200);
    await webhook(stripeEvent('account.updated', account({ charges_enabled: false }), { created: t0 + 10 })).expect(200);
    expect((await vendor.agent.get('/api/vendor/payouts').expect(200)).body).toMatchObject({ status: 'enabled', chargesEnabled: true, payoutsEnabled: true, requirements: [] });
    const audit = await t.db.query(`SELECT after->>'status' AS status FROM audit_events WHERE action = 'payouts.status-changed' ORDER BY id`);
    expect(audit.map((a: any) => a.status)).toEqual(['restricted', 'enabled']);
  });

  it('refuses a bad signature with 400 problem+json and changes nothing', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM stripe_events`))[0].n;
    const event = stripeEvent('account.updated', account({ charges_enabled: false, payouts_enabled: false }));
    const wrongSecret = await webhook(event, 'whsec_not_ours').expect(400);
    expect(wrongSecret.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrongSecret.body.code).toBe('bad-signature');
    // A valid signature over a different body.
    const { signature } = signedEvent(WEBHOOK_SECRET, event);
    await t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(JSON.stringify({ ...event, id: 'evt_tampered' })).expect(400);
    await t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').send(JSON.stringify(event)).expect(400);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM stripe_events`))[0].n).toBe(before);
    expect((await vendor.agent.get('/api/vendor/payouts').expect(200)).body.status).toBe('enabled');
  });

  it('checks out one-off items as a payment with the platform fee, applying the same event ten times once', async () => {
    const ref = await completedOrder(practice);
    const view = (await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body;
    expect(view).toMatchObject({ paymentsEnabled: true, status: 'unpaid', canPay: true });
    const oneOff = view.parts.find((p: any) => p.part === 'one_off');
    expect(oneOff).toMatchObject({ kind: 'payment', status: 'unpaid', applicationFeePence: Math.round((oneOff.amountPence * 150) / 10000) });
    // The vendor sees the order's payments but cannot pay.
    expect((await vendor.agent.get(`/api/orders/${ref}/payments`).expect(200)).body.canPay).toBe(false);
    await post(vendor, `/api/orders/${ref}/payments/checkout`).expect(403);

    const link = (await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(200)).body;
    expect(link).toMatchObject({ part: 'one_off' });
    expect(link.url).toMatch(new RegExp(`^${stripe.url}/checkout/cs_test_`));
    const call = stripe.calls('POST', '/v1/checkout/sessions').at(-1)!;
    expect(call.params).toMatchObject({
      mode: 'payment',
      client_reference_id: ref,
      customer_email: contact.email,
      'line_items[0][price_data][currency]': 'gbp',
      'payment_intent_data[application_fee_amount]': String(oneOff.applicationFeePence),
      'payment_intent_data[transfer_data][destination]': accountId,
    });
    const session = stripe.sessions.get(link.url.split('/').pop())!;
    expect(session.amount_total).toBe(oneOff.amountPence);
    expect((await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body.parts.find((p: any) => p.part === 'one_off').status).toBe('pending');

    const completed = stripeEvent('checkout.session.completed', { ...session, status: 'complete', payment_status: 'paid', payment_intent: 'pi_one_off_1' });
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await webhook(completed).expect(200)).body.applied);
    expect(answers.filter(Boolean)).toHaveLength(1);
    // Concurrent copies too.
    await Promise.all(Array.from({ length: 5 }, () => webhook(completed).expect(200)));

    const row = await paymentRow(ref, 'one_off');
    expect(row).toMatchObject({ status: 'paid', payment_intent_id: 'pi_one_off_1', amount_paid_pence: String(oneOff.amountPence) });
    const history = (await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body.history;
    expect(history.map((h: any) => h.kind)).toEqual(['checkout.started', 'checkout.completed']);
    const changes = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'payment.status-changed' AND object_id = $1`, [ref]);
    expect(changes[0].n).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE id = $1`, [completed.id]))[0].n).toBe(1);

    // Paid: it cannot be paid again; a full refund is final.
    await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(409);
    await webhook(stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_one_off_1', amount_refunded: oneOff.amountPence, refunded: true })).expect(200);
    expect(await paymentRow(ref, 'one_off')).toMatchObject({ status: 'refunded', amount_refunded_pence: String(oneOff.amountPence) });
    await webhook(stripeEvent('checkout.session.completed', { ...session, payment_status: 'paid', payment_intent: 'pi_one_off_1' })).expect(200);
    expect((await paymentRow(ref, 'one_off')).status).toBe('refunded');
  });

  it('subscribes annual items for the contract term, whether invoice.paid or checkout.session.completed comes first', async () => {
    const ref = await completedOrder(practice);
    const link = (await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'annual' }).expect(200)).body;
    const call = stripe.calls('POST', '/v1/checkout/sessions').at(-1)!;
    expect(call.params).toMatchObject({
      mode: 'subscription',
      'line_items[0][price_data][recurring][interval]': 'year',
      'subscription_data[application_fee_percent]': '1.5',
      'subscription_data[transfer_data][destination]': accountId,
    });
    const session = stripe.sessions.get(link.url.split('/').pop())!;
    const paymentId = session.metadata.paymentId;
    const invoice = (over: Record<string, any> = {}) => ({
      id: `in_${Math.random().toString(36).slice(2)}`,
      object: 'invoice',
      number: 'INV-0001',
      amount_paid: session.amount_total,
      amount_due: session.amount_total,
      metadata: {},
      parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_annual_1', metadata: { paymentId } } },
      ...over,
    });

    // Out of order: the first invoice is paid before the checkout's completion arrives.
    const t0 = now() + 5;
    await webhook(stripeEvent('invoice.paid', invoice(), { created: t0 })).expect(200);
    expect(await paymentRow(ref, 'annual')).toMatchObject({ status: 'paid', subscription_id: 'sub_annual_1' });
    await webhook(stripeEvent('checkout.session.completed', { ...session, status: 'complete', payment_status: 'paid', subscription: 'sub_annual_1' }, { created: t0 - 1 })).expect(200);
    const row = await paymentRow(ref, 'annual');
    const { endDate } = contractDates(commencement, 36, 90);
    expect(row).toMatchObject({ status: 'paid', subscription_id: 'sub_annual_1', checkout_session_id: session.id, amount_paid_pence: String(session.amount_total), cancel_at: addDays(endDate, 1) });
    const [update] = stripe.calls('POST', '/v1/subscriptions/sub_annual_1');
    expect(update.params).toMatchObject({ cancel_at: String(londonMidnight(addDays(endDate, 1))), proration_behavior: 'none' });

    // A failed renewal: the buyer and the supplier are told, through the outbox.
    await webhook(stripeEvent('invoice.payment_failed', invoice({ amount_paid: 0 }), { created: t0 + 10 })).expect(200);
    expect((await paymentRow(ref, 'annual')).status).toBe('failed');
    const view = (await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body;
    expect(view.status).toBe('failed');
    const mail = await t.db.query(`SELECT to_address, template FROM email_outbox WHERE subject = $1 ORDER BY to_address`, [`Payment for order ${ref} failed`]);
    expect(mail).toEqual([
      { to_address: 'orders@emis.test', template: 'payment-failed-supplier' },
      { to_address: DEMO.practiceManager, template: 'payment-failed' },
      { to_address: contact.email, template: 'payment-failed' },
    ]);
    // Stripe's retry succeeds; an older failure arriving late does not undo it.
    await webhook(stripeEvent('invoice.paid', invoice(), { created: t0 + 20 })).expect(200);
    await webhook(stripeEvent('invoice.payment_failed', invoice({ amount_paid: 0 }), { created: t0 + 15 })).expect(200);
    expect((await paymentRow(ref, 'annual')).status).toBe('paid');
    expect((await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body.history.map((h: any) => h.kind)).toEqual([
      'checkout.started',
      'checkout.completed',
      'invoice.paid',
      'invoice.payment_failed',
      'invoice.payment_failed',
      'invoice.paid',
    ]);

    // Terminating the contract stops the subscription from the termination date.
    const order = (await practice.agent.get(`/api/orders/${ref}`).expect(200)).body;
    const terminationDate = addDays(commencement, 40);
    await post(practice, `/api/contracts/${order.contract.id}/terminate`, { reason: 'Moving to another system', terminationDate }).expect(200);
    const updates = stripe.calls('POST', '/v1/subscriptions/sub_annual_1');
    expect(updates).toHaveLength(2);
    expect(updates[1].params.cancel_at).toBe(String(londonMidnight(terminationDate)));
    expect((await paymentRow(ref, 'annual')).cancel_at).toBe(terminationDate);

    await webhook(stripeEvent('customer.subscription.deleted', { id: 'sub_annual_1', object: 'subscription', metadata: { paymentId } })).expect(200);
    expect((await paymentRow(ref, 'annual')).status).toBe('cancelled');
    // The contract shows the payments of its order, to the buyer and the supplier.
    for (const who of [practice, vendor]) {
      const byContract = (await who.agent.get(`/api/contracts/${order.contract.id}/payments`).expect(200)).body;
      expect(byContract.parts.find((p: any) => p.part === 'annual')).toMatchObject({ status: 'cancelled', cancelAt: terminationDate });
      expect(byContract.history.map((h: any) => h.kind)).toEqual(expect.arrayContaining(['subscription.ends', 'subscription.ended']));
    }
  });

  it('never puts centrally funded items through Stripe', async () => {
    const ref = await completedOrder(practice, 'central', false);
    expect((await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body).toMatchObject({ status: 'nothing_to_pay', parts: [], canPay: false });
    await post(practice, `/api/orders/${ref}/payments/checkout`).expect(409);
  });
});
