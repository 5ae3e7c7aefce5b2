import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { conflict, DomainError, forbidden } from '../../core/errors/domain-error';
import { OrderRow, OrdersService } from '../ordering/orders.service';
import { formatPounds } from '../ordering/order-pricing';
import { addDays, formatOrderNumber, todayInLondon } from '../ordering/order.rules';
import { handleContractTermination } from './contract-termination';
import {
  CheckoutBody, CheckoutLink, DashboardLink, OnboardingLink, OrderPaymentStatus, OrderPayments, PartStatus, PaymentPart, PaymentPartItem, PaymentPartView,
  PayoutAccountView,
} from './dto/payments.dto';
import { createStripe } from './stripe.client';

type Db = Pick<EntityManager, 'query'>;

export const paymentsOff = () =>
  new DomainError(409, 'payments-off', 'Payments are not switched on', 'Payments are not switched on; pay by invoice.');

/** A part of an order paid one way: one-off amounts as a payment, monthly and annual amounts each as a subscription. */
export interface PlannedPart {
  part: PaymentPart;
  kind: 'payment' | 'subscription';
  interval: 'month' | 'year' | null;
  /** Per period: what this revision charges, after what earlier revisions cover. */
  amountPence: number;
  coveredPence: number;
  items: PaymentPartItem[];
}

export interface PaymentRow {
  id: string;
  order_id: string;
  part: PaymentPart;
  kind: 'payment' | 'subscription';
  stripe_account_id: string;
  checkout_session_id: string | null;
  payment_intent_id: string | null;
  subscription_id: string | null;
  amount_pence: string;
  application_fee_pence: string;
  status: Exclude<PartStatus, 'unpaid'>;
  status_at: Date | null;
  amount_paid_pence: string;
  amount_refunded_pence: string;
  cancel_at: string | null;
  /** What the payment charged per item (pence once, a month or a year). */
  covers: { itemId: string; amountPence: number }[];
}

export type RevisionPaymentRow = PaymentRow & { number: number; revision: number };

/**
 * Whether an earlier revision's payment still pays for what it charged: a payment once made (or its
 * Direct Debit on its way), a subscription once set up and not ended. A refunded payment, an ended
 * subscription and a checkout never finished cover nothing, so the amendment charges for them again.
 */
export function covers(r: Pick<PaymentRow, 'kind' | 'status' | 'payment_intent_id' | 'subscription_id'>): boolean {
  if (r.status === 'paid') return true;
  if (r.kind === 'subscription') return r.status === 'failed' || (r.status === 'pending' && !!r.subscription_id);
  return r.status === 'pending' && !!r.payment_intent_id;
}

/**
 * An amendment's parts: each item's amount less what earlier revisions' payments already charge for
 * it in the same part (never below nothing: an item that now costs less is not refunded here).
 */
export function reconcile(full: PlannedPart[], earlier: Pick<PaymentRow, 'part' | 'kind' | 'status' | 'payment_intent_id' | 'subscription_id' | 'covers'>[]): PlannedPart[] {
  const covered = new Map<string, number>();
  for (const r of earlier) {
    if (!covers(r)) continue;
    for (const c of r.covers ?? []) covered.set(`${r.part}|${c.itemId}`, (covered.get(`${r.part}|${c.itemId}`) ?? 0) + Number(c.amountPence));
  }
  return full.map((p) => {
    const items = p.items.map((i) => {
      const already = Math.min(i.amountPence + i.coveredPence, covered.get(`${p.part}|${i.itemId}`) ?? 0);
      return { ...i, amountPence: i.amountPence + i.coveredPence - already, coveredPence: already };
    });
    return { ...p, items, amountPence: items.reduce((a, i) => a + i.amountPence, 0), coveredPence: items.reduce((a, i) => a + i.coveredPence, 0) };
  });
}

const PART_ORDER: PaymentPart[] = ['one_off', 'monthly', 'annual'];

/** Midnight at the start of a calendar day in London, as a Unix time (what Stripe's cancel_at takes). */
export function londonMidnight(day: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  const london = new Date(new Date(utc).toLocaleString('en-US', { timeZone: 'Europe/London' }));
  const plain = new Date(new Date(utc).toLocaleString('en-US', { timeZone: 'UTC' }));
  return Math.round((utc - (london.getTime() - plain.getTime())) / 1000);
}

/**
 * Payments with Stripe (docs/decisions/018): suppliers' connected accounts, and checkout for the
 * locally funded items of completed orders, paid to the supplier with the platform's fee. Without
 * STRIPE_SECRET_KEY everything here says "pay by invoice" and nothing calls Stripe.
 */
@Injectable()
export class PaymentsService implements OnModuleInit {
  private readonly logger = new Logger('Payments');
  readonly stripe: Stripe | null;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly orders: OrdersService,
  ) {
    this.stripe = createStripe(config);
  }

  get enabled(): boolean {
    return this.stripe !== null;
  }

  onModuleInit() {
    handleContractTermination(this.db, (m, contractId, date) => this.contractTerminated(m, contractId, date));
  }

  private requireStripe(): Stripe {
    if (!this.stripe) throw paymentsOff();
    return this.stripe;
  }

  private stripeFailed(e: unknown): DomainError {
    this.logger.error(`Stripe call failed: ${e instanceof Error ? e.message : e}`);
    return new DomainError(502, 'stripe-unavailable', 'Stripe did not answer', 'Stripe could not be reached or refused the request. Try again in a few minutes.');
  }

  // ---- suppliers' payout accounts --------------------------------------------------------------

  async payoutAccount(actor: Actor): Promise<PayoutAccountView> {
    const [row] = await this.db.query(`SELECT * FROM supplier_payout_accounts WHERE supplier_id = $1`, [actor.organisation.id]);
    return this.payoutView(row);
  }

  private payoutView(row: any): PayoutAccountView {
    return {
      paymentsEnabled: this.enabled,
      status: !this.enabled ? 'invoice' : row ? row.payout_status : 'not_started',
      accountId: row?.stripe_account_id ?? null,
      chargesEnabled: row?.charges_enabled ?? false,
      payoutsEnabled: row?.payouts_enabled ?? false,
      detailsSubmitted: row?.details_submitted ?? false,
      requirements: row?.requirements ?? [],
      disabledReason: row?.disabled_reason ?? null,
      updatedAt: row?.stripe_updated_at ? new Date(row.stripe_updated_at).toISOString() : null,
    };
  }

  /** Creates the supplier's Express account on first use, then a fresh onboarding link for it. */
  async startOnboarding(actor: Actor): Promise<OnboardingLink> {
    const stripe = this.requireStripe();
    const supplierId = actor.organisation.id;
    let [row] = await this.db.query(`SELECT * FROM supplier_payout_accounts WHERE supplier_id = $1`, [supplierId]);
    if (!row) {
      let account: Stripe.Account;
      try {
        account = await stripe.accounts.create(
          {
            type: 'express',
            country: 'GB',
            email: actor.email,
            business_profile: { name: actor.organisation.name },
            capabilities: { card_payments: { requested: true }, transfers: { requested: true }, bacs_debit_payments: { requested: true } },
            metadata: { supplierCode: actor.organisation.code, supplierId },
          },
          // Two clicks at once create one account at Stripe too.
          { idempotencyKey: `payout-account-${supplierId}` },
        );
      } catch (e) {
        throw this.stripeFailed(e);
      }
      await this.db.transaction(async (m) => {
        const inserted = await m.query(
          `INSERT INTO supplier_payout_accounts (supplier_id, stripe_account_id, created_by) VALUES ($1, $2, $3) ON CONFLICT (supplier_id) DO NOTHING RETURNING supplier_id`,
          [supplierId, account.id, actor.userId],
        );
        if (inserted.length) {
          await this.audit.record({ action: 'payouts.account-created', actor, objectType: 'organisation', objectId: actor.organisation.code, after: { accountId: account.id } }, m);
        }
      });
      [row] = await this.db.query(`SELECT * FROM supplier_payout_accounts WHERE supplier_id = $1`, [supplierId]);
    }
    let link: Stripe.AccountLink;
    try {
      link = await stripe.accountLinks.create({
        account: row.stripe_account_id,
        type: 'account_onboarding',
        refresh_url: `${this.config.publicUrl}/vendor/payouts?refresh=1`,
        return_url: `${this.config.publicUrl}/vendor/payouts?returned=1`,
      });
    } catch (e) {
      throw this.stripeFailed(e);
    }
    return { url: link.url, account: this.payoutView(row) };
  }

  /** Stripe's Express dashboard for the supplier's enabled account: payouts and balances, through a single-use login link. */
  async dashboardLink(actor: Actor): Promise<DashboardLink> {
    const stripe = this.requireStripe();
    const [row] = await this.db.query(`SELECT stripe_account_id, payout_status FROM supplier_payout_accounts WHERE supplier_id = $1`, [actor.organisation.id]);
    if (!row) throw conflict('payouts-not-set-up', 'Set up payouts first: there is no Stripe account for your organisation yet.');
    if (row.payout_status !== 'enabled') throw conflict('payouts-not-enabled', 'Stripe’s dashboard opens once payouts are enabled. Continue setting up payouts first.');
    let link: Stripe.LoginLink;
    try {
      link = await stripe.accounts.createLoginLink(row.stripe_account_id);
    } catch (e) {
      throw this.stripeFailed(e);
    }
    await this.audit.record({ action: 'payouts.dashboard-opened', actor, objectType: 'organisation', objectId: actor.organisation.code, after: { accountId: row.stripe_account_id } });
    return { url: link.url };
  }

  // ---- orders ----------------------------------------------------------------------------------

  /** The locally funded items of an order revision, grouped by how they are paid, in full. Centrally funded items never go through Stripe. */
  async plan(o: OrderRow, db: Db = this.db): Promise<PlannedPart[]> {
    const items = await this.orders.items(o.id, db);
    const parts = new Map<PaymentPart, PlannedPart>();
    for (const it of items) {
      if (it.funding_source !== 'local' || !it.cost) continue;
      const period = it.price_snapshot.billingPeriod;
      const part: PaymentPart = period === 'one_off' ? 'one_off' : period === 'month' ? 'monthly' : 'annual';
      const amount = period === 'one_off' ? it.cost.oneOffPence : period === 'month' ? it.cost.monthlyPence : it.cost.annualPence;
      if (!amount || amount <= 0) continue;
      const p = parts.get(part) ?? {
        part,
        kind: part === 'one_off' ? 'payment' : 'subscription',
        interval: part === 'one_off' ? null : part === 'monthly' ? 'month' : 'year',
        amountPence: 0,
        coveredPence: 0,
        items: [],
      };
      p.amountPence += amount;
      p.items.push({ itemId: it.item_id, name: it.name, amountPence: amount, coveredPence: 0 });
      parts.set(part, p);
    }
    return PART_ORDER.filter((p) => parts.has(p)).map((p) => parts.get(p)!);
  }

  /** Every payment of the order's number up to this revision, earlier revisions first. */
  private async paymentRows(o: Pick<OrderRow, 'number' | 'revision'>, db: Db = this.db): Promise<RevisionPaymentRow[]> {
    return db.query(
      `SELECT p.*, o.number, o.revision FROM order_payments p JOIN orders o ON o.id = p.order_id
        WHERE o.number = $1 AND o.revision <= $2 ORDER BY o.revision, array_position(ARRAY['one_off','monthly','annual']::varchar[], p.part), p.created_at`,
      [o.number, o.revision],
    );
  }

  fee(amountPence: number): number {
    return Math.round((amountPence * this.config.platformFeeBps) / 10000);
  }

  private async supplierReady(supplierId: string | null, db: Db = this.db): Promise<{ ready: boolean; accountId: string | null }> {
    if (!supplierId) return { ready: false, accountId: null };
    const [row] = await db.query(`SELECT stripe_account_id, payout_status FROM supplier_payout_accounts WHERE supplier_id = $1`, [supplierId]);
    return { ready: row?.payout_status === 'enabled', accountId: row?.stripe_account_id ?? null };
  }

  async orderPayments(actor: Actor, ref: string): Promise<OrderPayments> {
    const o = await this.orders.load(actor, ref);
    const [full, rows, history, supplier] = await Promise.all([
      this.plan(o),
      this.paymentRows(o),
      this.db.query(
        `SELECT o.number, o.revision, p.part, h.kind, h.amount_pence, h.detail, h.occurred_at
           FROM order_payment_history h JOIN order_payments p ON p.id = h.payment_id JOIN orders o ON o.id = p.order_id
          WHERE o.number = $1 AND o.revision <= $2 ORDER BY date_trunc('second', h.occurred_at), h.id`,
        [o.number, o.revision],
      ),
      this.supplierReady(o.supplier_id),
    ]);
    const own = new Map(rows.filter((r) => r.order_id === o.id).map((r) => [r.part, r]));
    const earlier = rows.filter((r) => r.revision < o.revision);
    const parts: PaymentPartView[] = reconcile(full, earlier).map((p) => {
      const r = own.get(p.part);
      const current = r && r.status !== 'expired' ? r : undefined;
      const amountPence = current ? Number(current.amount_pence) : p.amountPence;
      // Nothing left to pay in this revision: the part is as settled as the earlier payments covering it.
      const status: PartStatus = current ? current.status : amountPence === 0 ? aggregate(earlier.filter((e) => e.part === p.part && covers(e)).map((e) => e.status)) : 'unpaid';
      return {
        part: p.part,
        kind: p.kind,
        amountPence,
        coveredPence: p.coveredPence,
        applicationFeePence: current ? Number(current.application_fee_pence) : this.fee(amountPence),
        status,
        amountPaidPence: Number(current?.amount_paid_pence ?? 0),
        amountRefundedPence: Number(current?.amount_refunded_pence ?? 0),
        cancelAt: current?.cancel_at ?? null,
        items: p.items,
      };
    });
    const payable = parts.some((p) => this.payable(p, own.get(p.part)));
    const started = rows.length > 0;
    let status: OrderPaymentStatus;
    let message: string;
    if (!parts.length) {
      status = 'nothing_to_pay';
      message = 'Nothing in this order is locally funded, so there is nothing to pay here.';
    } else if (!started && !this.enabled) {
      status = 'invoice';
      message = 'Payments are not switched on; pay by invoice.';
    } else if (!started && !supplier.ready) {
      status = 'invoice';
      message = 'The supplier cannot take card or Direct Debit payments yet; pay by invoice.';
    } else {
      status = aggregate(parts.map((p) => p.status));
      message = MESSAGES[status as PartStatus];
      if (o.revision > 1 && parts.some((p) => p.coveredPence > 0)) message += ' Earlier revisions’ payments are not charged again: this revision pays only what it adds.';
    }
    return {
      paymentsEnabled: this.enabled,
      status,
      message,
      canPay: this.enabled && supplier.ready && o.status === 'completed' && this.orders.isOrderingParty(actor, o) && payable,
      parts,
      payments: rows.map((r) => ({
        orderRef: formatOrderNumber(r.number, r.revision),
        part: r.part,
        kind: r.kind,
        amountPence: Number(r.amount_pence),
        status: r.status,
        amountPaidPence: Number(r.amount_paid_pence),
        amountRefundedPence: Number(r.amount_refunded_pence),
        cancelAt: r.cancel_at,
      })),
      history: history.map((h: any) => ({
        orderRef: formatOrderNumber(h.number, h.revision),
        part: h.part,
        kind: h.kind,
        amountPence: h.amount_pence === null ? null : Number(h.amount_pence),
        detail: h.detail,
        occurredAt: new Date(h.occurred_at).toISOString(),
      })),
    };
  }

  /** Something left to pay, and unpaid, or a checkout started and not finished (or expired), or a one-off payment that failed. */
  private payable(p: Pick<PaymentPartView, 'status' | 'amountPence'>, row?: PaymentRow): boolean {
    if (p.amountPence <= 0) return false;
    if (p.status === 'unpaid' || p.status === 'pending' || p.status === 'expired') return !row?.subscription_id && !row?.payment_intent_id;
    return p.status === 'failed' && !row?.subscription_id;
  }

  /**
   * A Stripe Checkout session for one part of a completed order revision, paid to the supplier's
   * account, for what earlier revisions' payments do not already cover. The revision's row is locked
   * for the whole call, so two clicks make one open checkout; any other checkout of the part still
   * open (an earlier page of this revision, or an earlier revision's) is expired at Stripe first, so
   * it can never be paid as well.
   */
  async checkout(actor: Actor, ref: string, body: CheckoutBody): Promise<CheckoutLink> {
    const stripe = this.requireStripe();
    return this.db.transaction(async (m) => {
      const o = await this.orders.load(actor, ref, m, true);
      if (!this.orders.isOrderingParty(actor, o)) throw forbidden('Only the ordering party pays for this order.');
      if (o.status !== 'completed') throw conflict('order-not-payable', 'Only a completed order can be paid.');
      const full = await this.plan(o, m);
      if (!full.length) throw conflict('nothing-to-pay', 'Nothing in this order is locally funded, so there is nothing to pay here.');
      const supplier = await this.supplierReady(o.supplier_id, m);
      if (!supplier.ready) throw conflict('supplier-payouts-not-ready', 'The supplier cannot take card or Direct Debit payments yet; pay by invoice.');
      const rows = await this.paymentRows(o, m);
      const own = new Map(rows.filter((r) => r.order_id === o.id).map((r) => [r.part, r]));
      const plan = reconcile(
        full,
        rows.filter((r) => r.revision < o.revision),
      );
      const state = (p: PlannedPart) => ({ status: (own.get(p.part)?.status ?? 'unpaid') as PartStatus, amountPence: p.amountPence });
      const chosen = body.part ? plan.find((p) => p.part === body.part) : plan.find((p) => this.payable(state(p), own.get(p.part)));
      if (!chosen) throw conflict(body.part ? 'nothing-to-pay' : 'already-paid', body.part ? `This order has nothing to pay ${body.part.replace('_', '-')}.` : 'Every part of this order is paid or being paid.');
      if (chosen.amountPence <= 0) throw conflict('already-paid', 'Earlier revisions of this order already pay for this part.');
      const existing = own.get(chosen.part);
      if (existing && !this.payable(state(chosen), existing)) throw conflict('already-paid', 'This part of the order is paid or being paid.');

      for (const r of rows) {
        if (r.part === chosen.part && r.status === 'pending' && r.checkout_session_id && !r.payment_intent_id && !r.subscription_id) await this.expireCheckout(stripe, r, r.order_id !== o.id, m);
      }

      const [contract] = await m.query(`SELECT end_date, termination_date FROM contracts WHERE order_number = $1`, [o.number]);
      const stops = billingStops(contract);
      if (chosen.kind === 'subscription' && stops && stops <= todayInLondon()) throw conflict('contract-ended', `The contract ended on ${stops}; there is nothing more to subscribe to.`);
      const orderRef = formatOrderNumber(o.number, o.revision);
      const fee = this.fee(chosen.amountPence);
      const due = chosen.items.filter((i) => i.amountPence > 0);
      const [{ id: paymentId }] = await m.query(
        `INSERT INTO order_payments (order_id, part, kind, stripe_account_id, amount_pence, application_fee_pence, cancel_at, covers, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (order_id, part) DO UPDATE SET stripe_account_id = EXCLUDED.stripe_account_id, amount_pence = EXCLUDED.amount_pence,
           application_fee_pence = EXCLUDED.application_fee_pence, covers = EXCLUDED.covers, checkout_session_id = NULL, payment_intent_id = NULL, status = 'pending', updated_at = now()
         RETURNING id`,
        [
          o.id,
          chosen.part,
          chosen.kind,
          supplier.accountId,
          chosen.amountPence,
          fee,
          chosen.kind === 'subscription' ? stops : null,
          JSON.stringify(due.map((i) => ({ itemId: i.itemId, amountPence: i.amountPence }))),
          actor.userId,
        ],
      );
      const metadata = { paymentId, orderRef, part: chosen.part };
      const common = {
        client_reference_id: orderRef,
        customer_email: o.ordering_contact?.email ?? actor.email,
        metadata,
        success_url: `${this.config.publicUrl}/orders/${orderRef}?payment=success`,
        cancel_url: `${this.config.publicUrl}/orders/${orderRef}?payment=cancelled`,
      };
      let session: Stripe.Checkout.Session;
      try {
        session =
          chosen.kind === 'payment'
            ? await stripe.checkout.sessions.create({
                ...common,
                mode: 'payment',
                line_items: due.map((i) => ({ quantity: 1, price_data: { currency: 'gbp', unit_amount: i.amountPence, product_data: { name: i.name } } })),
                payment_intent_data: { application_fee_amount: fee, transfer_data: { destination: supplier.accountId! }, metadata },
              })
            : await stripe.checkout.sessions.create({
                ...common,
                mode: 'subscription',
                line_items: due.map((i) => ({
                  quantity: 1,
                  price_data: { currency: 'gbp', unit_amount: i.amountPence, product_data: { name: i.name }, recurring: { interval: chosen.interval! } },
                })),
                subscription_data: { application_fee_percent: this.config.platformFeeBps / 100, transfer_data: { destination: supplier.accountId! }, metadata },
              });
      } catch (e) {
        throw this.stripeFailed(e);
      }
      await m.query(`UPDATE order_payments SET checkout_session_id = $2, updated_at = now() WHERE id = $1`, [paymentId, session.id]);
      const what = chosen.kind === 'payment' ? 'the one-off amount' : `the ${chosen.part} subscription`;
      await m.query(`INSERT INTO order_payment_history (payment_id, kind, amount_pence, detail) VALUES ($1, 'checkout.started', $2, $3)`, [
        paymentId,
        chosen.amountPence,
        `${actor.name} started paying ${what}${chosen.coveredPence > 0 ? ` (what this revision adds; ${formatPounds(chosen.coveredPence)} is paid through earlier revisions)` : ''}`,
      ]);
      await this.audit.record(
        {
          action: 'payment.checkout-started',
          actor,
          objectType: 'order',
          objectId: orderRef,
          after: { part: chosen.part, amountPence: chosen.amountPence, coveredPence: chosen.coveredPence, applicationFeePence: fee, session: session.id },
        },
        m,
      );
      return { url: session.url!, part: chosen.part };
    });
  }

  /**
   * A checkout started and not finished can no longer be paid once another one replaces it: Stripe
   * expires it. Stripe refuses when the buyer has just finished it; then its webhook is on the way.
   */
  private async expireCheckout(stripe: Stripe, r: RevisionPaymentRow, earlierRevision: boolean, m: EntityManager): Promise<void> {
    const sessionId = r.checkout_session_id!;
    try {
      await stripe.checkout.sessions.expire(sessionId);
    } catch (e) {
      let session: Stripe.Checkout.Session;
      try {
        session = await stripe.checkout.sessions.retrieve(sessionId);
      } catch {
        throw this.stripeFailed(e);
      }
      if (session.status === 'complete') throw conflict('payment-confirming', 'A payment for this part was just made and is being confirmed. Refresh the page in a minute.');
      if (session.status !== 'expired') throw this.stripeFailed(e);
    }
    await m.query(`INSERT INTO order_payment_history (payment_id, kind, detail) VALUES ($1, 'checkout.expired', $2)`, [r.id, 'The unfinished Stripe checkout page was closed; a new one replaces it']);
    // This revision's row takes the new checkout; an earlier revision's is replaced by this revision's.
    if (earlierRevision) await m.query(`UPDATE order_payments SET status = 'expired', updated_at = now() WHERE id = $1 AND status = 'pending'`, [r.id]);
  }

  // ---- contracts -------------------------------------------------------------------------------

  /** A terminated contract's subscriptions stop billing on the termination date (in the termination's transaction). */
  async contractTerminated(m: EntityManager, contractId: string, terminationDate: string): Promise<void> {
    const rows: PaymentRow[] = await m.query(
      `SELECT p.* FROM order_payments p JOIN orders o ON o.id = p.order_id JOIN contracts c ON c.order_number = o.number
        WHERE c.id = $1 AND p.kind = 'subscription' AND p.status NOT IN ('cancelled','refunded') FOR UPDATE OF p`,
      [contractId],
    );
    for (const r of rows) {
      await m.query(`UPDATE order_payments SET cancel_at = $2, updated_at = now() WHERE id = $1`, [r.id, terminationDate]);
      await m.query(`INSERT INTO order_payment_history (payment_id, kind, detail) VALUES ($1, 'subscription.ends', $2)`, [r.id, `The contract ends on ${terminationDate}; billing stops then`]);
      if (!r.subscription_id) continue; // the checkout is not finished: its completion reads the termination date
      if (!this.stripe) {
        this.logger.warn(`Payments are off: subscription ${r.subscription_id} must be cancelled from ${terminationDate} in Stripe by hand`);
        continue;
      }
      try {
        await this.stripe.subscriptions.update(r.subscription_id, { cancel_at: londonMidnight(terminationDate), proration_behavior: 'none' });
      } catch (e) {
        throw this.stripeFailed(e);
      }
    }
  }
}

/** The day a subscription stops billing: the termination date, or the day after the contract's last day. */
export function billingStops(contract: { end_date: string; termination_date: string | null } | undefined): string | null {
  if (!contract) return null;
  return contract.termination_date ?? addDays(contract.end_date, 1);
}

const MESSAGES: Record<PartStatus, string> = {
  unpaid: 'Not paid yet: pay by card or Direct Debit.',
  pending: 'Payment started and not finished yet.',
  paid: 'Paid.',
  failed: 'A payment failed. The buyer and the supplier have been told.',
  refunded: 'Refunded.',
  cancelled: 'The subscription has ended.',
  expired: 'Not paid: the checkout was not finished. Pay by card or Direct Debit.',
};

/** The order's status is its least settled part's. */
export function aggregate(statuses: PartStatus[]): PartStatus {
  for (const s of ['failed', 'unpaid', 'expired', 'pending'] as const) if (statuses.includes(s)) return s;
  if (statuses.every((s) => s === 'refunded')) return 'refunded';
  if (statuses.every((s) => s === 'cancelled')) return 'cancelled';
  return 'paid';
}
