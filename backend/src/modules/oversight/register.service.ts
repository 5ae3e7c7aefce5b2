import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Actor } from '../../core/auth/roles';
import { forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { orderBy, pageParams, Where } from '../../core/http/paging';
import { formatOrderNumber, LONDON_TODAY } from '../ordering/order.rules';
import { csvCell } from '../search/csv';
import { MAX_NOTICE_WITHIN_DAYS, RegisterDetail, RegisterPage, RegisterQuery, RegisterRow } from './register.dto';

/** Counting stops here: beyond it the register says "more than 1,000" (counting a whole ICB at 3M contracts is the slow part). */
export const TOTAL_CAP = 1_000;
const CSV_BATCH = 1000;
const STATUS = `contract_status(c.start_date, c.end_date, c.termination_date, ${LONDON_TODAY})`;
const AREA_STATUS = `contract_status(a.start_date, a.end_date, a.termination_date, ${LONDON_TODAY})`;
/** The register reads from the area index, then the contracts of the page. */
const FROM = `contract_areas a JOIN contracts c ON c.id = a.contract_id`;

const SELECT = `c.id, c.order_number, o.revision, b.code AS buyer_code, b.name AS buyer_name, s.code AS supplier_code, s.name AS supplier_name,
  c.solution_item_id, lv.content->>'name' AS solution_name, c.framework_id, c.start_date, c.end_date, c.notice_deadline,
  c.notice_period_days, c.value_pence, c.termination_date, c.termination_reason, ${STATUS} AS status,
  ci.accreditation_status, ci.accreditation_reason, ci.accreditation_status_since,
  (SELECT count(*)::int FROM contract_recipients cr WHERE cr.contract_id = c.id) AS recipient_count`;

const JOINS = `JOIN orders o ON o.id = c.order_id
  JOIN organisations b ON b.id = c.buyer_id
  JOIN organisations s ON s.id = c.supplier_id
  JOIN catalogue_items ci ON ci.id = c.solution_item_id
  LEFT JOIN listing_versions lv ON lv.id = ci.live_version_id`;

/** A filtered register query: its conditions on contract_areas, the solutions it is limited to, and its order. */
interface Plan {
  where: Where;
  /** Only contracts for these solutions (supplier, capability and flagged filters), or null for any. */
  items: string[] | null;
  order: string;
  /** The same order on the page's contracts (contracts c, supplier s). */
  pageOrder: string;
  /** The default order (notice deadline, contract), which both area indexes give without sorting. */
  indexOrder: boolean;
}

/**
 * Up to this many solutions, a solution filter reads each solution's own slice of the
 * (area, solution, deadline) index and merges them; beyond it, the area is walked in deadline order.
 */
const MERGE_MAX_ITEMS = 100;
const DEFAULT_ORDER = 'a.notice_deadline ASC, a.contract_id';

export const CSV_HEADER = [
  'Order', 'Buyer ODS code', 'Buyer', 'Supplier code', 'Supplier', 'Solution ID', 'Solution', 'Framework', 'Start date', 'End date',
  'Notice deadline', 'Value (£)', 'Status', 'Termination date', 'Service recipients', 'Flag', 'Flag reason', 'Flagged since',
];

/**
 * The commissioner's contract register (product.md §2, §4 Enforcement). Commissioners see contracts
 * whose buyer is their organisation or that serve a practice in their ICB / sub-ICB location;
 * operators see all. The area is walked through contract_areas (one row per contract and
 * organisation it belongs to) in notice-deadline order, so the first page stays flat at 3M contracts.
 */
@Injectable()
export class RegisterService {
  constructor(private readonly db: DataSource) {}

  /** Builds the scoped, filtered query. Filter organisations outside the caller's area are a 404, as are unknown codes. */
  private async plan(actor: Actor, query: RegisterQuery): Promise<Plan> {
    if (actor.role !== 'commissioner' && actor.role !== 'operator') throw forbidden('Only commissioners and the operator can see the contract register.');
    const where = new Where();
    // Area filters: each must lie inside the commissioner's area (else 404); the most specific one
    // drives the index range. Narrower ones imply the wider ones, so those are only checked here.
    const found: { code: string; icb_code: string | null; sub_icb_code: string | null; pcn_code: string | null }[] = [];
    const checks: [string | undefined, string, string][] = [
      [query.subIcb, 'sub_icb', 'Sub-ICB location'],
      [query.pcn, 'pcn', 'PCN'],
      [query.practice, 'practice', 'Practice'],
    ];
    for (const [code, type, label] of checks) {
      if (!code) continue;
      const [org] = await this.db.query(`SELECT code, icb_code, sub_icb_code, pcn_code FROM organisations WHERE code = $1 AND type = $2`, [code, type]);
      if (!org || !this.inArea(actor, org)) throw notFound(label, code);
      found.push(org);
    }
    const narrowest = found.at(-1);
    // A practice outside the PCN or sub-ICB location also asked for (all in the area): nothing matches.
    const consistent = found.every((o) => o === narrowest || o.code === narrowest!.sub_icb_code || o.code === narrowest!.pcn_code);
    // The operator's national view is the '*' area.
    where.add('a.area_code = ?', narrowest?.code ?? (actor.role === 'commissioner' ? actor.organisation.code : '*'));
    if (!consistent) where.add('false');
    const nd = 'a.notice_deadline';

    const items = await this.items(query);
    if (query.status) {
      where.add(`${AREA_STATUS} = ?`, query.status);
      // Index-friendly bounds implied by the status (notice periods are at most 365 days).
      if (query.status === 'ended') where.add(`${nd} < ${LONDON_TODAY}`);
      if (query.status === 'active' || query.status === 'pending') where.add(`${nd} >= ${LONDON_TODAY} - 365`);
    }
    if (query.noticeWithinDays !== undefined) {
      const days = Number(query.noticeWithinDays);
      if (days > MAX_NOTICE_WITHIN_DAYS) throw validationFailed([{ field: 'noticeWithinDays', message: 'Notice deadline within must be 1,095 days (3 years) or fewer' }]);
      where.add(`${nd} BETWEEN ${LONDON_TODAY} AND ${LONDON_TODAY} + ?::int`, days);
    }
    if (query.flagged === 'false') {
      where.add(`a.solution_item_id NOT IN (SELECT id FROM catalogue_items WHERE accreditation_status IN ('lapsed','failed'))`);
    }
    const order = orderBy(
      query.sort,
      { noticeDeadline: nd, endDate: 'a.end_date', value: 'c.value_pence', supplier: '(SELECT name FROM organisations WHERE id = a.supplier_id)' },
      DEFAULT_ORDER,
    );
    const pageOrder = orderBy(query.sort, { noticeDeadline: 'c.notice_deadline', endDate: 'c.end_date', value: 'c.value_pence', supplier: 's.name' }, 'c.notice_deadline ASC, c.id');
    return { where, items, order, pageOrder, indexOrder: !query.sort || order === `${nd} ASC, ${DEFAULT_ORDER}` };
  }

  /**
   * The solutions the supplier, capability and "flagged" filters allow, in one statement (which also
   * checks the supplier and capability exist), or null when none of them is set.
   */
  private async items(query: RegisterQuery): Promise<string[] | null> {
    const flagged = query.flagged === 'true';
    if (!query.supplier && !query.capability && !flagged) return null;
    const [r] = await this.prepared<{ supplier_id: string | null; capability_id: number | null; items: string[] }>(
      'register-items',
      `WITH s AS (SELECT id FROM organisations WHERE code = $1::text AND type = 'supplier'),
            cap AS (SELECT id FROM capabilities WHERE ref = $2::text)
       SELECT (SELECT id FROM s) AS supplier_id, (SELECT id FROM cap) AS capability_id,
              ARRAY(SELECT i.id::text FROM catalogue_items i
                     WHERE ($1::text IS NULL OR i.supplier_id = (SELECT id FROM s))
                       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM catalogue_search cs WHERE cs.item_id = i.id AND cs.capability_ids @> ARRAY[(SELECT id FROM cap)]))
                       AND (NOT $3::boolean OR i.accreditation_status IN ('lapsed','failed'))
                     ORDER BY i.id) AS items`,
      [query.supplier ?? null, query.capability ?? null, flagged],
    );
    const errors = [];
    if (query.supplier && !r.supplier_id) errors.push({ field: 'supplier', message: `There is no supplier with code ${query.supplier}` });
    if (query.capability && r.capability_id === null) errors.push({ field: 'capability', message: `There is no capability ${query.capability}` });
    if (errors.length) throw validationFailed(errors);
    return r.items;
  }

  /**
   * Runs a statement prepared by name on the pool TypeORM holds: the register's few statement shapes
   * are parsed and planned once per connection (PostgreSQL then reuses a generic plan), where
   * planning the seven-table page query each time cost more than running it.
   */
  private async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.db.driver as PostgresDriver).master as Pool;
    return (await pool.query({ name: `${name}-${createHash('sha1').update(text).digest('hex').slice(0, 12)}`, text, values })).rows as T[];
  }

  private inArea(actor: Actor, org: { code: string; icb_code: string | null; sub_icb_code: string | null }): boolean {
    if (actor.role === 'operator') return true;
    const me = actor.organisation;
    if (me.type === 'icb') return org.icb_code === me.code;
    return org.code === me.code || org.sub_icb_code === me.code;
  }

  async list(actor: Actor, query: RegisterQuery): Promise<RegisterPage> {
    const plan = await this.plan(actor, query);
    const { page, pageSize, offset } = pageParams(query);
    if (plan.items?.length === 0) return { items: [], total: 0, totalIsCapped: false, totalCap: TOTAL_CAP, page, pageSize };
    const { where, items, order } = plan;
    const n = where.params.length;
    const itemParam = `$${n + 1}::text[]`;
    const params = items ? [...where.params, items] : where.params;
    const m = params.length;
    const inItems = items ? ` AND a.solution_item_id = ANY(${itemParam})` : '';
    // The contracts of the page, in order: from the area's deadline-ordered index, or, for a few
    // solutions in deadline order, the first rows of each solution's slice merged.
    const pageIds =
      items && items.length <= MERGE_MAX_ITEMS && plan.indexOrder
        ? `SELECT x.contract_id, x.notice_deadline FROM unnest(${itemParam}) AS it(id)
             CROSS JOIN LATERAL (SELECT a.contract_id, a.notice_deadline FROM contract_areas a ${where.sql} AND a.solution_item_id = it.id
                                  ORDER BY ${DEFAULT_ORDER} LIMIT $${m + 1}::int + $${m + 2}::int) x
            ORDER BY x.notice_deadline, x.contract_id LIMIT $${m + 1} OFFSET $${m + 2}`
        : `SELECT a.contract_id, a.notice_deadline FROM contract_areas a${plan.indexOrder ? '' : ' JOIN contracts c ON c.id = a.contract_id'} ${where.sql}${inItems}
            ORDER BY ${order} LIMIT $${m + 1} OFFSET $${m + 2}`;
    // Counted from the index alone (every filter is on contract_areas), up to the cap.
    const count = `SELECT count(*)::int AS total FROM (SELECT 1 FROM contract_areas a ${where.sql}${inItems} LIMIT ${TOTAL_CAP + 1}) t`;
    // One round trip: the page with the count on each row. Only a page past the end (no rows)
    // needs the count on its own; an empty first page means nothing matches.
    const rows = await this.prepared<any>(
      'register-page',
      `WITH page AS MATERIALIZED (${pageIds}), counted AS MATERIALIZED (${count})
       SELECT ${SELECT}, (SELECT total FROM counted) AS total FROM page JOIN contracts c ON c.id = page.contract_id ${JOINS} ORDER BY ${plan.pageOrder}`,
      [...params, pageSize, offset],
    );
    const total: number = rows.length ? rows[0].total : page === 1 ? 0 : (await this.prepared<{ total: number }>('register-count', count, params))[0].total;
    return { items: rows.map(toRow), total: Math.min(total, TOTAL_CAP), totalIsCapped: total > TOTAL_CAP, totalCap: TOTAL_CAP, page, pageSize };
  }

  /**
   * The whole filtered set as CSV, in the register's order, fetched through a cursor in batches of
   * 1,000 rows (one consistent snapshot, never the whole set in memory). Validation and scope errors
   * are thrown before anything is written.
   */
  async csv(actor: Actor, query: RegisterQuery, write: (chunk: string) => Promise<void>): Promise<void> {
    const { where, items, order } = await this.plan(actor, query);
    const params = items ? [...where.params, items] : where.params;
    const inItems = items ? ` AND a.solution_item_id = ANY($${where.params.length + 1}::text[])` : '';
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query(`DECLARE register_csv NO SCROLL CURSOR FOR SELECT ${SELECT} FROM ${FROM} ${JOINS} ${where.sql}${inItems} ORDER BY ${order}`, params);
      await write(csvLine(CSV_HEADER));
      for (;;) {
        const rows: any[] = await runner.query(`FETCH ${CSV_BATCH} FROM register_csv`);
        if (rows.length === 0) break;
        await write(rows.map((r) => csvLine(csvRow(toRow(r)))).join(''));
        if (rows.length < CSV_BATCH) break;
      }
      await runner.commitTransaction();
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
    }
  }

  /** One contract in the caller's area: recipients, every order revision and the audit history of both. */
  async get(actor: Actor, id: string): Promise<RegisterDetail> {
    if (actor.role !== 'commissioner' && actor.role !== 'operator') throw forbidden('Only commissioners and the operator can see the contract register.');
    const where = new Where().add('c.id = ?', id);
    if (actor.role === 'commissioner') where.add('EXISTS (SELECT 1 FROM contract_areas x WHERE x.contract_id = c.id AND x.area_code = ?)', actor.organisation.code);
    const [row] = await this.db.query(`SELECT ${SELECT} FROM contracts c ${JOINS} ${where.sql}`, where.params);
    if (!row) throw notFound('Contract', id);
    const [recipients, revisions] = await Promise.all([
      this.db.query(`SELECT p.code, p.name FROM contract_recipients cr JOIN organisations p ON p.id = cr.practice_id WHERE cr.contract_id = $1 ORDER BY p.name, p.code`, [id]),
      this.db.query(
        `SELECT number, revision, status, created_at, completed_at, commencement_date::text AS commencement_date
           FROM orders WHERE number = $1 AND status <> 'deleted' ORDER BY revision`,
        [row.order_number],
      ),
    ]);
    const refs = revisions.map((r: any) => formatOrderNumber(r.number, r.revision));
    const history = await this.db.query(
      `SELECT id::text, occurred_at, action, actor_email, object_type, object_id, before, after FROM audit_events
        WHERE (object_type = 'contract' AND object_id = $1) OR (object_type = 'order' AND object_id = ANY($2::text[]))
        ORDER BY occurred_at, id`,
      [id, refs],
    );
    return {
      ...toRow(row),
      noticePeriodDays: row.notice_period_days,
      terminationReason: row.termination_reason,
      recipients,
      revisions: revisions.map((r: any, i: number) => ({
        ref: refs[i],
        status: r.status,
        createdAt: new Date(r.created_at).toISOString(),
        completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
        commencementDate: r.commencement_date,
      })),
      history: history.map((h: any) => ({
        id: h.id,
        occurredAt: new Date(h.occurred_at).toISOString(),
        action: h.action,
        actorEmail: h.actor_email,
        objectType: h.object_type,
        objectId: h.object_id,
        before: h.before,
        after: h.after,
      })),
    };
  }
}

function toRow(r: any): RegisterRow {
  const flagged = r.accreditation_status === 'lapsed' || r.accreditation_status === 'failed';
  return {
    id: r.id,
    orderRef: formatOrderNumber(r.order_number, r.revision),
    buyer: { code: r.buyer_code, name: r.buyer_name },
    supplier: { code: r.supplier_code, name: r.supplier_name },
    solutionId: r.solution_item_id,
    solutionName: r.solution_name ?? r.solution_item_id,
    frameworkId: r.framework_id,
    startDate: r.start_date,
    endDate: r.end_date,
    noticeDeadline: r.notice_deadline,
    valuePence: Number(r.value_pence),
    status: r.status,
    terminationDate: r.termination_date,
    recipientCount: r.recipient_count,
    flag: flagged
      ? { status: r.accreditation_status, reason: r.accreditation_reason ?? null, since: r.accreditation_status_since ? new Date(r.accreditation_status_since).toISOString() : null }
      : null,
  };
}

function csvRow(r: RegisterRow): unknown[] {
  return [
    r.orderRef, r.buyer.code, r.buyer.name, r.supplier.code, r.supplier.name, r.solutionId, r.solutionName, r.frameworkId, r.startDate, r.endDate,
    r.noticeDeadline, (r.valuePence / 100).toFixed(2), r.status, r.terminationDate ?? '', r.recipientCount, r.flag?.status ?? '', r.flag?.reason ?? '',
    r.flag?.since?.slice(0, 10) ?? '',
  ];
}

const csvLine = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';
