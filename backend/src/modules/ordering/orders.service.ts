import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { conflict, DomainError, FieldError, forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { orderBy, Page, pagedQuery, Where } from '../../core/http/paging';
import type { ListingPrice } from '../catalogue/listing';
import {
  AddItemBody, ApprovalQueueQuery, Contact, DescriptionBody, FundingBody, OrderDetail, OrderingPartyBody, OrderItemView, OrderListQuery,
  OrderSummary, QuantitiesBody, RecipientsBody, SupplierBody, Task, TermBody, Totals,
} from './dto/orders.dto';
import { costOfItem, quantityInput, sumTotals } from './order-pricing';
import { formatOrderNumber, LONDON_TODAY, parseOrderNumber, termErrors, todayInLondon } from './order.rules';

type Db = Pick<EntityManager, 'query'>;

/** One order revision as stored, with the names the views need. */
export interface OrderRow {
  id: string;
  number: number;
  revision: number;
  previous_revision_id: string | null;
  status: string;
  description: string | null;
  ordering_party_id: string;
  ordering_party_code: string;
  ordering_party_name: string;
  ordering_party_type: string;
  ordering_party_icb: string | null;
  ordering_party_sub_icb: string | null;
  ordering_contact: Contact | null;
  supplier_id: string | null;
  supplier_code: string | null;
  supplier_name: string | null;
  supplier_contact: Contact | null;
  framework_id: string | null;
  framework_name: string | null;
  framework_max: number | null;
  framework_funding: string[] | null;
  framework_status: string | null;
  notice_period_days: number | null;
  commencement_date: string | null;
  initial_period_months: number | null;
  maximum_term_months: number | null;
  approval_status: string;
  approval_requested_by: string | null;
  approval_requested_at: Date | null;
  approval_decided_at: Date | null;
  approval_decided_by_name: string | null;
  approval_reason: string | null;
  totals: Totals | null;
  created_by: string;
  created_at: Date;
  completed_at: Date | null;
}

export interface RecipientRow {
  practice_id: string;
  code: string;
  name: string;
  registered_patients: number | null;
  icb_code: string | null;
  sub_icb_code: string | null;
}

export interface ContractRow {
  id: string;
  start_date: string;
  end_date: string;
  notice_deadline: string;
  value_pence: number;
  status: string;
}

export interface ItemRow {
  id: string;
  item_id: string;
  name: string;
  type: 'solution' | 'additional_service' | 'associated_service';
  parent_item_id: string | null;
  listing_version_id: string;
  price_id: string;
  price_snapshot: ListingPrice;
  funding_source: 'central' | 'local' | null;
  quantity: number | null;
  quantities: { practice_id: string; code: string; quantity: number }[];
  cost: Totals | null;
}

/** What a pre-filled draft order starts with (see OrdersService.createPrefilled). */
export interface PrefilledOrder {
  description: string;
  frameworkId: string;
  maximumTermMonths: number;
  /** ODS codes of the service recipients. */
  odsCodes: string[];
  /** A solution; its supplier becomes the order's supplier. Quantity for prices that take one. */
  item: { itemId: string; priceId: string; quantity: number | null };
  /** Where the order came from, for the audit trail, e.g. `{ competition: <id> }`. */
  source: Record<string, string>;
}

const ORDER_SELECT = `
  SELECT o.*, op.code AS ordering_party_code, op.name AS ordering_party_name, op.type AS ordering_party_type,
         op.icb_code AS ordering_party_icb, op.sub_icb_code AS ordering_party_sub_icb,
         s.code AS supplier_code, s.name AS supplier_name,
         f.name AS framework_name, f.maximum_term_months AS framework_max, f.funding_types AS framework_funding,
         f.status AS framework_status, f.notice_period_days, du.name AS approval_decided_by_name
    FROM orders o
    JOIN organisations op ON op.id = o.ordering_party_id
    LEFT JOIN organisations s ON s.id = o.supplier_id
    LEFT JOIN frameworks f ON f.id = o.framework_id
    LEFT JOIN users du ON du.id = o.approval_decided_by`;

/** Central funding is the ICB's GP IT funding; a framework offers it if it lists "GPIT funding". */
export const offersCentralFunding = (fundingTypes: string[] | null) => (fundingTypes ?? []).includes('GPIT funding');

/**
 * Orders (call-offs) while they are drafted, one step at a time. Every write checks that the actor
 * belongs to the ordering party and the revision is still being edited; the server enforces each
 * rule itself (the form only helps).
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ---- reading ---------------------------------------------------------------------------------

  /** Which orders an actor may see, as SQL over `o` (orders) and `op` (ordering party). */
  visibility(actor: Actor, where: Where): Where {
    const org = actor.organisation;
    switch (actor.role) {
      case 'operator':
        return where;
      case 'vendor':
        return where.add(`o.supplier_id = ? AND o.status IN ('completed','superseded','terminated')`, org.id);
      case 'commissioner':
        // Their own orders, and orders of the practices they commission (to approve and oversee).
        return org.type === 'icb'
          ? where.add('(o.ordering_party_id = ? OR (op.type = ? AND op.icb_code = ?))', org.id, 'practice', org.code)
          : where.add('(o.ordering_party_id = ? OR (op.type = ? AND op.sub_icb_code = ?))', org.id, 'practice', org.code);
      default:
        return where.add('o.ordering_party_id = ?', org.id);
    }
  }

  async list(actor: Actor, query: OrderListQuery): Promise<Page<OrderSummary>> {
    const where = this.visibility(actor, new Where().add(`o.status <> 'deleted'`));
    if (query.status) where.add('o.status = ?', query.status);
    if (query.q?.trim()) where.add(`(o.description ILIKE ? OR op.name ILIKE ? OR s.name ILIKE ?)`, ...Array(3).fill(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    return this.summaries(where, query, orderBy(query.sort, { createdAt: 'o.created_at', completedAt: 'o.completed_at', number: 'o.number' }, 'o.created_at DESC, o.number DESC'));
  }

  /** Orders awaiting this commissioner's approval: practices of its ICB (or sub-ICB), and its own colleagues'. */
  async approvalQueue(actor: Actor, query: ApprovalQueueQuery): Promise<Page<OrderSummary>> {
    const where = this.visibility(actor, new Where().add(`o.status = 'awaiting_approval'`));
    return this.summaries(where, query, orderBy(query.sort, { requestedAt: 'o.approval_requested_at' }, 'o.approval_requested_at ASC, o.number'));
  }

  private async summaries(where: Where, query: OrderListQuery | ApprovalQueueQuery, order: string): Promise<Page<OrderSummary>> {
    const page = await pagedQuery<Record<string, any>>(
      this.db,
      {
        select: `o.number, o.revision, o.status, o.description, op.code AS op_code, op.name AS op_name, s.code AS s_code, s.name AS s_name,
                 o.commencement_date, o.approval_status, o.created_at, o.completed_at, (o.totals->>'wholeTermPence')::bigint AS whole_term`,
        from: 'orders o JOIN organisations op ON op.id = o.ordering_party_id LEFT JOIN organisations s ON s.id = o.supplier_id',
        where,
        orderBy: order,
      },
      query,
    );
    return {
      ...page,
      items: page.items.map((r) => ({
        ref: formatOrderNumber(r.number, r.revision),
        status: r.status,
        description: r.description,
        orderingParty: { code: r.op_code, name: r.op_name },
        supplier: r.s_code ? { code: r.s_code, name: r.s_name } : null,
        commencementDate: r.commencement_date,
        approvalStatus: r.approval_status,
        createdAt: new Date(r.created_at).toISOString(),
        completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
        wholeTermPence: r.whole_term === null ? null : Number(r.whole_term),
      })),
    };
  }

  /** An order revision the actor may see, or 404 (never 403: others' orders are not acknowledged). */
  async load(actor: Actor, ref: string, db: Db = this.db, lock = false): Promise<OrderRow> {
    const parsed = parseOrderNumber(ref);
    if (!parsed) throw notFound('Order', ref);
    const where = this.visibility(actor, new Where().add('o.number = ? AND o.revision = ?', parsed.number, parsed.revision).add(`o.status <> 'deleted'`));
    const [row] = await db.query(`${ORDER_SELECT} ${where.sql}${lock ? ' FOR UPDATE OF o' : ''}`, where.params);
    if (!row) throw notFound('Order', ref);
    return row;
  }

  async recipients(orderId: string, db: Db = this.db): Promise<RecipientRow[]> {
    return (await this.contents(orderId, db)).recipients;
  }

  async items(orderId: string, db: Db = this.db): Promise<ItemRow[]> {
    return (await this.contents(orderId, db)).items;
  }

  /**
   * An order's recipients and items (and, given its number, its contract) in one statement: each
   * statement is a round trip, and completion runs several while it holds the order's lock.
   */
  async contents(orderId: string, db: Db = this.db, number?: number): Promise<{ recipients: RecipientRow[]; items: ItemRow[]; contract: ContractRow | null }> {
    const [row] = await db.query(
      `SELECT
         (SELECT coalesce(json_agg(x ORDER BY x.name, x.code), '[]') FROM (
            SELECT p.id AS practice_id, p.code, p.name, coalesce(r.registered_patients, p.registered_patients) AS registered_patients,
                   p.icb_code, p.sub_icb_code
              FROM order_recipients r JOIN organisations p ON p.id = r.practice_id WHERE r.order_id = $1) x) AS recipients,
         (SELECT coalesce(json_agg(x ORDER BY x.rank, x.item_id), '[]') FROM (
            SELECT oi.id, oi.item_id, lv.content->>'name' AS name, i.type, i.parent_item_id, oi.listing_version_id, oi.price_id,
                   oi.price_snapshot, oi.funding_source, oi.quantity, oi.cost,
                   CASE i.type WHEN 'solution' THEN 0 WHEN 'additional_service' THEN 1 ELSE 2 END AS rank,
                   coalesce((SELECT json_agg(json_build_object('practice_id', q.practice_id, 'code', p.code, 'quantity', q.quantity) ORDER BY p.code)
                               FROM order_item_quantities q JOIN organisations p ON p.id = q.practice_id WHERE q.order_item_id = oi.id), '[]') AS quantities
              FROM order_items oi
              JOIN catalogue_items i ON i.id = oi.item_id
              JOIN listing_versions lv ON lv.id = oi.listing_version_id
             WHERE oi.order_id = $1) x) AS items,
         (SELECT row_to_json(c) FROM (
            SELECT id, start_date, end_date, notice_deadline, value_pence, contract_status(start_date, end_date, termination_date, ${LONDON_TODAY}) AS status
              FROM contracts WHERE order_number = $2) c) AS contract`,
      [orderId, number ?? null],
    );
    return { recipients: row.recipients, items: row.items, contract: row.contract };
  }

  async detail(actor: Actor, ref: string, db: Db = this.db): Promise<OrderDetail> {
    return this.view(actor, await this.load(actor, ref, db), db);
  }

  async view(actor: Actor, o: OrderRow, db: Db = this.db): Promise<OrderDetail> {
    const { recipients, items, contract } = await this.contents(o.id, db, o.number);
    const term = o.maximum_term_months;
    const itemViews: OrderItemView[] = items.map((it) => {
      const cost = o.status === 'in_progress' || o.status === 'awaiting_approval' ? (term ? costOfItem(it, recipients, term) : null) : it.cost;
      return {
        itemId: it.item_id,
        name: it.name,
        type: it.type,
        priceId: it.price_id,
        price: it.price_snapshot as unknown as Record<string, unknown>,
        quantityInput: quantityInput(it.price_snapshot),
        fundingSource: it.funding_source,
        quantity: it.quantity,
        quantities: it.quantities.map((q) => ({ odsCode: q.code, quantity: q.quantity })),
        cost,
      };
    });
    const live = o.status === 'in_progress' || o.status === 'awaiting_approval';
    const totals = live ? (itemViews.length && itemViews.every((i) => i.cost) ? sumTotals(itemViews.map((i) => i.cost!)) : null) : o.totals;
    const tasks = taskList(o, recipients, items);
    const blockers = live ? this.blockers(o, recipients, items, tasks) : [];
    return {
      ref: formatOrderNumber(o.number, o.revision),
      status: o.status,
      description: o.description,
      orderingParty: { code: o.ordering_party_code, name: o.ordering_party_name },
      orderingContact: o.ordering_contact,
      supplier: o.supplier_code ? { code: o.supplier_code, name: o.supplier_name! } : null,
      supplierContact: o.supplier_contact,
      framework: o.framework_id
        ? { id: o.framework_id, name: o.framework_name!, maximumTermMonths: o.framework_max!, centralFunding: offersCentralFunding(o.framework_funding) }
        : null,
      commencementDate: o.commencement_date,
      initialPeriodMonths: o.initial_period_months,
      maximumTermMonths: o.maximum_term_months,
      recipients: recipients.map((r) => ({ odsCode: r.code, name: r.name, registeredPatients: r.registered_patients })),
      items: itemViews,
      tasks,
      totals,
      approvalStatus: o.approval_status,
      approval: {
        status: o.approval_status,
        reason: o.approval_reason,
        requestedAt: o.approval_requested_at ? new Date(o.approval_requested_at).toISOString() : null,
        decidedAt: o.approval_decided_at ? new Date(o.approval_decided_at).toISOString() : null,
        decidedByName: o.approval_decided_by_name,
      },
      contract: contract
        ? {
            id: contract.id,
            startDate: contract.start_date,
            endDate: contract.end_date,
            noticeDeadline: contract.notice_deadline,
            valuePence: Number(contract.value_pence),
            status: contract.status,
          }
        : null,
      createdAt: new Date(o.created_at).toISOString(),
      completedAt: o.completed_at ? new Date(o.completed_at).toISOString() : null,
      wholeTermPence: totals?.wholeTermPence ?? null,
      canEdit: o.status === 'in_progress' && this.isOrderingParty(actor, o),
      canApprove: this.mayApprove(actor, o),
      canAmend: o.status === 'completed' && this.isOrderingParty(actor, o),
      previousRevisionRef: o.revision > 1 ? formatOrderNumber(o.number, o.revision - 1) : null,
      needsApproval: items.some((i) => i.funding_source === 'central'),
      blockers,
    };
  }

  isOrderingParty(actor: Actor, o: Pick<OrderRow, 'ordering_party_id'>): boolean {
    return (actor.role === 'practice_manager' || actor.role === 'commissioner') && actor.organisation.id === o.ordering_party_id;
  }

  /**
   * A commissioner of the ICB (or sub-ICB location) the ordering practice belongs to, or of the
   * ordering ICB itself; never the person who asked for approval (two people see central money spent).
   */
  mayApprove(actor: Actor, o: OrderRow): boolean {
    if (o.status !== 'awaiting_approval' || actor.role !== 'commissioner' || actor.userId === o.approval_requested_by) return false;
    const org = actor.organisation;
    if (o.ordering_party_id === org.id) return true;
    if (o.ordering_party_type !== 'practice') return false;
    return org.type === 'icb' ? o.ordering_party_icb === org.code : o.ordering_party_sub_icb === org.code;
  }

  /** Why the order cannot be completed yet, in words a buyer acts on. */
  blockers(o: OrderRow, recipients: RecipientRow[], items: ItemRow[], tasks: Task[]): string[] {
    const out: string[] = [];
    for (const t of tasks) if (t.key !== 'review' && t.status !== 'completed') out.push(`${t.title}: not completed`);
    if (o.framework_id && o.framework_status !== 'live') out.push(`The framework ${o.framework_name} is not live, so nothing can be ordered from it`);
    if (!items.some((i) => i.type === 'solution') && items.length) out.push('Add a solution: additional and associated services are ordered with one');
    for (const it of items) {
      if (it.funding_source === 'central' && !offersCentralFunding(o.framework_funding)) out.push(`${it.name}: the framework does not offer central funding`);
    }
    if (recipients.some((r) => r.registered_patients === null) && items.some((i) => i.price_snapshot.provisioningType === 'per_patient')) {
      out.push('Some practices have no registered patient count, so per-patient prices cannot be worked out');
    }
    return out;
  }

  // ---- writing ---------------------------------------------------------------------------------

  async create(actor: Actor, body: { description: string }): Promise<OrderDetail> {
    if (actor.role !== 'practice_manager' && actor.role !== 'commissioner') throw forbidden('Only practices and commissioners place orders.');
    return this.db.transaction(async (m) => {
      const [{ number }] = await m.query(`SELECT nextval('order_number_seq')::int AS number`);
      const [row] = await m.query(
        `INSERT INTO orders (number, description, ordering_party_id, created_by, ordering_contact)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [number, body.description.trim(), actor.organisation.id, actor.userId, JSON.stringify({ name: actor.name, email: actor.email })],
      );
      // A practice orders for itself: it is the only service recipient.
      if (actor.role === 'practice_manager') {
        await m.query(`INSERT INTO order_recipients (order_id, practice_id) VALUES ($1, $2)`, [row.id, actor.organisation.id]);
      }
      const ref = formatOrderNumber(number, 1);
      await this.audit.record({ action: 'order.created', actor, objectType: 'order', objectId: ref, after: { description: body.description.trim() } }, m);
      return this.detail(actor, ref, m);
    });
  }

  /** Runs one step's change on an order the actor may edit, locked, audited with before/after. */
  private async edit(actor: Actor, ref: string, action: string, change: (o: OrderRow, m: EntityManager) => Promise<{ before?: unknown; after?: unknown } | void>): Promise<OrderDetail> {
    return this.db.transaction(async (m) => {
      const o = await this.load(actor, ref, m, true);
      if (!this.isOrderingParty(actor, o)) throw forbidden('Only the ordering party can change this order.');
      if (o.status !== 'in_progress') {
        throw conflict('order-not-editable', o.status === 'awaiting_approval' ? 'This order is waiting for approval; it cannot be changed until it is returned.' : 'This order is completed; amend it instead.');
      }
      const diff = (await change(o, m)) ?? {};
      await m.query(`UPDATE orders SET updated_at = now() WHERE id = $1`, [o.id]);
      await this.audit.record({ action, actor, objectType: 'order', objectId: ref, before: diff.before, after: diff.after }, m);
      return this.detail(actor, ref, m);
    });
  }

  setDescription(actor: Actor, ref: string, body: DescriptionBody) {
    return this.edit(actor, ref, 'order.description-changed', async (o, m) => {
      await m.query(`UPDATE orders SET description = $2 WHERE id = $1`, [o.id, body.description.trim()]);
      return { before: { description: o.description }, after: { description: body.description.trim() } };
    });
  }

  setOrderingParty(actor: Actor, ref: string, body: OrderingPartyBody) {
    return this.edit(actor, ref, 'order.ordering-contact-changed', async (o, m) => {
      const contact = cleanContact(body.contact);
      await m.query(`UPDATE orders SET ordering_contact = $2 WHERE id = $1`, [o.id, JSON.stringify(contact)]);
      return { before: o.ordering_contact, after: contact };
    });
  }

  setSupplier(actor: Actor, ref: string, body: SupplierBody) {
    return this.edit(actor, ref, 'order.supplier-changed', async (o, m) => {
      if (o.revision > 1) throw conflict('amendment-locked', 'An amendment keeps the supplier of the original order.');
      const [supplier] = await m.query(`SELECT o.id FROM organisations o JOIN suppliers s ON s.organisation_id = o.id WHERE o.code = $1 AND o.type = 'supplier' AND o.status = 'active'`, [body.supplierCode]);
      if (!supplier) throw validationFailed([{ field: 'supplierCode', message: 'Choose a supplier from the catalogue' }]);
      if (o.supplier_id && o.supplier_id !== supplier.id) {
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM order_items WHERE order_id = $1`, [o.id]);
        if (n > 0) throw conflict('order-has-items', 'Remove the items of the current supplier before choosing another supplier.');
      }
      const contact = cleanContact(body.contact);
      await m.query(`UPDATE orders SET supplier_id = $2, supplier_contact = $3 WHERE id = $1`, [o.id, supplier.id, JSON.stringify(contact)]);
      return { before: { supplierCode: o.supplier_code, contact: o.supplier_contact }, after: { supplierCode: body.supplierCode, contact } };
    });
  }

  setTerm(actor: Actor, ref: string, body: TermBody) {
    return this.edit(actor, ref, 'order.term-changed', async (o, m) => {
      if (o.revision > 1) throw conflict('amendment-locked', 'An amendment keeps the framework, commencement date and term of the original order.');
      const [framework] = await m.query(`SELECT id, maximum_term_months, status FROM frameworks WHERE id = $1`, [body.frameworkId]);
      if (!framework) throw validationFailed([{ field: 'frameworkId', message: 'Choose a framework' }]);
      const errors: FieldError[] = [];
      if (framework.status !== 'live') errors.push({ field: 'frameworkId', message: 'This framework is not live; choose a live framework' });
      errors.push(...termErrors(body, framework.maximum_term_months, todayInLondon()));
      if (errors.length) throw validationFailed(errors);
      if (o.framework_id && o.framework_id !== body.frameworkId) {
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM order_items WHERE order_id = $1`, [o.id]);
        if (n > 0) throw conflict('order-has-items', 'Remove the items before changing the framework: they were chosen from the current one.');
      }
      await m.query(`UPDATE orders SET framework_id = $2, commencement_date = $3, initial_period_months = $4, maximum_term_months = $5 WHERE id = $1`, [
        o.id,
        body.frameworkId,
        body.commencementDate,
        body.initialPeriodMonths,
        body.maximumTermMonths,
      ]);
      return {
        before: { frameworkId: o.framework_id, commencementDate: o.commencement_date, initialPeriodMonths: o.initial_period_months, maximumTermMonths: o.maximum_term_months },
        after: body,
      };
    });
  }

  /**
   * Service recipients: practices the actor may order for (a practice: itself; a commissioner: its
   * ICB's or sub-ICB's practices). Codes are checked all together; any bad code is an error naming
   * its position and nothing changes.
   */
  setRecipients(actor: Actor, ref: string, body: RecipientsBody, source: 'form' | 'csv' = 'form', lines?: number[]) {
    return this.edit(actor, ref, 'order.recipients-changed', async (o, m) => {
      const { codes, practices, errors } = await this.checkRecipients(actor, body.odsCodes, m, 'order for', lines);
      const seen = new Set(codes);
      const previous = await this.previousRevision(o, m);
      for (const r of previous?.recipients ?? []) {
        if (!seen.has(r.code)) errors.push({ field: lines ? 'csv' : 'odsCodes', message: `${r.code} (${r.name}) is a service recipient of the order already; an amendment cannot remove it` });
      }
      if (errors.length) throw validationFailed(errors, source === 'csv' ? 'Some rows of the CSV file are wrong; nothing was changed.' : undefined);
      const before = (await this.recipients(o.id, m)).map((r) => r.code);
      const keep = codes.map((c) => practices.get(c)!);
      await m.query(`DELETE FROM order_recipients WHERE order_id = $1 AND NOT (practice_id = ANY($2::uuid[]))`, [o.id, keep]);
      await m.query(
        `INSERT INTO order_recipients (order_id, practice_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [o.id, keep],
      );
      // Quantities of practices no longer receiving anything go with them.
      await m.query(
        `DELETE FROM order_item_quantities q USING order_items oi
          WHERE q.order_item_id = oi.id AND oi.order_id = $1 AND NOT (q.practice_id = ANY($2::uuid[]))`,
        [o.id, keep],
      );
      return { before: { recipients: before }, after: { recipients: [...codes].sort(), source } };
    });
  }

  /** A CSV of ODS codes: one per line, optionally with a header row naming an "ODS code" column. */
  setRecipientsFromCsv(actor: Actor, ref: string, csv: string) {
    const { codes, lines } = parseRecipientsCsv(csv);
    return this.setRecipients(actor, ref, { odsCodes: codes }, 'csv', lines);
  }

  /** Practices (ODS code → organisation id) among `codes` that the actor may order for. */
  /**
   * ODS codes as entered (trimmed, upper case), checked all together against the practices the
   * actor may buy for: an error for each bad code, naming its position (`lines`: each code's CSV
   * line). Competitions check theirs here too, so their recipients can always be ordered for.
   */
  async checkRecipients(actor: Actor, odsCodes: string[], m: Db, youCan: 'order for' | 'buy for', lines?: number[]) {
    const codes = odsCodes.map((c) => c.trim().toUpperCase());
    const practices = await this.practicesInScope(actor, codes, m);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    codes.forEach((code, i) => {
      const where = lines ? `line ${lines[i]}` : `odsCodes[${i}]`;
      const field = lines ? `csv.line${lines[i]}` : `odsCodes[${i}]`;
      if (!/^[A-Z0-9]{3,10}$/.test(code)) errors.push({ field, message: `${where}: "${code}" is not an ODS code` });
      else if (seen.has(code)) errors.push({ field, message: `${where}: ${code} is listed more than once` });
      else if (!practices.has(code)) errors.push({ field, message: `${where}: ${code} is not an active practice you can ${youCan}` });
      seen.add(code);
    });
    return { codes, practices, errors };
  }

  async practicesInScope(actor: Actor, codes: string[], m: Db): Promise<Map<string, string>> {
    const org = actor.organisation;
    const where = new Where().add(`p.type = 'practice' AND p.status = 'active' AND p.code = ANY(?)`, codes);
    if (actor.role === 'practice_manager') where.add('p.id = ?', org.id);
    else if (org.type === 'icb') where.add('p.icb_code = ?', org.code);
    else if (org.type === 'sub_icb') where.add('p.sub_icb_code = ?', org.code);
    else where.add('false');
    const rows: { code: string; id: string }[] = await m.query(`SELECT p.code, p.id FROM organisations p ${where.sql}`, where.params);
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /**
   * Adds a listed item of the order's supplier on the order's framework, with one of its prices
   * (snapshotted now; the snapshot is refreshed from the live listing when the order completes).
   */
  addItem(actor: Actor, ref: string, body: AddItemBody) {
    return this.edit(actor, ref, 'order.item-added', async (o, m) => {
      if (!o.supplier_id) throw conflict('order-step-missing', 'Choose the supplier before adding items.');
      if (!o.framework_id) throw conflict('order-step-missing', 'Choose the framework and term before adding items.');
      const [item] = await m.query(
        `SELECT i.id, i.type, i.parent_item_id, i.supplier_id, i.accreditation_status, i.publication_status, v.id AS version_id, v.content
           FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id WHERE i.id = $1`,
        [body.itemId],
      );
      const errors = orderabilityErrors(item, o);
      if (errors.length) throw validationFailed(errors.map((message) => ({ field: 'itemId', message })));
      const price = (item.content.prices as ListingPrice[]).find((p) => p.id === body.priceId);
      if (!price) throw validationFailed([{ field: 'priceId', message: 'Choose one of the item’s prices' }]);
      const existing = await this.items(o.id, m);
      const previous = await this.previousRevision(o, m);
      if (previous?.items.some((i) => i.item_id === item.id)) {
        throw validationFailed([{ field: 'priceId', message: `${item.content.name} is already on the order at its agreed price; an amendment cannot change prices` }]);
      }
      if (item.type === 'solution' && existing.some((i) => i.type === 'solution' && i.item_id !== item.id)) {
        throw validationFailed([{ field: 'itemId', message: 'An order has one solution; remove the other solution first' }]);
      }
      if (item.type === 'additional_service' && !existing.some((i) => i.item_id === item.parent_item_id)) {
        throw validationFailed([{ field: 'itemId', message: 'Add the solution this additional service belongs to first' }]);
      }
      await m.query(
        `INSERT INTO order_items (order_id, item_id, listing_version_id, price_id, price_snapshot)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (order_id, item_id) DO UPDATE SET listing_version_id = EXCLUDED.listing_version_id, price_id = EXCLUDED.price_id,
           price_snapshot = EXCLUDED.price_snapshot, quantity = NULL`,
        [o.id, item.id, item.version_id, price.id, JSON.stringify(price)],
      );
      await m.query(`DELETE FROM order_item_quantities q USING order_items oi WHERE q.order_item_id = oi.id AND oi.order_id = $1 AND oi.item_id = $2`, [o.id, item.id]);
      return { after: { itemId: item.id, priceId: price.id, listingVersionId: item.version_id } };
    });
  }

  removeItem(actor: Actor, ref: string, itemId: string) {
    return this.edit(actor, ref, 'order.item-removed', async (o, m) => {
      const items = await this.items(o.id, m);
      const item = items.find((i) => i.item_id === itemId);
      if (!item) throw notFound('Order item', itemId);
      if ((await this.previousRevision(o, m))?.items.some((i) => i.item_id === itemId)) {
        throw conflict('amendment-locked', `${item.name} is part of the order already; an amendment can only add.`);
      }
      if (item.type === 'solution' && items.some((i) => i.type === 'additional_service' && i.parent_item_id === itemId)) {
        throw conflict('order-item-has-services', 'Remove the solution’s additional services first.');
      }
      await m.query(`DELETE FROM order_items WHERE id = $1`, [item.id]);
      return { before: { itemId, priceId: item.price_id } };
    });
  }

  setQuantities(actor: Actor, ref: string, itemId: string, body: QuantitiesBody) {
    return this.edit(actor, ref, 'order.quantities-changed', async (o, m) => {
      const items = await this.items(o.id, m);
      const item = items.find((i) => i.item_id === itemId);
      if (!item) throw notFound('Order item', itemId);
      const mode = quantityInput(item.price_snapshot);
      if (mode === 'per_patient') throw validationFailed([{ field: 'quantity', message: 'This price is per patient: quantities come from each practice’s registered patients' }]);
      const carried = (await this.previousRevision(o, m))?.items.find((i) => i.item_id === itemId);
      if (mode === 'per_order') {
        if (body.quantity === undefined) throw validationFailed([{ field: 'quantity', message: 'Enter a quantity' }]);
        if (carried?.quantity != null && body.quantity < carried.quantity) {
          throw validationFailed([{ field: 'quantity', message: `An amendment can only add: enter ${carried.quantity} or more` }]);
        }
        await m.query(`UPDATE order_items SET quantity = $2 WHERE id = $1`, [item.id, body.quantity]);
        return { before: { itemId, quantity: item.quantity }, after: { itemId, quantity: body.quantity } };
      }
      const recipients = await this.recipients(o.id, m);
      const byCode = new Map(recipients.map((r) => [r.code, r.practice_id]));
      const given = body.recipients ?? [];
      const errors: FieldError[] = [];
      given.forEach((q, i) => {
        if (!byCode.has(q.odsCode.toUpperCase())) errors.push({ field: `recipients[${i}].quantity`, message: `${q.odsCode} is not a service recipient of this order` });
      });
      given.forEach((q, i) => {
        const was = carried?.quantities.find((c) => c.code === q.odsCode.toUpperCase());
        if (was && q.quantity < was.quantity) errors.push({ field: `recipients[${i}].quantity`, message: `An amendment can only add: enter ${was.quantity} or more for ${q.odsCode.toUpperCase()}` });
      });
      const missing = recipients.filter((r) => !given.some((q) => q.odsCode.toUpperCase() === r.code));
      for (const r of missing) errors.push({ field: `quantity.${r.code}`, message: `Enter a quantity for ${r.name}` });
      if (errors.length) throw validationFailed(errors);
      await m.query(`DELETE FROM order_item_quantities WHERE order_item_id = $1`, [item.id]);
      await m.query(
        `INSERT INTO order_item_quantities (order_item_id, practice_id, quantity) SELECT $1, unnest($2::uuid[]), unnest($3::int[])`,
        [item.id, given.map((q) => byCode.get(q.odsCode.toUpperCase())), given.map((q) => q.quantity)],
      );
      return {
        before: { itemId, quantities: item.quantities.map((q) => ({ odsCode: q.code, quantity: q.quantity })) },
        after: { itemId, quantities: given.map((q) => ({ odsCode: q.odsCode.toUpperCase(), quantity: q.quantity })) },
      };
    });
  }

  setFunding(actor: Actor, ref: string, itemId: string, body: FundingBody) {
    return this.edit(actor, ref, 'order.funding-changed', async (o, m) => {
      const [item] = await m.query(`SELECT id, funding_source FROM order_items WHERE order_id = $1 AND item_id = $2`, [o.id, itemId]);
      if (!item) throw notFound('Order item', itemId);
      if (body.fundingSource === 'central' && !offersCentralFunding(o.framework_funding)) {
        throw validationFailed([{ field: 'fundingSource', message: `${o.framework_name} does not offer central funding; choose local funding` }]);
      }
      await m.query(`UPDATE order_items SET funding_source = $2 WHERE id = $1`, [item.id, body.fundingSource]);
      return { before: { itemId, fundingSource: item.funding_source }, after: { itemId, fundingSource: body.fundingSource } };
    });
  }

  /**
   * A draft order made for the buyer from elsewhere (a competition's award), inside the caller's
   * transaction so both commit or neither: the solution's supplier, the framework and maximum term,
   * the service recipients and the solution with its price (and quantity), each checked as its step
   * would check it. Commencement, initial period, contacts and funding are left for the buyer.
   * Returns the new order's reference.
   */
  async createPrefilled(actor: Actor, input: PrefilledOrder, m: EntityManager): Promise<string> {
    if (actor.role !== 'practice_manager' && actor.role !== 'commissioner') throw forbidden('Only practices and commissioners place orders.');
    const notOrderable = (problems: string[]) =>
      new DomainError(422, 'not-orderable', 'This cannot be ordered now', problems.join('; '), problems.map((message) => ({ field: 'order', message })));
    const [framework] = await m.query(`SELECT id, name, maximum_term_months, status FROM frameworks WHERE id = $1`, [input.frameworkId]);
    if (!framework) throw notOrderable(['Choose a framework']);
    const [item] = await m.query(
      `SELECT i.id, i.type, i.supplier_id, i.accreditation_status, i.publication_status, v.id AS version_id, v.content
         FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id WHERE i.id = $1`,
      [input.item.itemId],
    );
    const problems = orderabilityErrors(item, { supplier_id: item?.supplier_id ?? null, framework_id: framework.id, framework_name: framework.name, framework_status: framework.status });
    if (item && item.type !== 'solution') problems.push(`${item.content.name} is not a solution`);
    if (input.maximumTermMonths < 1 || input.maximumTermMonths > framework.maximum_term_months) {
      problems.push(`The term must be at most ${framework.maximum_term_months} months (the ${framework.name} framework’s maximum)`);
    }
    const price = item ? (item.content.prices as ListingPrice[]).find((p) => p.id === input.item.priceId) : undefined;
    if (item && !price) problems.push(`${item.content.name} no longer offers the price compared; its listing has changed`);
    const codes = [...new Set(input.odsCodes.map((c) => c.trim().toUpperCase()))];
    const practices = await this.practicesInScope(actor, codes, m);
    for (const code of codes) if (!practices.has(code)) problems.push(`${code} is not an active practice you can order for`);
    if (!codes.length) problems.push('Choose at least one service recipient');
    const mode = price ? quantityInput(price) : 'per_patient';
    if (mode !== 'per_patient' && input.item.quantity == null) problems.push('Enter a quantity for the price');
    if (problems.length) throw notOrderable([...new Set(problems)]);

    const [{ number }] = await m.query(`SELECT nextval('order_number_seq')::int AS number`);
    const [order] = await m.query(
      `INSERT INTO orders (number, description, ordering_party_id, created_by, ordering_contact, supplier_id, framework_id, maximum_term_months)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [number, input.description.trim().slice(0, 500), actor.organisation.id, actor.userId, JSON.stringify({ name: actor.name, email: actor.email }), item.supplier_id, framework.id, input.maximumTermMonths],
    );
    const practiceIds = codes.map((c) => practices.get(c)!);
    await m.query(`INSERT INTO order_recipients (order_id, practice_id) SELECT $1, unnest($2::uuid[])`, [order.id, practiceIds]);
    const [orderItem] = await m.query(
      `INSERT INTO order_items (order_id, item_id, listing_version_id, price_id, price_snapshot, quantity) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [order.id, item.id, item.version_id, price!.id, JSON.stringify(price), mode === 'per_order' ? input.item.quantity : null],
    );
    if (mode === 'per_recipient') {
      await m.query(
        `INSERT INTO order_item_quantities (order_item_id, practice_id, quantity) SELECT $1, unnest($2::uuid[]), $3`,
        [orderItem.id, practiceIds, input.item.quantity],
      );
    }
    const ref = formatOrderNumber(number, 1);
    await this.audit.record(
      {
        action: 'order.created',
        actor,
        objectType: 'order',
        objectId: ref,
        after: {
          description: input.description.trim().slice(0, 500),
          source: input.source,
          supplierId: item.supplier_id,
          frameworkId: framework.id,
          maximumTermMonths: input.maximumTermMonths,
          recipients: [...codes].sort(),
          item: { itemId: item.id, priceId: price!.id, quantity: input.item.quantity ?? null, listingVersionId: item.version_id },
        },
      },
      m,
    );
    return ref;
  }

  /**
   * An amendment: a new revision copying the latest completed one (C000123-02), to be edited and
   * completed like an order, but which may only add: recipients, items, quantities and funding.
   * Supplier, framework, term and the prices already agreed stay as they are.
   */
  async amend(actor: Actor, ref: string): Promise<OrderDetail> {
    return this.db.transaction(async (m) => {
      const o = await this.load(actor, ref, m, true);
      if (!this.isOrderingParty(actor, o)) throw forbidden('Only the ordering party can amend this order.');
      if (o.status !== 'completed') {
        throw conflict('order-not-amendable', o.status === 'terminated' ? 'The contract for this order is terminated; it cannot be amended.' : 'Only the latest completed revision of an order can be amended.');
      }
      const [open] = await m.query(`SELECT revision FROM orders WHERE number = $1 AND status IN ('in_progress','awaiting_approval')`, [o.number]);
      if (open) throw conflict('order-amendment-open', `Revision ${formatOrderNumber(o.number, open.revision)} is already being made; finish or delete it first.`);
      const [next] = await m.query(
        `INSERT INTO orders (number, revision, previous_revision_id, description, ordering_party_id, ordering_contact, supplier_id, supplier_contact,
                             framework_id, commencement_date, initial_period_months, maximum_term_months, created_by)
         SELECT number, revision + 1, id, description, ordering_party_id, ordering_contact, supplier_id, supplier_contact,
                framework_id, commencement_date, initial_period_months, maximum_term_months, $2
           FROM orders WHERE id = $1
         RETURNING id, revision`,
        [o.id, actor.userId],
      );
      await m.query(`INSERT INTO order_recipients (order_id, practice_id) SELECT $2, practice_id FROM order_recipients WHERE order_id = $1`, [o.id, next.id]);
      const items: { id: string }[] = await m.query(`SELECT id FROM order_items WHERE order_id = $1`, [o.id]);
      for (const it of items) {
        const [copy] = await m.query(
          `INSERT INTO order_items (order_id, item_id, listing_version_id, price_id, price_snapshot, funding_source, quantity)
           SELECT $2, item_id, listing_version_id, price_id, price_snapshot, funding_source, quantity FROM order_items WHERE id = $1 RETURNING id`,
          [it.id, next.id],
        );
        await m.query(`INSERT INTO order_item_quantities (order_item_id, practice_id, quantity) SELECT $2, practice_id, quantity FROM order_item_quantities WHERE order_item_id = $1`, [it.id, copy.id]);
      }
      const nextRef = formatOrderNumber(o.number, next.revision);
      await this.audit.record({ action: 'order.amendment-started', actor, objectType: 'order', objectId: nextRef, before: { revision: ref }, after: { revision: nextRef } }, m);
      return this.detail(actor, nextRef, m);
    });
  }

  /** For an amendment: what the previous revision had, which it may not take away. */
  async previousRevision(o: Pick<OrderRow, 'previous_revision_id'>, db: Db = this.db): Promise<{ recipients: RecipientRow[]; items: ItemRow[] } | null> {
    if (!o.previous_revision_id) return null;
    const { recipients, items } = await this.contents(o.previous_revision_id, db);
    return { recipients, items };
  }

  async remove(actor: Actor, ref: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const o = await this.load(actor, ref, m, true);
      if (!this.isOrderingParty(actor, o)) throw forbidden('Only the ordering party can delete this order.');
      if (o.status !== 'in_progress') throw conflict('order-not-editable', 'Only an order still being drafted can be deleted.');
      await m.query(`UPDATE orders SET status = 'deleted', updated_at = now() WHERE id = $1`, [o.id]);
      await this.audit.record({ action: 'order.deleted', actor, objectType: 'order', objectId: ref, before: { status: o.status }, after: { status: 'deleted' } }, m);
    });
  }
}

/**
 * The ODS codes of a recipients CSV file and the line each came from: one code per line, optionally
 * under a header row naming an "ODS code" column. No codes, or more than 2,000, is a field error.
 */
export function parseRecipientsCsv(csv: string): { codes: string[]; lines: number[] } {
  const rows = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const codes: string[] = [];
  const lines: number[] = [];
  let column = 0;
  rows.forEach((raw, i) => {
    if (!raw.trim()) return;
    const cells = raw.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
    if (i === 0 && cells.some((c) => /ods/i.test(c))) {
      column = cells.findIndex((c) => /ods/i.test(c));
      return;
    }
    codes.push(cells[column] ?? '');
    lines.push(i + 1);
  });
  if (!codes.length) throw validationFailed([{ field: 'csv', message: 'The file has no ODS codes in it' }]);
  if (codes.length > 2000) throw validationFailed([{ field: 'csv', message: 'The file has more than 2,000 rows' }]);
  return { codes, lines };
}

function cleanContact(c: Contact): Contact {
  return { name: c.name.trim(), email: c.email.trim().toLowerCase(), ...(c.telephone?.trim() ? { telephone: c.telephone.trim() } : {}) };
}

/** Why an item cannot be ordered on this order (empty when it can). Also rechecked at completion. */
export function orderabilityErrors(
  item: { id: string; supplier_id: string; publication_status: string; accreditation_status: string | null; type: string; content: { name: string; frameworkIds: string[] } } | undefined,
  o: Pick<OrderRow, 'supplier_id' | 'framework_id' | 'framework_name' | 'framework_status'>,
): string[] {
  if (!item || !['published', 'in_remediation'].includes(item.publication_status)) return ['Choose an item that is listed in the catalogue'];
  const errors: string[] = [];
  const name = item.content.name;
  if (item.supplier_id !== o.supplier_id) errors.push(`${name} is not from this order’s supplier`);
  if (!item.content.frameworkIds.includes(o.framework_id!)) errors.push(`${name} is not on the ${o.framework_name} framework`);
  if (o.framework_status !== 'live') errors.push(`The ${o.framework_name} framework is not live`);
  if (item.type === 'solution' && !['accredited', 'conditional'].includes(item.accreditation_status ?? '')) {
    const status = item.accreditation_status ?? 'not yet assessed';
    errors.push(`${name} cannot be ordered: its accreditation is ${status}. Only accredited or conditional solutions can be ordered`);
  }
  return errors;
}

const TASK_TITLES: Record<string, string> = {
  description: 'Order description',
  'ordering-party': 'Ordering party contact',
  supplier: 'Supplier and contact',
  term: 'Framework, commencement date and term',
  recipients: 'Service recipients',
  items: 'Solutions, services and quantities',
  funding: 'Funding source',
  review: 'Review and complete',
};

/** The task list: each step's status; later steps cannot start before the ones they depend on. */
export function taskList(o: OrderRow, recipients: RecipientRow[], items: ItemRow[]): Task[] {
  const done = {
    description: !!o.description,
    'ordering-party': !!o.ordering_contact,
    supplier: !!o.supplier_id && !!o.supplier_contact,
    term: !!o.framework_id && !!o.commencement_date,
    recipients: recipients.length > 0,
    items: items.some((i) => i.type === 'solution') && items.every((i) => quantitiesComplete(i, recipients)),
    funding: items.length > 0 && items.every((i) => i.funding_source !== null),
  };
  const canStart: Record<string, boolean> = {
    description: true,
    'ordering-party': true,
    supplier: true,
    term: true,
    recipients: true,
    items: done.supplier && done.term && done.recipients,
    funding: items.length > 0,
    review: Object.values(done).every(Boolean),
  };
  const started: Record<string, boolean> = { items: items.length > 0, funding: items.some((i) => i.funding_source !== null) };
  return (Object.keys(TASK_TITLES) as (keyof typeof TASK_TITLES)[]).map((key) => ({
    key,
    title: TASK_TITLES[key],
    status:
      key === 'review'
        ? o.status === 'completed' ? 'completed' : canStart.review ? 'not_started' : 'cannot_start'
        : done[key as keyof typeof done] ? 'completed' : !canStart[key] ? 'cannot_start' : started[key] ? 'in_progress' : 'not_started',
  }));
}

export function quantitiesComplete(item: ItemRow, recipients: RecipientRow[]): boolean {
  const mode = quantityInput(item.price_snapshot);
  if (mode === 'per_patient') return true;
  if (mode === 'per_order') return item.quantity !== null;
  return recipients.every((r) => item.quantities.some((q) => q.practice_id === r.practice_id));
}

