import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import type { Actor } from '../../core/auth/roles';
import { conflict, DomainError, forbidden } from '../../core/errors/domain-error';
import type { ListingPrice } from '../catalogue/listing';
import { OutboxService } from '../mail/outbox.service';
import { OcdsService } from '../ocds/ocds.service';
import { OrderDetail, ReasonBody, Totals } from './dto/orders.dto';
import { costOfItem, formatPounds, sumTotals } from './order-pricing';
import { contractDates, formatOrderNumber, termErrors, todayInLondon } from './order.rules';
import { ItemRow, orderabilityErrors, OrderRow, OrdersService, RecipientRow, taskList } from './orders.service';

/**
 * Completing, approving and returning orders. Completion is atomic (one transaction: price snapshots,
 * status, contract, emails, audit) and idempotent: the order row is locked first, so a second
 * completion of the same order waits and then finds it completed; contracts are also unique per
 * order number and supplier.
 */
@Injectable()
export class CompletionService {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrdersService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ocds: OcdsService,
  ) {}

  /**
   * The buyer's "complete order". Centrally funded orders go to the ICB for approval first (and
   * complete when approved); others complete now. Repeating it changes nothing.
   */
  async complete(actor: Actor, ref: string): Promise<OrderDetail> {
    return this.db.transaction(async (m) => {
      const o = await this.orders.load(actor, ref, m, true);
      if (!this.orders.isOrderingParty(actor, o)) throw forbidden('Only the ordering party can complete this order.');
      if (o.status === 'completed' || o.status === 'awaiting_approval') return this.orders.view(actor, o, m);
      if (o.status !== 'in_progress') throw conflict('order-not-editable', `This order is ${o.status.replace('_', ' ')}.`);
      const { recipients, items } = await this.checkCompletable(o, m);

      if (items.some((i) => i.funding_source === 'central')) {
        await m.query(
          `UPDATE orders SET status = 'awaiting_approval', approval_status = 'pending', approval_requested_by = $2, approval_requested_at = now(),
                  approval_decided_by = NULL, approval_decided_at = NULL, approval_reason = NULL, updated_at = now() WHERE id = $1`,
          [o.id, actor.userId],
        );
        await this.audit.record({ action: 'order.approval-requested', actor, objectType: 'order', objectId: ref, before: { status: o.status }, after: { status: 'awaiting_approval' } }, m);
        await this.notifyApprovers(o, actor.userId, m);
        return this.orders.detail(actor, ref, m);
      }
      const totals = await this.finalise(actor, o, recipients, items, m);
      // The order row as finalise left it; only its contents need reading again.
      return this.orders.view(actor, { ...o, status: 'completed', totals, completed_at: new Date() }, m);
    });
  }

  /** A commissioner of the ordering practice's ICB approves; the order completes in the same transaction. */
  async approve(actor: Actor, ref: string): Promise<OrderDetail> {
    return this.db.transaction(async (m) => {
      const o = await this.orders.load(actor, ref, m, true);
      if (o.status === 'completed' && o.approval_status === 'approved') return this.orders.view(actor, o, m);
      this.assertApprover(actor, o);
      const { recipients, items } = await this.checkCompletable(o, m);
      await m.query(`UPDATE orders SET approval_status = 'approved', approval_decided_by = $2, approval_decided_at = now() WHERE id = $1`, [o.id, actor.userId]);
      await this.audit.record({ action: 'order.approved', actor, objectType: 'order', objectId: ref, before: { approvalStatus: 'pending' }, after: { approvalStatus: 'approved' } }, m);
      await this.finalise(actor, o, recipients, items, m);
      return this.orders.detail(actor, ref, m);
    });
  }

  /** Back to the buyer with a reason; it can be changed and completed again. */
  async returnOrder(actor: Actor, ref: string, body: ReasonBody): Promise<OrderDetail> {
    return this.db.transaction(async (m) => {
      const o = await this.orders.load(actor, ref, m, true);
      this.assertApprover(actor, o);
      const reason = body.reason.trim();
      await m.query(
        `UPDATE orders SET status = 'in_progress', approval_status = 'returned', approval_decided_by = $2, approval_decided_at = now(),
                approval_reason = $3, updated_at = now() WHERE id = $1`,
        [o.id, actor.userId, reason],
      );
      await this.audit.record(
        { action: 'order.returned', actor, objectType: 'order', objectId: ref, before: { status: o.status }, after: { status: 'in_progress', reason } },
        m,
      );
      const to = await this.requesterEmails(o, actor, m);
      for (const email of to) {
        await this.outbox.enqueue(
          {
            to: email,
            template: 'order-returned',
            subject: `Order ${ref} was returned: ${o.description ?? ''}`.trim(),
            text: `${actor.name} (${actor.organisation.name}) returned order ${ref} without approving it.\n\nReason: ${reason}\n\nChange the order and complete it again: ${this.config.publicUrl}/orders/${ref}`,
          },
          m,
        );
      }
      return this.orders.detail(actor, ref, m);
    });
  }

  private assertApprover(actor: Actor, o: OrderRow) {
    if (o.status !== 'awaiting_approval') throw conflict('order-not-awaiting-approval', 'This order is not waiting for approval.');
    if (actor.role !== 'commissioner') throw forbidden('Only a commissioner of the ICB can approve this order.');
    if (actor.userId === o.approval_requested_by) throw forbidden('Someone other than the person who asked for approval must approve it.');
    if (!this.orders.mayApprove(actor, o)) throw forbidden('Only a commissioner of the ordering practice’s ICB can approve this order.');
  }

  /** Everything the server insists on before completion, rechecked against the live catalogue now. */
  private async checkCompletable(o: OrderRow, m: EntityManager): Promise<{ recipients: RecipientRow[]; items: ItemRow[] }> {
    const { recipients, items } = await this.orders.contents(o.id, m);
    const problems = this.orders.blockers(o, recipients, items, taskList(o, recipients, items));
    if (o.commencement_date && o.framework_max) {
      problems.push(...termErrors({ commencementDate: o.commencement_date, initialPeriodMonths: o.initial_period_months!, maximumTermMonths: o.maximum_term_months! }, o.framework_max, todayInLondon()).map((e) => e.message));
    }
    const previous = await this.orders.previousRevision(o, m);
    const agreed = new Set(previous?.items.map((i) => i.item_id) ?? []);
    const live = await m.query(
      `SELECT i.id, i.type, i.supplier_id, i.publication_status, i.accreditation_status, v.id AS version_id, v.content
         FROM catalogue_items i LEFT JOIN listing_versions v ON v.id = i.live_version_id WHERE i.id = ANY($1)`,
      [items.map((i) => i.item_id)],
    );
    const byId = new Map<string, any>(live.map((r: any) => [r.id, r]));
    for (const it of items) {
      const current = byId.get(it.item_id);
      problems.push(...orderabilityErrors(current, o));
      const price = (current?.content?.prices as ListingPrice[] | undefined)?.find((p) => p.id === it.price_id);
      if (agreed.has(it.item_id)) continue; // prices agreed in an earlier revision never change
      if (current && !price) problems.push(`${it.name}: the chosen price is no longer offered; choose another price`);
      if (current && price) {
        // The prices used are the ones live at completion (the buyer reviewed them just before).
        it.listing_version_id = current.version_id;
        it.price_snapshot = price;
      }
    }
    if (problems.length) {
      throw new DomainError(
        422,
        'order-not-completable',
        'This order cannot be completed yet',
        [...new Set(problems)].join('; '),
        [...new Set(problems)].map((message) => ({ field: 'order', message })),
      );
    }
    return { recipients, items };
  }

  /**
   * Snapshots, totals, Completed, the contract, emails and audit: all in the caller's transaction,
   * in as few statements as the rules allow (each is a round trip while the order row is locked).
   */
  private async finalise(actor: Actor, o: OrderRow, recipients: RecipientRow[], items: ItemRow[], m: EntityManager): Promise<Totals> {
    const ref = formatOrderNumber(o.number, o.revision);
    const term = o.maximum_term_months!;
    const costs: Totals[] = items.map((it) => {
      const cost = costOfItem(it, recipients, term);
      if (!cost) throw new DomainError(422, 'order-not-completable', 'This order cannot be completed yet', `${it.name}: quantities are missing`);
      return cost;
    });
    const totals = sumTotals(costs);
    // Registered patients, item snapshots and costs, and the order's status, in one statement.
    await m.query(
      `WITH patients AS (
         UPDATE order_recipients r SET registered_patients = p.registered_patients FROM organisations p WHERE r.order_id = $1 AND p.id = r.practice_id
       ), snapshots AS (
         UPDATE order_items oi SET listing_version_id = x.version_id, price_snapshot = x.price, cost = x.cost
           FROM unnest($4::uuid[], $5::uuid[], $6::jsonb[], $7::jsonb[]) AS x(id, version_id, price, cost) WHERE oi.id = x.id
       )
       UPDATE orders SET status = 'completed', totals = $2, completed_by = $3, completed_at = now(), updated_at = now() WHERE id = $1`,
      [
        o.id,
        JSON.stringify(totals),
        actor.userId,
        items.map((it) => it.id),
        items.map((it) => it.listing_version_id),
        items.map((it) => JSON.stringify(it.price_snapshot)),
        costs.map((c) => JSON.stringify(c)),
      ],
    );
    const completed = { action: 'order.completed', actor, objectType: 'order', objectId: ref, before: { status: o.status }, after: { status: 'completed', totals } };

    const dates = contractDates(o.commencement_date!, term, o.notice_period_days ?? 90);
    if (o.revision > 1) {
      await this.audit.record(completed, m);
      await this.amendContract(actor, o, totals.wholeTermPence, m);
    } else {
      const solution = items.find((i) => i.type === 'solution')!;
      const [contract] = await m.query(
        `WITH c AS (
           INSERT INTO contracts (order_number, order_id, buyer_id, supplier_id, framework_id, solution_item_id, start_date, end_date, notice_period_days, notice_deadline, value_pence)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (order_number, supplier_id) DO NOTHING RETURNING id
         ), r AS (
           INSERT INTO contract_recipients (contract_id, practice_id) SELECT c.id, r.practice_id FROM c, order_recipients r WHERE r.order_id = $2
         )
         SELECT id FROM c`,
        [o.number, o.id, o.ordering_party_id, o.supplier_id, o.framework_id, solution.item_id, dates.startDate, dates.endDate, o.notice_period_days ?? 90, dates.noticeDeadline, totals.wholeTermPence],
      );
      if (!contract) throw conflict('contract-exists', `Order ${ref} already has a contract.`);
      await this.audit.recordAll(
        [
          completed,
          { action: 'contract.created', actor, objectType: 'contract', objectId: contract.id, after: { order: ref, ...dates, valuePence: totals.wholeTermPence, supplier: o.supplier_code } },
        ],
        m,
      );
      await this.ocds.appendFor(contract.id, 'award', m);
    }

    const lines = [
      `Order ${ref}: ${o.description}`,
      `Ordering party: ${o.ordering_party_name} (${o.ordering_party_code})`,
      `Supplier: ${o.supplier_name} (${o.supplier_code})`,
      `Service recipients: ${recipients.length}`,
      `Contract: ${dates.startDate} to ${dates.endDate}; notice deadline ${dates.noticeDeadline}`,
      `Whole-term value: ${formatPounds(totals.wholeTermPence)} (one-off ${formatPounds(totals.oneOffPence)}, annual ${formatPounds(totals.annualPence)}), excluding VAT`,
    ].join('\n');
    const link = `${this.config.publicUrl}/orders/${ref}`;
    const buyerEmails = new Set([o.ordering_contact?.email, ...(await this.requesterEmails(o, actor, m))].filter((e): e is string => !!e));
    await this.outbox.enqueueAll(
      [
        ...[...buyerEmails].map((to) => ({ to, template: 'order-completed', subject: `Order ${ref} is complete`, text: `${lines}\n\nView it: ${link}` })),
        ...(o.supplier_contact?.email
          ? [{ to: o.supplier_contact.email, template: 'order-received', subject: `New order ${ref} from ${o.ordering_party_name}`, text: `${lines}\n\nView it: ${link}` }]
          : []),
      ],
      m,
    );
    return totals;
  }

  /** An amendment completes: the contract follows the new revision (value, recipients); the previous one is superseded. */
  private async amendContract(actor: Actor, o: OrderRow, valuePence: number, m: EntityManager): Promise<void> {
    const ref = formatOrderNumber(o.number, o.revision);
    const [contract] = await m.query(
      `SELECT c.id, c.value_pence, o.number, o.revision, (SELECT array_agg(p.code ORDER BY p.code) FROM contract_recipients cr JOIN organisations p ON p.id = cr.practice_id WHERE cr.contract_id = c.id) AS recipients
         FROM contracts c JOIN orders o ON o.id = c.order_id WHERE c.order_number = $1 AND c.supplier_id = $2 FOR UPDATE OF c`,
      [o.number, o.supplier_id],
    );
    if (!contract) throw conflict('contract-missing', `Order ${ref} has no contract to amend.`);
    await m.query(`UPDATE orders SET status = 'superseded', updated_at = now() WHERE id = $1`, [o.previous_revision_id]);
    await m.query(`UPDATE contracts SET order_id = $2, value_pence = $3, updated_at = now() WHERE id = $1`, [contract.id, o.id, valuePence]);
    await m.query(`INSERT INTO contract_recipients (contract_id, practice_id) SELECT $1, practice_id FROM order_recipients WHERE order_id = $2 ON CONFLICT DO NOTHING`, [contract.id, o.id]);
    const [after] = await m.query(`SELECT array_agg(p.code ORDER BY p.code) AS recipients FROM contract_recipients cr JOIN organisations p ON p.id = cr.practice_id WHERE cr.contract_id = $1`, [contract.id]);
    await this.audit.record(
      {
        action: 'contract.amended',
        actor,
        objectType: 'contract',
        objectId: contract.id,
        before: { order: formatOrderNumber(contract.number, contract.revision), valuePence: Number(contract.value_pence), recipients: contract.recipients },
        after: { order: ref, valuePence, recipients: after.recipients },
      },
      m,
    );
    await this.ocds.appendFor(contract.id, 'amendment', m);
  }

  /** Who started the order and who asked for approval (the actor's own address needs no lookup). */
  private async requesterEmails(o: OrderRow, actor: Actor, m: EntityManager): Promise<string[]> {
    const ids = [...new Set([o.created_by, o.approval_requested_by].filter((id): id is string => !!id))];
    if (ids.length === 1 && ids[0] === actor.userId) return [actor.email];
    const rows: { email: string }[] = await m.query(`SELECT email FROM users WHERE id = ANY($1::uuid[])`, [ids]);
    return [...new Set(rows.map((r) => r.email))];
  }

  /** Every commissioner who can approve: members of the practice's ICB and sub-ICB location (or of the ordering ICB), bar the requester. */
  private async notifyApprovers(o: OrderRow, requesterId: string, m: EntityManager): Promise<void> {
    const ref = formatOrderNumber(o.number, o.revision);
    const orgCodes = o.ordering_party_type === 'practice' ? [o.ordering_party_icb, o.ordering_party_sub_icb].filter(Boolean) : [o.ordering_party_code];
    const approvers: { email: string }[] = await m.query(
      `SELECT DISTINCT u.email FROM memberships ms JOIN users u ON u.id = ms.user_id JOIN organisations org ON org.id = ms.organisation_id
        WHERE org.code = ANY($1) AND ms.role = 'commissioner' AND u.status = 'active' AND u.id <> $2`,
      [orgCodes, requesterId],
    );
    for (const a of approvers) {
      await this.outbox.enqueue(
        {
          to: a.email,
          template: 'order-approval-requested',
          subject: `Order ${ref} from ${o.ordering_party_name} needs approval`,
          text: `${o.ordering_party_name} asks to complete order ${ref} (${o.description}) with central funding.\n\nApprove or return it: ${this.config.publicUrl}/orders/${ref}`,
        },
        m,
      );
    }
  }
}
