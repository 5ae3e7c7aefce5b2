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

  private async apply(event: Stripe.Event, m: EntityManager): Promise<void> {
    const at = new Date(event.created * 1000);
    switch (event.type) {
      case 'account.updated':
        return this.accountUpdated(event.data.object, at, m);
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
        return this.checkoutSession(event, event.data.object, at, m);
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
      case 'charge.refunded': {
        const charge = event.data.object;
        const p = await this.find(m, { paymentIntentId: id(charge.payment_intent) });
        if (!p) return;
        await m.query(`UPDATE order_payments SET amount_refunded_pence = $2, updated_at = now() WHERE id = $1`, [p.id, charge.amount_refunded]);
        await this.history(m, p, event, 'charge.refunded', charge.amount_refunded, charge.refunded ? 'Refunded in full' : 'Partly refunded');
        if (charge.refunded) await this.setStatus(m, p, 'refunded', at);
        return;
      }
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
      await this.history(m, p, event, 'payment.failed', session.amount_total, 'The Direct Debit payment failed');
      if (await this.setStatus(m, p, 'failed', at)) await this.tellFailed(m, p, session.amount_total ?? Number(p.amount_pence));
      return;
    }
    await this.history(m, p, event, event.type === 'checkout.session.completed' ? 'checkout.completed' : 'payment.succeeded', session.amount_total, null);
    if (p.kind === 'payment' && session.payment_status === 'paid') {
      await m.query(`UPDATE order_payments SET amount_paid_pence = $2 WHERE id = $1`, [p.id, session.amount_total ?? p.amount_pence]);
      await this.setStatus(m, p, 'paid', at);
    }
    if (p.kind === 'subscription' && subscriptionId) {
      // Checkout cannot set an end; the subscription stops when the contract does (or its termination).
      const [contract] = await m.query(`SELECT c.end_date, c.termination_date FROM contracts c WHERE c.order_number = $1`, [p.number]);
      const stops = billingStops(contract);
      if (!stops) return;
      await m.query(`UPDATE order_payments SET cancel_at = $2 WHERE id = $1`, [p.id, stops]);
      // Failing here fails the webhook (500), so Stripe sends it again and nothing is half done.
      await this.payments.stripe?.subscriptions.update(subscriptionId, { cancel_at: londonMidnight(stops), proration_behavior: 'none' });
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
      await this.history(m, p, event, 'invoice.paid', invoice.amount_paid, invoice.number ? `Invoice ${invoice.number}` : null);
      await this.setStatus(m, p, 'paid', at);
      return;
    }
    await this.history(m, p, event, 'invoice.payment_failed', invoice.amount_due, 'The payment failed; Stripe will try again');
    // Told once per failure: not again while it stays failed, nor for an older failure arriving after a success.
    if (await this.setStatus(m, p, 'failed', at)) await this.tellFailed(m, p, invoice.amount_due);
  }

  private async find(m: EntityManager, by: Lookup): Promise<Found | null> {
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
    this.logger.warn(`Stripe event for a payment not found here: ${JSON.stringify(by)}`);
    return null;
  }

  private async history(m: EntityManager, p: Found, event: Stripe.Event, kind: string, amount: number | null | undefined, detail: string | null): Promise<void> {
    await m.query(`INSERT INTO order_payment_history (payment_id, stripe_event_id, kind, amount_pence, detail, occurred_at) VALUES ($1, $2, $3, $4, $5, to_timestamp($6))`, [
      p.id,
      event.id,
      kind,
      amount ?? null,
      detail,
      event.created,
    ]);
  }

  /** Cancelled and refunded are final; paid and failed follow the newest event, whatever order they arrive in. */
  private async setStatus(m: EntityManager, p: Found, next: PaymentRow['status'], at: Date): Promise<boolean> {
    const [current] = await m.query(`SELECT status, status_at FROM order_payments WHERE id = $1`, [p.id]);
    if (current.status === 'cancelled' || current.status === 'refunded') return false;
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
