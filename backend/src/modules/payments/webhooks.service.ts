import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { DomainError } from '../../core/errors/domain-error';
import { OutboxService } from '../mail/outbox.service';
import { formatOrderNumber } from '../ordering/order.rules';
import { formatPounds } from '../ordering/order-pricing';
import type { WebhookReceipt } from './dto/payments.dto';
import { billingStops, londonMidnight, PaymentRow, PaymentsService } from './payments.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Found = PaymentRow & { number: number; revision: number; ordering_contact: { email?: string; name?: string } | null; supplier_contact: { email?: string } | null; creator_email: string | null };

interface Lookup {
  paymentId?: string | null;
  sessionId?: string | null;
  subscriptionId?: string | null;
  paymentIntentId?: string | null;
}

const id = (x: string | { id: string } | null | undefined): string | null => (typeof x === 'string' ? x : (x?.id ?? null));

/**
 * Stripe webhooks (POST /api/payments/webhook): the signature is checked against the raw body; every
 * event is stored once by its id in the same transaction as its effect, so a repeat changes nothing.
 * Effects do not assume order: a payment is found by our own id in the metadata as well as by
 * Stripe's ids, paid/failed follow the newest event, and cancelled and refunded are final.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger('StripeWebhooks');

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly payments: PaymentsService,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookReceipt> {
    const secret = this.config.stripeWebhookSecret;
    if (!secret) throw new DomainError(503, 'payments-off', 'Payments are not switched on', 'This portal takes no Stripe webhooks (no STRIPE_WEBHOOK_SECRET); orders are paid by invoice.');
    let event: Stripe.Event;
    try {
      if (!rawBody || !signature) throw new Error('missing body or signature');
      event = Stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch {
      throw new DomainError(400, 'bad-signature', 'Bad signature', 'The Stripe-Signature header does not match the request body.');
    }
    const applied = await this.db.transaction(async (m) => {
      // A concurrent copy of the same event waits here on the primary key, then finds it stored.
      const inserted = await m.query(
        `INSERT INTO stripe_events (id, type, created, livemode, payload) VALUES ($1, $2, to_timestamp($3), $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type, event.created, event.livemode, JSON.stringify(event)],
      );
      if (!inserted.length) return false;
      await this.apply(event, m);
      await m.query(`UPDATE stripe_events SET processed_at = now() WHERE id = $1`, [event.id]);
      return true;
    });
    return { received: true, applied };
  }

  /**
   * Housekeeping (the daily `stripe-events-prune` job): processed events older than the retention.
   * An event that changed a payment keeps its row, without its payload (personal data), because the
   * payment's history names it and its id keeps a replay a no-op. Every other event is deleted: it
   * changed nothing, or only a payout account, whose stored report is newer than any replay of it.
   * Stripe retries for 3 days and resends for 30, and the retention is at least 30 days.
   */
  async pruneEvents(retentionDays = this.config.stripeEventsRetentionDays, batch = 5000): Promise<{ deleted: number; emptied: number }> {
    let deleted = 0;
    let emptied = 0;
    for (;;) {
      const [, n]: [unknown, number] = await this.db.query(
        `UPDATE stripe_events SET payload = NULL WHERE id IN (
           SELECT e.id FROM stripe_events e WHERE e.payload IS NOT NULL AND e.processed_at IS NOT NULL AND e.received_at < now() - make_interval(days => $1)
              AND EXISTS (SELECT 1 FROM order_payment_history h WHERE h.stripe_event_id = e.id) LIMIT $2)`,
        [retentionDays, batch],
      );
      emptied += n;
      if (n < batch) break;
    }
    for (;;) {
      const [, n]: [unknown, number] = await this.db.query(
        `DELETE FROM stripe_events WHERE id IN (
           SELECT e.id FROM stripe_events e WHERE e.processed_at IS NOT NULL AND e.received_at < now() - make_interval(days => $1)
              AND NOT EXISTS (SELECT 1 FROM order_payment_history h WHERE h.stripe_event_id = e.id) LIMIT $2)`,
        [retentionDays, batch],
      );
      deleted += n;
      if (n < batch) break;
    }
    if (deleted || emptied) this.logger.log(`Pruned Stripe events older than ${retentionDays} days: ${deleted} deleted, ${emptied} payloads emptied`);
    return { deleted, emptied };
  }

  private async apply(event: Stripe.Event, m: EntityManager): Promise<void> {
    const at = new Date(event.created * 1000);
    switch (event.type) {
      case 'account.updated':
        return this.accountUpdated(event.data.object, at, m);
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
        return this.checkoutSession(event, event.data.object, at, m);
      case 'checkout.session.expired': {
        const session = event.data.object;
        const p = await this.find(m, { paymentId: session.metadata?.paymentId, sessionId: session.id });
        // Only the row's current checkout: an earlier page of the same part was replaced on purpose.
        if (!p || p.checkout_session_id !== session.id || p.status !== 'pending') return;
        await this.history(m, p, event, 'checkout.expired', null, 'The Stripe checkout page expired without a payment');
        await this.setStatus(m, p, 'expired', at);
        return;
      }
      case 'invoice.paid':
      case 'invoice.payment_failed':
        return this.invoice(event, event.data.object, at, m);
      case 'customer.subscription.deleted': {
        const sub = event.data.object;
        const p = await this.find(m, { paymentId: sub.metadata?.paymentId, subscriptionId: sub.id });
        if (!p) return;
        await this.history(m, p, event, 'subscription.ended', null, 'The subscription has ended');
        await this.setStatus(m, p, 'cancelled', at);
        return;
      }
      case 'charge.refunded':
        return this.chargeRefunded(event, event.data.object, at, m);
      default:
        return; // stored, no effect
    }
  }

  private async accountUpdated(account: Stripe.Account, at: Date, m: EntityManager): Promise<void> {
    const [row] = await m.query(`SELECT * FROM supplier_payout_accounts WHERE stripe_account_id = $1 FOR UPDATE`, [account.id]);
    if (!row) return;
    if (row.stripe_updated_at && at < new Date(row.stripe_updated_at)) return; // an older report, arriving late
    const requirements = [...new Set([...(account.requirements?.past_due ?? []), ...(account.requirements?.currently_due ?? [])])];
    const disabledReason = account.requirements?.disabled_reason ?? null;
    const status = account.charges_enabled && account.payouts_enabled ? 'enabled' : account.details_submitted || disabledReason ? 'restricted' : 'pending';
    await m.query(
      `UPDATE supplier_payout_accounts SET payout_status = $2, charges_enabled = $3, payouts_enabled = $4, details_submitted = $5, requirements = $6,
              disabled_reason = $7, stripe_updated_at = $8, updated_at = now() WHERE supplier_id = $1`,
      [row.supplier_id, status, !!account.charges_enabled, !!account.payouts_enabled, !!account.details_submitted, JSON.stringify(requirements), disabledReason, at],
    );
    if (status !== row.payout_status) {
      await this.audit.record(
        { action: 'payouts.status-changed', organisationId: row.supplier_id, objectType: 'organisation', objectId: row.supplier_id, before: { status: row.payout_status }, after: { status, requirements } },
        m,
      );
    }
  }

  private async checkoutSession(event: Stripe.Event, session: Stripe.Checkout.Session, at: Date, m: EntityManager): Promise<void> {
    const p = await this.find(m, { paymentId: session.metadata?.paymentId, sessionId: session.id });
    if (!p) return;
    const subscriptionId = id(session.subscription);
    const paymentIntentId = id(session.payment_intent);
    await m.query(
      `UPDATE order_payments SET checkout_session_id = coalesce(checkout_session_id, $2), subscription_id = coalesce(subscription_id, $3),
              payment_intent_id = coalesce(payment_intent_id, $4), updated_at = now() WHERE id = $1`,
      [p.id, session.id, subscriptionId, paymentIntentId],
    );
    if (event.type === 'checkout.session.async_payment_failed') {
      await this.history(m, p, event, 'payment.failed', session.amount_total, 'The Direct Debit payment failed', paymentIntentId);
      if (await this.setStatus(m, p, 'failed', at)) await this.tellFailed(m, p, session.amount_total ?? Number(p.amount_pence));
      return;
    }
    // The payment intent stays in the history too: a payment tried again (after a failed Direct Debit) gets a new one.
    await this.history(m, p, event, event.type === 'checkout.session.completed' ? 'checkout.completed' : 'payment.succeeded', session.amount_total, null, paymentIntentId);
    if (p.kind === 'payment' && session.payment_status === 'paid') {
      await m.query(`UPDATE order_payments SET amount_paid_pence = $2 WHERE id = $1`, [p.id, session.amount_total ?? p.amount_pence]);
      await this.setStatus(m, p, 'paid', at);
    }
    // An ended subscription (its customer.subscription.deleted came first) cannot be changed at Stripe:
    // trying would fail this webhook on every retry.
    if (p.kind === 'subscription' && subscriptionId && p.status !== 'cancelled') {
      // Checkout cannot set an end; the subscription stops when the contract does (or its termination).
      const [contract] = await m.query(`SELECT c.end_date, c.termination_date FROM contracts c WHERE c.order_number = $1`, [p.number]);
      const stops = billingStops(contract);
      if (!stops) return;
      await m.query(`UPDATE order_payments SET cancel_at = $2 WHERE id = $1`, [p.id, stops]);
      const stripe = this.payments.stripe;
      if (!stripe) return;
      // Failing here fails the webhook (500), so Stripe sends it again and nothing is half done.
      if (londonMidnight(stops) <= Math.floor(Date.now() / 1000)) {
        // The contract ended (or was terminated) while the buyer was on the checkout page: nothing more to bill.
        await stripe.subscriptions.cancel(subscriptionId);
        await this.history(m, p, event, 'subscription.ends', null, `The contract ended on ${stops}; the subscription is cancelled now`);
      } else {
        await stripe.subscriptions.update(subscriptionId, { cancel_at: londonMidnight(stops), proration_behavior: 'none' });
      }
    }
  }

  private async invoice(event: Stripe.Event, invoice: Stripe.Invoice, at: Date, m: EntityManager): Promise<void> {
    const details = invoice.parent?.subscription_details;
    const legacy = invoice as unknown as { subscription?: string | { id: string }; subscription_details?: { metadata?: Record<string, string> } };
    const subscriptionId = id(details?.subscription) ?? id(legacy.subscription);
    const paymentId = details?.metadata?.paymentId ?? legacy.subscription_details?.metadata?.paymentId ?? invoice.metadata?.paymentId;
    const p = await this.find(m, { paymentId, subscriptionId });
    if (!p) return;
    if (subscriptionId) await m.query(`UPDATE order_payments SET subscription_id = coalesce(subscription_id, $2), updated_at = now() WHERE id = $1`, [p.id, subscriptionId]);
    if (event.type === 'invoice.paid') {
      await m.query(`UPDATE order_payments SET amount_paid_pence = amount_paid_pence + $2 WHERE id = $1`, [p.id, invoice.amount_paid]);
      // The invoice's payment intent is what a later charge.refunded names: keep it with the history.
      const [first, ...more] = await this.invoicePaymentIntents(invoice);
      await this.history(m, p, event, 'invoice.paid', invoice.amount_paid, invoice.number ? `Invoice ${invoice.number}` : null, first);
      for (const pi of more) await this.history(m, p, event, 'invoice.payment', null, `Another payment of invoice ${invoice.number ?? invoice.id}`, pi);
      await this.setStatus(m, p, 'paid', at);
      return;
    }
    await this.history(m, p, event, 'invoice.payment_failed', invoice.amount_due, 'The payment failed; Stripe will try again');
    // Told once per failure: not again while it stays failed, nor for an older failure arriving after a success.
    if (await this.setStatus(m, p, 'failed', at)) await this.tellFailed(m, p, invoice.amount_due);
  }

  /**
   * The payment intents that paid an invoice. Since API version 2025-03-31 an invoice names them only
   * in its `payments` list, which events do not include: ask Stripe then. Older payloads carry
   * `payment_intent` themselves.
   */
  private async invoicePaymentIntents(invoice: Stripe.Invoice): Promise<string[]> {
    const legacy = (invoice as unknown as { payment_intent?: string | { id: string } | null }).payment_intent;
    const fromPayload = [...(invoice.payments?.data ?? []).map((p) => id(p.payment?.payment_intent)), id(legacy)].filter((x): x is string => !!x);
    if (fromPayload.length || !invoice.id) return [...new Set(fromPayload)];
    const stripe = this.payments.stripe;
    if (!stripe) return [];
    // Failing here fails the webhook (500): Stripe sends it again rather than losing the link.
    const list = await stripe.invoicePayments.list({ invoice: invoice.id, status: 'paid', limit: 10 });
    return [...new Set(list.data.map((p) => id(p.payment?.payment_intent)).filter((x): x is string => !!x))];
  }

  /**
   * A refund (full or partial, of a one-off payment or of a subscription's invoice). Stripe reports
   * the charge's running total, so it is kept per charge and only ever grows; the payment's refunded
   * amount is the sum over its charges. Only a one-off payment refunded in full is final: a
   * subscription goes on billing after one invoice is refunded, until it is cancelled.
   */
  private async chargeRefunded(event: Stripe.Event, charge: Stripe.Charge, at: Date, m: EntityManager): Promise<void> {
    const paymentIntentId = id(charge.payment_intent);
    const amount = charge.amount ?? charge.amount_refunded;
    const p = (await this.find(m, { paymentIntentId }, true)) ?? (await this.findByInvoiceOf(m, paymentIntentId));
    if (!p) return;
    await m.query(
      `INSERT INTO order_payment_refunds (charge_id, payment_id, payment_intent_id, amount_pence, amount_refunded_pence) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (charge_id) DO UPDATE SET amount_refunded_pence = greatest(order_payment_refunds.amount_refunded_pence, EXCLUDED.amount_refunded_pence), updated_at = now()`,
      [charge.id, p.id, paymentIntentId, amount, charge.amount_refunded],
    );
    const [{ total }] = await m.query(`SELECT coalesce(sum(amount_refunded_pence), 0)::bigint AS total FROM order_payment_refunds WHERE payment_id = $1`, [p.id]);
    await m.query(`UPDATE order_payments SET amount_refunded_pence = $2, updated_at = now() WHERE id = $1`, [p.id, total]);
    const inFull = charge.refunded || charge.amount_refunded >= amount;
    const of = p.kind === 'payment' ? 'the payment' : 'an invoice payment';
    const detail = inFull ? `Refunded in full (${of})` : `Partly refunded: ${formatPounds(charge.amount_refunded)} of ${formatPounds(amount)} (${of})`;
    await this.history(m, p, event, 'charge.refunded', charge.amount_refunded, detail, paymentIntentId);
    if (p.kind === 'payment' && inFull && Number(total) >= Number(p.amount_paid_pence)) await this.setStatus(m, p, 'refunded', at);
  }

  /** A refunded charge whose payment intent is not recorded here yet (its invoice.paid not received): Stripe names the invoice, the invoice its subscription. */
  private async findByInvoiceOf(m: EntityManager, paymentIntentId: string | null): Promise<Found | null> {
    const stripe = this.payments.stripe;
    if (!paymentIntentId || !stripe) return null;
    const list = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: paymentIntentId }, expand: ['data.invoice'], limit: 1 });
    const invoice = list.data[0]?.invoice;
    if (!invoice || typeof invoice === 'string' || !('parent' in invoice)) {
      this.logger.warn(`Refund for a payment not found here: ${paymentIntentId}`);
      return null;
    }
    const details = invoice.parent?.subscription_details;
    return this.find(m, { paymentId: details?.metadata?.paymentId, subscriptionId: id(details?.subscription) });
  }

  private async find(m: EntityManager, by: Lookup, quiet = false): Promise<Found | null> {
    const sql = `SELECT p.*, o.number, o.revision, o.ordering_contact, o.supplier_contact, u.email AS creator_email
                   FROM order_payments p JOIN orders o ON o.id = p.order_id LEFT JOIN users u ON u.id = p.created_by`;
    const tries: [string, string | null | undefined][] = [
      ['p.id', by.paymentId && UUID.test(by.paymentId) ? by.paymentId : null],
      ['p.checkout_session_id', by.sessionId],
      ['p.subscription_id', by.subscriptionId],
      ['p.payment_intent_id', by.paymentIntentId],
    ];
    for (const [column, value] of tries) {
      if (!value) continue;
      const [row] = await m.query(`${sql} WHERE ${column} = $1 FOR UPDATE OF p`, [value]);
      if (row) return row;
    }
    if (by.paymentIntentId) {
      const [row] = await m.query(`${sql} WHERE p.id = (SELECT payment_id FROM order_payment_history WHERE payment_intent_id = $1 LIMIT 1) FOR UPDATE OF p`, [by.paymentIntentId]);
      if (row) return row;
    }
    if (!quiet) this.logger.warn(`Stripe event for a payment not found here: ${JSON.stringify(by)}`);
    return null;
  }

  private async history(m: EntityManager, p: Found, event: Stripe.Event, kind: string, amount: number | null | undefined, detail: string | null, paymentIntentId: string | null = null): Promise<void> {
    await m.query(
      `INSERT INTO order_payment_history (payment_id, stripe_event_id, kind, amount_pence, detail, payment_intent_id, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7))`,
      [p.id, event.id, kind, amount ?? null, detail, paymentIntentId, event.created],
    );
  }

  /** Cancelled and refunded are final; paid and failed follow the newest event, whatever order they arrive in; expired only replaces pending. */
  private async setStatus(m: EntityManager, p: Found, next: PaymentRow['status'], at: Date): Promise<boolean> {
    const [current] = await m.query(`SELECT status, status_at FROM order_payments WHERE id = $1`, [p.id]);
    if (current.status === 'cancelled' || current.status === 'refunded') return false;
    if (next === 'expired' && current.status !== 'pending') return false;
    const settled = (s: string) => s === 'paid' || s === 'failed';
    if (settled(next) && settled(current.status) && current.status_at && at < new Date(current.status_at)) return false;
    if (current.status === next) {
      await m.query(`UPDATE order_payments SET status_at = greatest(status_at, $2) WHERE id = $1`, [p.id, at]);
      return false;
    }
    await m.query(`UPDATE order_payments SET status = $2, status_at = $3, updated_at = now() WHERE id = $1`, [p.id, next, at]);
    await this.audit.record(
      { action: 'payment.status-changed', objectType: 'order', objectId: formatOrderNumber(p.number, p.revision), before: { part: p.part, status: current.status }, after: { part: p.part, status: next } },
      m,
    );
    return true;
  }

  /** The buyer and the supplier hear about a failed payment, through the outbox (in this transaction). */
  private async tellFailed(m: EntityManager, p: Found, amountPence: number): Promise<void> {
    const ref = formatOrderNumber(p.number, p.revision);
    const what = p.kind === 'payment' ? 'the one-off payment' : `the ${p.part} subscription payment`;
    const buyers = [...new Set([p.ordering_contact?.email, p.creator_email].filter((e): e is string => !!e))];
    const emails = buyers.map((to) => ({
      to,
      template: 'payment-failed',
      subject: `Payment for order ${ref} failed`,
      text: `The payment of ${formatPounds(amountPence)} for ${what} of order ${ref} failed.\n\nCheck the card or bank details used; Stripe will try again. See the order: ${this.config.publicUrl}/orders/${ref}`,
    }));
    if (p.supplier_contact?.email) {
      emails.push({
        to: p.supplier_contact.email,
        template: 'payment-failed-supplier',
        subject: `Payment for order ${ref} failed`,
        text: `The buyer's payment of ${formatPounds(amountPence)} for ${what} of order ${ref} failed. The buyer has been told. Nothing has been paid out for it.`,
      });
    }
    await this.outbox.enqueueAll(emails, m);
  }
}
