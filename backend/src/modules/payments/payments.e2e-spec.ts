import { Writable } from 'node:stream';
import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { FakeStripe, signedEvent, startFakeStripe, stripeEvent } from '../../../test/fake-stripe';
import { BACKFILL_COVERS } from '../../core/database/migrations/1795000000071-payments-reconcile';
import { JobsService } from '../../core/jobs/jobs.service';
import { JsonLogger } from '../../core/logging/logger';
import { formatPounds } from '../ordering/order-pricing';
import { addDays, addMonths, contractDates, todayInLondon } from '../ordering/order.rules';
import { STRIPE_EVENTS_PRUNE_JOB } from './payments.module';
import { londonMidnight } from './payments.service';
import { WebhooksService } from './webhooks.service';

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
    expect((await post(vendor, '/api/vendor/payouts/dashboard').expect(409)).body.code).toBe('payments-off');

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

const SECRET_KEY = 'sk_test_fake123SecretKeyNeverLogged';

describe('payments with Stripe (a fake Stripe server, real signatures)', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let practice: Session;
  let commissioner: Session;
  let vendor: Session;
  let accountId: string;
  // Everything the app logs, at debug level: no secret may appear in it.
  let logs = '';
  const logOut = new Writable({
    write(chunk, _encoding, done) {
      logs += String(chunk);
      done();
    },
  });

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
    t = await createTestApp(
      { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url, PLATFORM_FEE_BPS: '150', LOG_LEVEL: 'debug' },
      new JsonLogger('debug', logOut),
    );
    [practice, commissioner, vendor] = await Promise.all([t.signIn(DEMO.practiceManager), t.signIn(DEMO.commissioner), t.signIn(DEMO.vendor)]);
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

    expect((await post(vendor, '/api/vendor/payouts/dashboard').expect(409)).body.code).toBe('payouts-not-set-up');
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
    expect((await post(vendor, '/api/vendor/payouts/dashboard').expect(409)).body.code).toBe('payouts-not-enabled');
    expect(stripe.calls('POST', /\/login_links$/)).toHaveLength(0);
    await webhook(stripeEvent('account.updated', account(), { created: t0 + 20 })).expect(200);
    await webhook(stripeEvent('account.updated', account({ charges_enabled: false }), { created: t0 + 10 })).expect(200);
    expect((await vendor.agent.get('/api/vendor/payouts').expect(200)).body).toMatchObject({ status: 'enabled', chargesEnabled: true, payoutsEnabled: true, requirements: [] });
    const audit = await t.db.query(`SELECT after->>'status' AS status FROM audit_events WHERE action = 'payouts.status-changed' ORDER BY id`);
    expect(audit.map((a: any) => a.status)).toEqual(['restricted', 'enabled']);

    // Enabled: "View payouts in Stripe" opens the account's Express dashboard through a fresh login link.
    stripe.accounts.set(accountId, { ...stripe.accounts.get(accountId)!, details_submitted: true, charges_enabled: true, payouts_enabled: true });
    const dashboard = (await post(vendor, '/api/vendor/payouts/dashboard').expect(200)).body;
    expect(dashboard).toEqual({ url: `${stripe.url}/express/${accountId}` });
    expect(stripe.calls('POST', `/v1/accounts/${accountId}/login_links`)).toHaveLength(1);
    // Only the supplier's own users, and never when Stripe fails.
    await post(practice, '/api/vendor/payouts/dashboard').expect(403);
    stripe.failNext(/\/login_links$/, 400);
    expect((await post(vendor, '/api/vendor/payouts/dashboard').expect(502)).body.code).toBe('stripe-unavailable');
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

  /** Pays a part through webhooks as Stripe would: the checkout completes (and, for a subscription, its first invoice is paid). */
  const finishCheckout = async (url: string, paymentIntent: string, subscription?: string) => {
    const session = stripe.sessions.get(url.split('/').pop()!)!;
    session.status = 'complete';
    if (subscription) {
      const invoice = {
        id: `in_${subscription}`,
        object: 'invoice',
        number: `INV-${subscription}`,
        amount_paid: session.amount_total,
        amount_due: session.amount_total,
        metadata: {},
        parent: { type: 'subscription_details', subscription_details: { subscription, metadata: session.metadata } },
      };
      stripe.addInvoice(invoice, paymentIntent);
      await webhook(stripeEvent('invoice.paid', invoice)).expect(200);
      await webhook(stripeEvent('checkout.session.completed', { ...session, payment_status: 'paid', subscription })).expect(200);
    } else {
      await webhook(stripeEvent('checkout.session.completed', { ...session, payment_status: 'paid', payment_intent: paymentIntent })).expect(200);
    }
    return session;
  };
  const lineItems = (params: Record<string, string>) => {
    const items: { name: string; amount: number; interval?: string }[] = [];
    for (let i = 0; params[`line_items[${i}][quantity]`] !== undefined; i++) {
      items.push({
        name: params[`line_items[${i}][price_data][product_data][name]`],
        amount: Number(params[`line_items[${i}][price_data][unit_amount]`]),
        ...(params[`line_items[${i}][price_data][recurring][interval]`] ? { interval: params[`line_items[${i}][price_data][recurring][interval]`] } : {}),
      });
    }
    return items;
  };

  it('pays an amendment only for what it adds: an added recipient and an added quantity, as a payment and a separate subscription for the difference', async () => {
    const ref = (await post(commissioner, '/api/orders', { description: 'Paid, then amended' }).expect(201)).body.ref;
    await put(commissioner, `/api/orders/${ref}/recipients`, { odsCodes: ['A81001'] }).expect(200);
    await put(commissioner, `/api/orders/${ref}/ordering-party`, { contact }).expect(200);
    await put(commissioner, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(200);
    await put(commissioner, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);
    await post(commissioner, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await post(commissioner, `/api/orders/${ref}/items`, { itemId: '10000-S-003', priceId: 'p1' }).expect(200);
    await put(commissioner, `/api/orders/${ref}/items/10000-S-003/quantities`, { quantity: 1 }).expect(200);
    await put(commissioner, `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: 'local' }).expect(200);
    await put(commissioner, `/api/orders/${ref}/items/10000-S-003/funding`, { fundingSource: 'local' }).expect(200);
    const rev1 = (await post(commissioner, `/api/orders/${ref}/complete`).expect(200)).body;
    const cost1 = (itemId: string) => rev1.items.find((i: any) => i.itemId === itemId).cost;

    // Revision 1 is paid in full: the one-off amount and the annual subscription.
    const oneOff1 = (await post(commissioner, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(200)).body;
    await finishCheckout(oneOff1.url, 'pi_amend_rev1');
    const annual1 = (await post(commissioner, `/api/orders/${ref}/payments/checkout`, { part: 'annual' }).expect(200)).body;
    await finishCheckout(annual1.url, 'pi_amend_rev1_inv1', 'sub_amend_rev1');
    expect((await commissioner.agent.get(`/api/orders/${ref}/payments`).expect(200)).body).toMatchObject({ status: 'paid', canPay: false });

    // Amend: a second practice, and one more training day.
    const ref2: string = (await post(commissioner, `/api/orders/${ref}/amendments`).expect(201)).body.ref;
    await put(commissioner, `/api/orders/${ref2}/recipients`, { odsCodes: ['A81001', 'A81002'] }).expect(200);
    await put(commissioner, `/api/orders/${ref2}/items/10000-S-003/quantities`, { quantity: 2 }).expect(200);
    const rev2 = (await post(commissioner, `/api/orders/${ref2}/complete`).expect(200)).body;
    const cost2 = (itemId: string) => rev2.items.find((i: any) => i.itemId === itemId).cost;
    const annualDifference = cost2('10000-001').annualPence - cost1('10000-001').annualPence;
    const oneOffDifference = cost2('10000-S-003').oneOffPence - cost1('10000-S-003').oneOffPence;
    expect(annualDifference).toBeGreaterThan(0);
    expect(oneOffDifference).toBeGreaterThan(0);

    // The superseded revision cannot be paid any more; the amendment owes only the difference.
    expect((await post(commissioner, `/api/orders/${ref}/payments/checkout`, { part: 'annual' }).expect(409)).body.code).toBe('order-not-payable');
    const view = (await commissioner.agent.get(`/api/orders/${ref2}/payments`).expect(200)).body;
    expect(view).toMatchObject({ status: 'unpaid', canPay: true });
    expect(view.parts).toEqual([
      expect.objectContaining({ part: 'one_off', status: 'unpaid', amountPence: oneOffDifference, coveredPence: cost1('10000-S-003').oneOffPence, applicationFeePence: Math.round((oneOffDifference * 150) / 10000) }),
      expect.objectContaining({ part: 'annual', status: 'unpaid', amountPence: annualDifference, coveredPence: cost1('10000-001').annualPence }),
    ]);
    expect(view.message).toMatch(/pays only what it adds/);

    // The Checkout sessions Stripe receives charge only the difference.
    const annual2 = (await post(commissioner, `/api/orders/${ref2}/payments/checkout`, { part: 'annual' }).expect(200)).body;
    const annualCall = stripe.calls('POST', '/v1/checkout/sessions').at(-1)!;
    expect(annualCall.params).toMatchObject({ mode: 'subscription', client_reference_id: ref2, 'subscription_data[transfer_data][destination]': accountId });
    expect(lineItems(annualCall.params)).toEqual([{ name: expect.any(String), amount: annualDifference, interval: 'year' }]);
    const oneOff2 = (await post(commissioner, `/api/orders/${ref2}/payments/checkout`, { part: 'one_off' }).expect(200)).body;
    const oneOffCall = stripe.calls('POST', '/v1/checkout/sessions').at(-1)!;
    expect(lineItems(oneOffCall.params)).toEqual([{ name: expect.any(String), amount: oneOffDifference }]);
    expect(oneOffCall.params['payment_intent_data[application_fee_amount]']).toBe(String(Math.round((oneOffDifference * 150) / 10000)));
    // The earlier subscription is left as it is: the difference is a subscription of its own.
    expect(stripe.calls('POST', '/v1/subscriptions/sub_amend_rev1').map((c) => Object.keys(c.params))).toEqual([['cancel_at', 'proration_behavior']]);

    await finishCheckout(annual2.url, 'pi_amend_rev2_inv1', 'sub_amend_rev2');
    await finishCheckout(oneOff2.url, 'pi_amend_rev2');
    expect(await paymentRow(ref2, 'annual')).toMatchObject({ status: 'paid', subscription_id: 'sub_amend_rev2', amount_pence: String(annualDifference), cancel_at: (await paymentRow(ref, 'annual')).cancel_at });

    // The order page shows both revisions' payments and their history.
    const paid = (await commissioner.agent.get(`/api/orders/${ref2}/payments`).expect(200)).body;
    expect(paid).toMatchObject({ status: 'paid', canPay: false });
    expect(paid.payments.map((p: any) => [p.orderRef, p.part, p.status, p.amountPence])).toEqual([
      [ref, 'one_off', 'paid', cost1('10000-S-003').oneOffPence],
      [ref, 'annual', 'paid', cost1('10000-001').annualPence],
      [ref2, 'one_off', 'paid', oneOffDifference],
      [ref2, 'annual', 'paid', annualDifference],
    ]);
    expect(new Set(paid.history.map((h: any) => h.orderRef))).toEqual(new Set([ref, ref2]));
    // So does the contract, to the supplier too.
    const byContract = (await vendor.agent.get(`/api/contracts/${rev2.contract.id}/payments`).expect(200)).body;
    expect(byContract.payments).toHaveLength(4);
    await post(commissioner, `/api/orders/${ref2}/payments/checkout`).expect(409);

    // Payments made before reconciliation existed charged their revision's whole part; the migration's
    // backfill gives them exactly what a checkout of revision 1 records.
    const rev1Rows = `SELECT p.id, p.covers FROM order_payments p JOIN orders o ON o.id = p.order_id WHERE o.number = $1 AND o.revision = 1 ORDER BY p.part`;
    const sorted = (rows: any[]) => rows.map((r) => ({ id: r.id, covers: [...r.covers].sort((a: any, b: any) => a.itemId.localeCompare(b.itemId)) }));
    const recorded = sorted(await t.db.query(rev1Rows, [Number(ref.slice(1, 7))]));
    expect(recorded).toHaveLength(2);
    await t.db.query(`UPDATE order_payments SET covers = '[]' WHERE id = ANY($1)`, [recorded.map((r) => r.id)]);
    await t.db.query(`${BACKFILL_COVERS} WHERE p.id = ANY($1)`, [recorded.map((r) => r.id)]);
    expect(sorted(await t.db.query(rev1Rows, [Number(ref.slice(1, 7))]))).toEqual(recorded);

    // Terminating the contract stops both subscriptions.
    const terminationDate = addDays(commencement, 60);
    await post(commissioner, `/api/contracts/${rev2.contract.id}/terminate`, { reason: 'Done', terminationDate }).expect(200);
    for (const sub of ['sub_amend_rev1', 'sub_amend_rev2']) expect(stripe.calls('POST', `/v1/subscriptions/${sub}`).at(-1)!.params.cancel_at).toBe(String(londonMidnight(terminationDate)));
  });

  it('never leaves two checkouts open for one part: a replaced or superseded checkout is expired at Stripe', async () => {
    const ref = await completedOrder(practice);
    const first = (await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(200)).body;
    const firstId = first.url.split('/').pop();
    // The buyer comes back and pays again: the first page is expired, the part keeps one row.
    const second = (await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(200)).body;
    const secondId = second.url.split('/').pop();
    expect(stripe.calls('POST', `/v1/checkout/sessions/${firstId}/expire`)).toHaveLength(1);
    expect(stripe.sessions.get(firstId)!.status).toBe('expired');
    expect(await paymentRow(ref, 'one_off')).toMatchObject({ status: 'pending', checkout_session_id: secondId });
    // Stripe's checkout.session.expired for the replaced page changes nothing.
    await webhook(stripeEvent('checkout.session.expired', { ...stripe.sessions.get(firstId)! })).expect(200);
    expect((await paymentRow(ref, 'one_off')).status).toBe('pending');

    // A page just paid, its webhook not here yet: no new checkout, the buyer is asked to wait.
    stripe.sessions.get(secondId)!.status = 'complete';
    expect((await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(409)).body.code).toBe('payment-confirming');
    stripe.sessions.get(secondId)!.status = 'open';

    // Amended (one more training day) while the one-off checkout is unfinished: the amendment pays the
    // whole one-off amount, and the superseded revision's page is expired so it cannot be paid too.
    const ref2: string = (await post(practice, `/api/orders/${ref}/amendments`).expect(201)).body.ref;
    await put(practice, `/api/orders/${ref2}/items/10000-S-003/quantities`, { quantity: 3 }).expect(200);
    const rev2 = (await post(practice, `/api/orders/${ref2}/complete`).expect(200)).body;
    const third = (await post(practice, `/api/orders/${ref2}/payments/checkout`, { part: 'one_off' }).expect(200)).body;
    expect(stripe.sessions.get(secondId)!.status).toBe('expired');
    expect((await paymentRow(ref, 'one_off')).status).toBe('expired');
    expect(stripe.sessions.get(third.url.split('/').pop())!.amount_total).toBe(rev2.items.find((i: any) => i.itemId === '10000-S-003').cost.oneOffPence);

    // An unfinished page that Stripe expires makes the part payable again.
    const thirdSession = stripe.sessions.get(third.url.split('/').pop())!;
    await webhook(stripeEvent('checkout.session.expired', { ...thirdSession, status: 'expired' })).expect(200);
    const view = (await practice.agent.get(`/api/orders/${ref2}/payments`).expect(200)).body;
    expect(view.parts.find((p: any) => p.part === 'one_off').status).toBe('unpaid');
    expect(view.canPay).toBe(true);
    expect(view.history.map((h: any) => h.kind)).toEqual(expect.arrayContaining(['checkout.expired']));
  });

  it('never fails a webhook on every retry by changing a subscription Stripe has ended, or one whose contract is over', async () => {
    const ref = await completedOrder(practice);
    const link = (await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'annual' }).expect(200)).body;
    const session = stripe.sessions.get(link.url.split('/').pop())!;
    // Ended before the checkout's completion arrives: applied, and Stripe is not asked to change it.
    await webhook(stripeEvent('customer.subscription.deleted', { id: 'sub_ended_early', object: 'subscription', metadata: session.metadata }, { created: now() - 5 })).expect(200);
    await webhook(stripeEvent('checkout.session.completed', { ...session, status: 'complete', payment_status: 'paid', subscription: 'sub_ended_early' }, { created: now() - 10 })).expect(200);
    expect(await paymentRow(ref, 'annual')).toMatchObject({ status: 'cancelled', subscription_id: 'sub_ended_early' });
    expect(stripe.calls('POST', '/v1/subscriptions/sub_ended_early')).toHaveLength(0);

    // The contract ended while the buyer was on Stripe's page: the new subscription is cancelled at once.
    const ref2 = await completedOrder(practice);
    const link2 = (await post(practice, `/api/orders/${ref2}/payments/checkout`, { part: 'annual' }).expect(200)).body;
    const session2 = stripe.sessions.get(link2.url.split('/').pop())!;
    await t.db.query(`UPDATE contracts SET termination_date = current_date - 1, termination_reason = 'Ended while paying' WHERE order_number = $1`, [Number(ref2.slice(1, 7))]);
    await webhook(stripeEvent('checkout.session.completed', { ...session2, status: 'complete', payment_status: 'paid', subscription: 'sub_too_late' })).expect(200);
    expect(stripe.calls('DELETE', '/v1/subscriptions/sub_too_late')).toHaveLength(1);
    expect(stripe.calls('POST', '/v1/subscriptions/sub_too_late')).toHaveLength(0);
    // Nor can a subscription be started for a contract that is over.
    const ref3 = await completedOrder(practice);
    await t.db.query(`UPDATE contracts SET termination_date = current_date - 1, termination_reason = 'Ended before paying' WHERE order_number = $1`, [Number(ref3.slice(1, 7))]);
    expect((await post(practice, `/api/orders/${ref3}/payments/checkout`, { part: 'annual' }).expect(409)).body.code).toBe('contract-ended');
  });

  it('tells the buyer and the supplier once when a Direct Debit payment fails, and takes a new payment for it', async () => {
    const ref = await completedOrder(practice);
    const first = (await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(200)).body;
    const session = stripe.sessions.get(first.url.split('/').pop())!;
    // Bacs: the checkout completes unpaid, the payment is processing.
    await webhook(stripeEvent('checkout.session.completed', { ...session, status: 'complete', payment_status: 'unpaid', payment_intent: 'pi_bacs_1' })).expect(200);
    expect(await paymentRow(ref, 'one_off')).toMatchObject({ status: 'pending', payment_intent_id: 'pi_bacs_1' });
    expect((await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body.parts.find((p: any) => p.part === 'one_off')).toMatchObject({ status: 'pending' });
    await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(409); // being paid
    const failed = stripeEvent('checkout.session.async_payment_failed', { ...session, status: 'complete', payment_status: 'unpaid', payment_intent: 'pi_bacs_1' });
    await webhook(failed).expect(200);
    await webhook(failed).expect(200);
    await webhook(stripeEvent('checkout.session.async_payment_failed', { ...session, status: 'complete', payment_status: 'unpaid', payment_intent: 'pi_bacs_1' })).expect(200);
    expect((await paymentRow(ref, 'one_off')).status).toBe('failed');
    const mail = await t.db.query(`SELECT to_address, template FROM email_outbox WHERE subject = $1 ORDER BY to_address`, [`Payment for order ${ref} failed`]);
    expect(mail).toEqual([
      { to_address: 'orders@emis.test', template: 'payment-failed-supplier' },
      { to_address: DEMO.practiceManager, template: 'payment-failed' },
      { to_address: contact.email, template: 'payment-failed' },
    ]);

    // Paid again by card: a new payment intent, and a refund of it is matched.
    const again = (await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(200)).body;
    await finishCheckout(again.url, 'pi_card_2');
    expect(await paymentRow(ref, 'one_off')).toMatchObject({ status: 'paid', payment_intent_id: 'pi_card_2' });
    await webhook(stripeEvent('charge.refunded', { id: 'ch_card_2', object: 'charge', payment_intent: 'pi_card_2', amount: session.amount_total, amount_refunded: 250, refunded: false })).expect(200);
    expect(await paymentRow(ref, 'one_off')).toMatchObject({ status: 'paid', amount_refunded_pence: '250' });
  });

  it('matches refunds of subscription invoices to their payment, partial refunds included, whatever order they arrive in', async () => {
    const ref = await completedOrder(practice);
    const link = (await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'annual' }).expect(200)).body;
    const session = await finishCheckout(link.url, 'pi_sub_invoice_1', 'sub_refunds_1');
    // The portal asked Stripe which payment intent paid the invoice (events no longer carry it) and kept it.
    expect(stripe.calls('GET', '/v1/invoice_payments').at(-1)!.params).toMatchObject({ invoice: 'in_sub_refunds_1' });
    const [recorded] = await t.db.query(`SELECT payment_intent_id FROM order_payment_history WHERE kind = 'invoice.paid' AND payment_intent_id = 'pi_sub_invoice_1'`);
    expect(recorded).toBeTruthy();
    const amount = session.amount_total as number;
    const charge = (over: Record<string, any>) => ({ id: 'ch_sub_invoice_1', object: 'charge', payment_intent: 'pi_sub_invoice_1', amount, refunded: false, ...over });

    // Partly refunded: recorded, not final; the subscription bills on.
    const t0 = now();
    await webhook(stripeEvent('charge.refunded', charge({ amount_refunded: 1000 }), { created: t0 })).expect(200);
    expect(await paymentRow(ref, 'annual')).toMatchObject({ status: 'paid', amount_refunded_pence: '1000' });
    await webhook(stripeEvent('charge.refunded', charge({ amount_refunded: 3000 }), { created: t0 + 10 })).expect(200);
    // An older report arriving late never lowers the refunded amount.
    await webhook(stripeEvent('charge.refunded', charge({ amount_refunded: 2000 }), { created: t0 + 5 })).expect(200);
    expect(await paymentRow(ref, 'annual')).toMatchObject({ status: 'paid', amount_refunded_pence: '3000' });
    let view = (await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body;
    expect(view.parts.find((p: any) => p.part === 'annual')).toMatchObject({ status: 'paid', amountRefundedPence: 3000 });
    expect(view.history.filter((h: any) => h.kind === 'charge.refunded').map((h: any) => h.detail)).toContain(`Partly refunded: £30.00 of ${formatPounds(amount)} (an invoice payment)`);

    // The invoice refunded in full: recorded; still not final for a subscription.
    await webhook(stripeEvent('charge.refunded', charge({ amount_refunded: amount, refunded: true }), { created: t0 + 20 })).expect(200);
    expect(await paymentRow(ref, 'annual')).toMatchObject({ status: 'paid', amount_refunded_pence: String(amount) });

    // A second invoice, refunded before its invoice.paid reached the portal: Stripe's invoice payments name its subscription.
    stripe.addInvoice({ id: 'in_sub_refunds_2', object: 'invoice', amount_paid: amount, parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_refunds_1', metadata: session.metadata } } }, 'pi_sub_invoice_2');
    await webhook(stripeEvent('charge.refunded', { id: 'ch_sub_invoice_2', object: 'charge', payment_intent: 'pi_sub_invoice_2', amount, amount_refunded: 500, refunded: false })).expect(200);
    expect((await paymentRow(ref, 'annual')).amount_refunded_pence).toBe(String(amount + 500));

    // A one-off payment partly refunded stays paid; refunded in full it is final.
    const oneOff = (await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(200)).body;
    const paid = await finishCheckout(oneOff.url, 'pi_one_off_refunds');
    await webhook(stripeEvent('charge.refunded', { id: 'ch_one_off', object: 'charge', payment_intent: 'pi_one_off_refunds', amount: paid.amount_total, amount_refunded: 100, refunded: false })).expect(200);
    expect(await paymentRow(ref, 'one_off')).toMatchObject({ status: 'paid', amount_refunded_pence: '100' });
    await webhook(stripeEvent('charge.refunded', { id: 'ch_one_off', object: 'charge', payment_intent: 'pi_one_off_refunds', amount: paid.amount_total, amount_refunded: paid.amount_total, refunded: true })).expect(200);
    expect(await paymentRow(ref, 'one_off')).toMatchObject({ status: 'refunded', amount_refunded_pence: String(paid.amount_total) });
    view = (await practice.agent.get(`/api/orders/${ref}/payments`).expect(200)).body;
    expect(view.parts.find((p: any) => p.part === 'one_off').status).toBe('refunded');
  });

  it('prunes processed events past the retention, keeping the ids that payments’ history names, through the daily job', async () => {
    const referenced = (await t.db.query(`SELECT stripe_event_id AS id FROM order_payment_history WHERE stripe_event_id IS NOT NULL AND kind = 'checkout.completed' LIMIT 1`))[0].id;
    const unreferenced = stripeEvent('customer.created', { id: 'cus_1', object: 'customer' });
    await webhook(unreferenced).expect(200);
    const recent = stripeEvent('customer.updated', { id: 'cus_1', object: 'customer' });
    await webhook(recent).expect(200);
    await t.db.query(`UPDATE stripe_events SET received_at = now() - interval '91 days' WHERE id = ANY($1)`, [[referenced, unreferenced.id]]);

    const webhooks = t.app.get(WebhooksService);
    expect(await webhooks.pruneEvents(90)).toEqual({ deleted: 1, emptied: 1 });
    const rows = await t.db.query(`SELECT id, payload IS NULL AS pruned FROM stripe_events WHERE id = ANY($1) ORDER BY id`, [[referenced, unreferenced.id, recent.id]]);
    expect(rows).toEqual(expect.arrayContaining([{ id: referenced, pruned: true }, { id: recent.id, pruned: false }]));
    expect(rows).toHaveLength(2);
    // The kept id still makes a replay a no-op.
    const [{ payment_id }] = await t.db.query(`SELECT payment_id FROM order_payment_history WHERE stripe_event_id = $1`, [referenced]);
    const before = await t.db.query(`SELECT count(*)::int AS n FROM order_payment_history WHERE payment_id = $1`, [payment_id]);
    expect((await webhook(stripeEvent('checkout.session.completed', { id: 'cs_replayed', object: 'checkout.session', metadata: {} }, { id: referenced })).expect(200)).body).toEqual({ received: true, applied: false });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM order_payment_history WHERE payment_id = $1`, [payment_id])).toEqual(before);
    expect(t.config.stripeEventsRetentionDays).toBe(90);

    // Through pg-boss, on its daily schedule.
    const old = stripeEvent('customer.deleted', { id: 'cus_2', object: 'customer' });
    await webhook(old).expect(200);
    await t.db.query(`UPDATE stripe_events SET received_at = now() - interval '100 days' WHERE id = $1`, [old.id]);
    const jobs = t.app.get(JobsService);
    await jobs.start({ pollingIntervalSeconds: 0.5 });
    try {
      const id = await jobs.send(STRIPE_EVENTS_PRUNE_JOB);
      let state: string | null = null;
      for (let i = 0; i < 60 && state !== 'completed' && state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        state = await jobs.state(STRIPE_EVENTS_PRUNE_JOB, id!);
      }
      expect(state).toBe('completed');
      expect(await t.db.query(`SELECT id FROM stripe_events WHERE id = $1`, [old.id])).toEqual([]);
      const [schedule] = await t.db.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [STRIPE_EVENTS_PRUNE_JOB]);
      expect(schedule).toEqual({ cron: '45 3 * * *', timezone: 'Europe/London' });
    } finally {
      await jobs.stop();
    }
  });

  it('never logs the secret key or the webhook secret, nor sends them to the browser', async () => {
    // Errors that log: a failing Stripe call, a bad signature, an event for an unknown payment.
    stripe.failNext('/v1/checkout/sessions', 400);
    const ref = await completedOrder(practice);
    await post(practice, `/api/orders/${ref}/payments/checkout`, { part: 'one_off' }).expect(502);
    await webhook(stripeEvent('invoice.paid', { id: 'in_unknown', object: 'invoice', amount_paid: 1, parent: null }), 'whsec_wrong').expect(400);
    await webhook(stripeEvent('invoice.paid', { id: 'in_unknown', object: 'invoice', amount_paid: 1, parent: { subscription_details: { subscription: 'sub_unknown', metadata: {} } } })).expect(200);
    expect(logs).toContain('Stripe call failed');
    expect(logs).toContain('sub_unknown');
    for (const secret of [SECRET_KEY, WEBHOOK_SECRET, SECRET_KEY.slice(8)]) expect(logs).not.toContain(secret);
    // Every answer the browser can get about payments.
    const answers = [
      await vendor.agent.get('/api/vendor/payouts').expect(200),
      await practice.agent.get(`/api/orders/${ref}/payments`).expect(200),
      await post(vendor, '/api/vendor/payouts/dashboard').expect(200),
      await t.http().get('/api/docs-json'),
    ];
    for (const a of answers) for (const secret of [SECRET_KEY, WEBHOOK_SECRET]) expect(JSON.stringify(a.body) + a.text).not.toContain(secret);
    // Stripe saw the key only where it belongs: the Authorization header.
    expect(stripe.requests.every((r) => r.headers.authorization === `Bearer ${SECRET_KEY}` && !JSON.stringify(r.params).includes(SECRET_KEY))).toBe(true);
  });
});
