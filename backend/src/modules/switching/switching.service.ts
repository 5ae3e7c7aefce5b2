import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { conflict, forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { likePrefix, orderBy, Page, pagedQuery, Where } from '../../core/http/paging';
import type { ListingContent } from '../catalogue/listing';
import { ContractsService } from '../ordering/contracts.service';
import { addDays, formatOrderNumber, isCalendarDay, LONDON_TODAY, todayInLondon } from '../ordering/order.rules';
import { OrdersService } from '../ordering/orders.service';
import { formatPrice } from '../search/price-display';
import {
  CandidateView, CompareSectionView, CurrentSystemView, PlanDetail, PlanListQuery, PlanSummary, ScheduleTerminationBody, StartOrderBody, StepsBody, StepView,
  SwitchDateView, SwitchOptions, SystemView,
} from './dto/switching.dto';
import { earliestSwitch, planStatus, proposeTimeline, STEP_KEYS, StepKey, StepStatus, timelineErrors } from './switch.rules';

type Db = Pick<EntityManager, 'query'>;

/** A GP clinical system claims this capability (docs/decisions/017-switch-dates.md). */
export const CLINICAL_SYSTEM_CAPABILITY = 'C13';
const LISTED = `('published','in_remediation')`;
const C13 = `jsonb_build_array((SELECT id FROM capabilities WHERE ref = '${CLINICAL_SYSTEM_CAPABILITY}'))`;
const MAX_CANDIDATES = 50;

interface ItemRow {
  id: string;
  type: string;
  publication_status: string;
  accreditation_status: string | null;
  content: ListingContent;
  supplier_code: string;
  supplier_name: string;
  on_live_framework: boolean;
}

interface ContractRow {
  id: string;
  solution_item_id: string;
  number: number;
  revision: number;
  start_date: string;
  end_date: string;
  notice_deadline: string;
  notice_period_days: number;
  termination_date: string | null;
  buyer_id: string;
  status: string;
}

interface Vocab {
  capRef: Map<number, string>;
  capName: Map<string, string>;
  hosting: Map<string, string>;
}

interface Current {
  source: 'contract' | 'ods' | 'unknown';
  odsSupplier: string | null;
  contract: ContractRow | null;
  item: ItemRow | null;
}

interface PlanRow {
  id: string;
  practice_id: string;
  practice_code: string;
  practice_name: string;
  current_contract_id: string | null;
  current_item_id: string | null;
  current_supplier_name: string | null;
  current_source: 'contract' | 'ods' | 'unknown';
  target_item_id: string;
  target_name: string;
  target_supplier_code: string;
  target_supplier_name: string;
  current_name: string | null;
  earliest_switch_date: string;
  go_live: string;
  status: string;
  order_number: number | null;
  termination_date: string | null;
  created_at: Date;
}

const PLAN_FROM = `switch_plans sp
  JOIN organisations p ON p.id = sp.practice_id
  JOIN catalogue_items ti ON ti.id = sp.target_item_id
  JOIN listing_versions tv ON tv.id = ti.live_version_id
  JOIN organisations ts ON ts.id = ti.supplier_id
  LEFT JOIN catalogue_items ci ON ci.id = sp.current_item_id
  LEFT JOIN listing_versions cv ON cv.id = ci.live_version_id`;

const PLAN_SELECT = `sp.id, sp.practice_id, p.code AS practice_code, p.name AS practice_name, sp.current_contract_id, sp.current_item_id,
  sp.current_supplier_name, sp.current_source, sp.target_item_id, tv.content->>'name' AS target_name, ts.code AS target_supplier_code,
  ts.name AS target_supplier_name, cv.content->>'name' AS current_name, sp.earliest_switch_date, sp.status, sp.order_number,
  sp.termination_date, sp.created_at,
  (SELECT due_date FROM switch_plan_steps s WHERE s.plan_id = sp.id AND s.key = 'go_live') AS go_live`;

/**
 * Switch plans: a practice's move from its current system to an accredited candidate, with the
 * earliest switch date, a timeline it can change and track, and the order and termination started
 * from the plan. Practices see their own plans; commissioners those of practices in their area
 * (read-only); operators all; anything else is 404.
 */
@Injectable()
export class SwitchingService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly orders: OrdersService,
    private readonly contracts: ContractsService,
  ) {}

  // ---- scope -----------------------------------------------------------------------------------

  private scope(actor: Actor, where: Where): Where {
    const org = actor.organisation;
    switch (actor.role) {
      case 'operator':
        return where;
      case 'commissioner':
        return where.add(org.type === 'icb' ? 'p.icb_code = ?' : 'p.sub_icb_code = ?', org.code);
      case 'practice_manager':
        return where.add('sp.practice_id = ?', org.id);
      default:
        return where.add('false');
    }
  }

  private requirePractice(actor: Actor) {
    if (actor.role !== 'practice_manager' || actor.organisation.type !== 'practice') throw forbidden('Only practice managers plan a switch for their practice.');
  }

  // ---- reading the catalogue -------------------------------------------------------------------

  private async vocab(db: Db = this.db): Promise<Vocab> {
    const [caps, hosting] = await Promise.all([db.query(`SELECT id, ref, name FROM capabilities`), db.query(`SELECT key, name FROM hosting_types`)]);
    return {
      capRef: new Map(caps.map((c: any) => [c.id, c.ref])),
      capName: new Map(caps.map((c: any) => [c.ref, c.name])),
      hosting: new Map(hosting.map((h: any) => [h.key, h.name])),
    };
  }

  private async items(ids: string[], db: Db = this.db): Promise<Map<string, ItemRow>> {
    if (!ids.length) return new Map();
    const rows: ItemRow[] = await db.query(
      `SELECT i.id, i.type, i.publication_status, i.accreditation_status, v.content, o.code AS supplier_code, o.name AS supplier_name,
              EXISTS (SELECT 1 FROM frameworks f WHERE f.status = 'live' AND v.content->'frameworkIds' ? f.id) AS on_live_framework
         FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id JOIN organisations o ON o.id = i.supplier_id
        WHERE i.id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  private view(r: ItemRow, v: Vocab): SystemView {
    const c = r.content;
    const listed = r.publication_status === 'published' || r.publication_status === 'in_remediation';
    const perPatient = (c.prices ?? []).find((p) => p.provisioningType === 'per_patient');
    return {
      id: r.id,
      name: c.name,
      supplier: { code: r.supplier_code, name: r.supplier_name },
      accreditationStatus: r.accreditation_status,
      listed,
      orderable: listed && r.type === 'solution' && (r.accreditation_status === 'accredited' || r.accreditation_status === 'conditional') && r.on_live_framework,
      capabilities: capRefs(c.capabilityIds ?? [], v),
      integrations: [...new Set((c.integrations ?? []).filter((i) => i.integration === 'IM1' || i.integration === 'GP Connect').map((i) => `${i.integration}: ${i.type}`))].sort(),
      hosting: (c.hostingTypes ?? []).map((h) => v.hosting.get(h.key) ?? h.key),
      pricePerPatient: perPatient ? formatPrice(perPatient) : null,
    };
  }

  // ---- the current system ----------------------------------------------------------------------

  /** The practice's contract for a clinical system (active first, then the latest), else ODS's supplier. */
  private async current(practiceId: string, db: Db = this.db): Promise<Current> {
    const [practice] = await db.query(`SELECT clinical_system_supplier FROM organisations WHERE id = $1`, [practiceId]);
    const odsSupplier: string | null = practice?.clinical_system_supplier ?? null;
    const [contract]: ContractRow[] = await db.query(
      `SELECT * FROM (
         SELECT c.id, c.solution_item_id, o.number, o.revision, c.start_date, c.end_date, c.notice_deadline, c.notice_period_days,
                c.termination_date, c.buyer_id, contract_status(c.start_date, c.end_date, c.termination_date, ${LONDON_TODAY}) AS status
           FROM contracts c
           JOIN orders o ON o.id = c.order_id
           JOIN catalogue_items i ON i.id = c.solution_item_id
           JOIN listing_versions v ON v.id = i.live_version_id
          WHERE (c.buyer_id = $1 OR EXISTS (SELECT 1 FROM contract_recipients cr WHERE cr.contract_id = c.id AND cr.practice_id = $1))
            AND v.content->'capabilityIds' @> ${C13}) x
        WHERE status IN ('active','pending')
        ORDER BY (status = 'active') DESC, start_date DESC, id LIMIT 1`,
      [practiceId],
    );
    if (contract) {
      const item = (await this.items([contract.solution_item_id], db)).get(contract.solution_item_id) ?? null;
      return { source: 'contract', odsSupplier, contract, item };
    }
    if (odsSupplier?.trim()) {
      const [row] = await db.query(
        `SELECT i.id FROM catalogue_items i
           JOIN listing_versions v ON v.id = i.live_version_id
           JOIN organisations s ON s.id = i.supplier_id
          WHERE i.type = 'solution' AND v.content->'capabilityIds' @> ${C13} AND s.name ILIKE $1
          ORDER BY (i.publication_status IN ${LISTED}) DESC, i.id LIMIT 1`,
        [likePrefix(odsSupplier.trim())],
      );
      if (row) return { source: 'ods', odsSupplier, contract: null, item: (await this.items([row.id], db)).get(row.id) ?? null };
    }
    return { source: 'unknown', odsSupplier, contract: null, item: null };
  }

  private currentView(c: Current, practiceId: string, v: Vocab): CurrentSystemView {
    return {
      source: c.source,
      odsSupplier: c.odsSupplier,
      system: c.item ? this.view(c.item, v) : null,
      contract: c.contract
        ? {
            id: c.contract.id,
            orderRef: formatOrderNumber(c.contract.number, c.contract.revision),
            startDate: c.contract.start_date,
            endDate: c.contract.end_date,
            noticeDeadline: c.contract.notice_deadline,
            noticePeriodDays: c.contract.notice_period_days,
            terminationDate: c.contract.termination_date,
            status: c.contract.status,
            practiceIsBuyer: c.contract.buyer_id === practiceId,
          }
        : null,
    };
  }

  private switchDate(c: Current, today: string): SwitchDateView {
    const e = earliestSwitch(
      today,
      c.contract ? { endDate: c.contract.end_date, noticePeriodDays: c.contract.notice_period_days, terminationDate: c.contract.termination_date } : null,
    );
    return { date: e.switchDate, basis: e.basis, explanation: e.explanation, terminationDate: e.terminationDate };
  }

  // ---- options for a new plan ------------------------------------------------------------------

  async options(actor: Actor): Promise<SwitchOptions> {
    this.requirePractice(actor);
    const v = await this.vocab();
    const current = await this.current(actor.organisation.id);
    return {
      practice: { code: actor.organisation.code, name: actor.organisation.name },
      current: this.currentView(current, actor.organisation.id, v),
      earliestSwitch: this.switchDate(current, todayInLondon()),
      candidates: await this.candidates(current, v),
    };
  }

  /**
   * Listed solutions, accredited or conditional, other than the current one, that share a capability
   * with it (or, when the current system is unknown, GP clinical systems), most coverage first.
   */
  private async candidates(current: Current, v: Vocab, db: Db = this.db): Promise<CandidateView[]> {
    const currentCaps: number[] = (current.item?.content.capabilityIds ?? []).map(Number);
    const rows = await db.query(
      `SELECT s.item_id FROM catalogue_search s
        WHERE s.type = 'solution' AND s.publication_status IN ${LISTED} AND s.accreditation_status IN ('accredited','conditional')
          AND s.item_id IS DISTINCT FROM $1
          AND (CASE WHEN cardinality($2::int[]) > 0 THEN s.capability_ids && $2::int[]
                    ELSE s.capability_ids @> ARRAY[(SELECT id FROM capabilities WHERE ref = $3)] END)
        ORDER BY cardinality(ARRAY(SELECT unnest(s.capability_ids) INTERSECT SELECT unnest($2::int[]))) DESC, lower(s.name), s.item_id
        LIMIT ${MAX_CANDIDATES}`,
      [current.item?.id ?? null, currentCaps, CLINICAL_SYSTEM_CAPABILITY],
    );
    const ids: string[] = rows.map((r: { item_id: string }) => r.item_id);
    const items = await this.items(ids, db);
    const wanted = capRefs(currentCaps, v);
    return ids
      .map((id) => items.get(id))
      .filter((r): r is ItemRow => !!r)
      .map((r) => {
        const sys = this.view(r, v);
        const has = new Set(sys.capabilities);
        return {
          ...sys,
          covered: wanted.filter((ref) => has.has(ref)).length,
          of: wanted.length,
          missing: wanted.filter((ref) => !has.has(ref)),
          clinicalSystem: has.has(CLINICAL_SYSTEM_CAPABILITY),
        };
      })
      .sort((a, b) => b.covered - a.covered || Number(b.clinicalSystem) - Number(a.clinicalSystem) || a.name.localeCompare(b.name));
  }

  // ---- plans -----------------------------------------------------------------------------------

  async list(actor: Actor, query: PlanListQuery): Promise<Page<PlanSummary>> {
    const where = this.scope(actor, new Where());
    if (query.status) where.add('sp.status = ?', query.status);
    if (query.q?.trim()) where.add(`(p.name ILIKE ? OR p.code ILIKE ? OR tv.content->>'name' ILIKE ?)`, ...Array(3).fill(`%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    const page = await pagedQuery<PlanRow>(
      this.db,
      { select: PLAN_SELECT, from: PLAN_FROM, where, orderBy: orderBy(query.sort, { createdAt: 'sp.created_at', earliestSwitchDate: 'sp.earliest_switch_date' }, 'sp.created_at DESC, sp.id') },
      query,
    );
    return { ...page, items: page.items.map(toSummary) };
  }

  private async load(actor: Actor, id: string, db: Db = this.db, lock = false): Promise<PlanRow> {
    const where = this.scope(actor, new Where().add('sp.id = ?', id));
    const [row] = await db.query(`SELECT ${PLAN_SELECT} FROM ${PLAN_FROM} ${where.sql}${lock ? ' FOR UPDATE OF sp' : ''}`, where.params);
    if (!row) throw notFound('Switch plan', id);
    return row;
  }

  /** A plan as it was made: its current contract (as it is now), else its current item. */
  private async planCurrent(plan: PlanRow, db: Db): Promise<Current> {
    const [practice] = await db.query(`SELECT clinical_system_supplier FROM organisations WHERE id = $1`, [plan.practice_id]);
    let contract: ContractRow | null = null;
    if (plan.current_contract_id) {
      [contract] = await db.query(
        `SELECT c.id, c.solution_item_id, o.number, o.revision, c.start_date, c.end_date, c.notice_deadline, c.notice_period_days,
                c.termination_date, c.buyer_id, contract_status(c.start_date, c.end_date, c.termination_date, ${LONDON_TODAY}) AS status
           FROM contracts c JOIN orders o ON o.id = c.order_id WHERE c.id = $1`,
        [plan.current_contract_id],
      );
    }
    const item = plan.current_item_id ? ((await this.items([plan.current_item_id], db)).get(plan.current_item_id) ?? null) : null;
    return { source: plan.current_source, odsSupplier: practice?.clinical_system_supplier ?? plan.current_supplier_name, contract: contract ?? null, item };
  }

  async detail(actor: Actor, id: string, db: Db = this.db): Promise<PlanDetail> {
    const plan = await this.load(actor, id, db);
    const [v, current, steps, targetMap] = await Promise.all([
      this.vocab(db),
      this.planCurrent(plan, db),
      db.query(`SELECT key, title, due_date, status, completed_at FROM switch_plan_steps WHERE plan_id = $1 ORDER BY position`, [id]),
      this.items([plan.target_item_id], db),
    ]);
    const target = this.view(targetMap.get(plan.target_item_id)!, v);
    const currentView = this.currentView(current, plan.practice_id, v);
    const own = actor.role === 'practice_manager' && actor.organisation.id === plan.practice_id;
    const contract = current.contract;
    return {
      ...toSummary(plan),
      current: currentView,
      target,
      earliestSwitch: this.switchDate(current, todayInLondon()),
      comparison: compare(currentView.system, target, v),
      steps: steps.map(
        (s: any): StepView => ({ key: s.key, title: s.title, dueDate: s.due_date, status: s.status, completedAt: s.completed_at ? new Date(s.completed_at).toISOString() : null }),
      ),
      terminationDate: plan.termination_date,
      canEdit: own,
      canStartOrder: own && plan.order_number === null && target.orderable,
      canScheduleTermination:
        own && !!contract && contract.buyer_id === plan.practice_id && contract.termination_date === null && (contract.status === 'active' || contract.status === 'pending'),
    };
  }

  async create(actor: Actor, targetItemId: string): Promise<PlanDetail> {
    this.requirePractice(actor);
    const id = await this.db.transaction(async (m) => {
      const today = todayInLondon();
      const v = await this.vocab(m);
      const current = await this.current(actor.organisation.id, m);
      const candidates = await this.candidates(current, v, m);
      if (!candidates.some((c) => c.id === targetItemId)) {
        throw validationFailed([{ field: 'targetItemId', message: 'Choose one of the accredited solutions listed as candidates' }]);
      }
      const e = this.switchDate(current, today);
      const [plan] = await m.query(
        `INSERT INTO switch_plans (practice_id, current_contract_id, current_item_id, current_supplier_name, current_source, target_item_id, earliest_switch_date, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          actor.organisation.id,
          current.contract?.id ?? null,
          current.item?.id ?? null,
          current.item?.supplier_name ?? current.odsSupplier,
          current.source,
          targetItemId,
          e.date,
          actor.userId,
        ],
      );
      const steps = proposeTimeline(today, e.date, !!current.contract);
      const values: unknown[] = [];
      const rows = steps.map((s, i) => {
        values.push(plan.id, s.key, STEP_KEYS.indexOf(s.key), s.title, s.dueDate);
        const b = i * 5;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
      });
      await m.query(`INSERT INTO switch_plan_steps (plan_id, key, position, title, due_date) VALUES ${rows.join(', ')}`, values);
      await this.audit.record(
        {
          action: 'switch-plan.created',
          actor,
          objectType: 'switch_plan',
          objectId: plan.id,
          after: { current: current.item?.id ?? current.odsSupplier, contract: current.contract?.id ?? null, target: targetItemId, earliestSwitchDate: e.date },
        },
        m,
      );
      return plan.id as string;
    });
    return this.detail(actor, id);
  }

  private async editable(actor: Actor, id: string, m: Db): Promise<PlanRow> {
    const plan = await this.load(actor, id, m, true);
    if (actor.role !== 'practice_manager' || actor.organisation.id !== plan.practice_id) throw forbidden('Only the practice can change its switch plan.');
    return plan;
  }

  async updateSteps(actor: Actor, id: string, body: StepsBody): Promise<PlanDetail> {
    await this.db.transaction(async (m) => {
      const plan = await this.editable(actor, id, m);
      const today = todayInLondon();
      const rows: { key: StepKey; due_date: string; status: StepStatus }[] = await m.query(
        `SELECT key, due_date, status FROM switch_plan_steps WHERE plan_id = $1 ORDER BY position`,
        [id],
      );
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const seen = new Set<string>();
      for (const s of body.steps) {
        if (!byKey.has(s.key)) throw validationFailed([{ field: `steps.${s.key}.dueDate`, message: `This plan has no step “${s.key}”` }]);
        if (seen.has(s.key)) throw validationFailed([{ field: `steps.${s.key}.dueDate`, message: 'Each step may be changed once per request' }]);
        seen.add(s.key);
      }
      const after = rows.map((r) => {
        const change = body.steps.find((s) => s.key === r.key);
        return { key: r.key, dueDate: change?.dueDate ?? r.due_date, status: change?.status ?? r.status };
      });
      const current = await this.planCurrent(plan, m);
      const earliest = this.switchDate(current, today).date;
      const errors = timelineErrors(after, earliest, today, body.acknowledgeOverlap === true);
      if (errors.length) throw validationFailed(errors);
      const before: Record<string, unknown> = {};
      const changed: Record<string, unknown> = {};
      for (const a of after) {
        const r = byKey.get(a.key)!;
        if (r.due_date === a.dueDate && r.status === a.status) continue;
        before[a.key] = { dueDate: r.due_date, status: r.status };
        changed[a.key] = { dueDate: a.dueDate, status: a.status };
        await m.query(
          `UPDATE switch_plan_steps SET due_date = $3, status = $4::varchar,
                  completed_at = CASE WHEN $4::varchar = 'done' THEN coalesce(completed_at, now()) ELSE NULL END, updated_at = now()
            WHERE plan_id = $1 AND key = $2`,
          [id, a.key, a.dueDate, a.status],
        );
      }
      if (!Object.keys(changed).length) return;
      await m.query(`UPDATE switch_plans SET status = $2, updated_at = now() WHERE id = $1`, [
        id,
        planStatus(after.map((a) => a.status), plan.order_number !== null),
      ]);
      await this.audit.record(
        { action: 'switch-plan.steps-changed', actor, objectType: 'switch_plan', objectId: id, before, after: { ...changed, ...(body.acknowledgeOverlap ? { acknowledgeOverlap: true } : {}) } },
        m as EntityManager,
      );
    });
    return this.detail(actor, id);
  }

  /** Starts the order for the target: a new order with a description and the target's supplier, linked to the plan. */
  async startOrder(actor: Actor, id: string, body: StartOrderBody): Promise<PlanDetail> {
    // The order is made by OrdersService in its own transactions: a lock per plan keeps two clicks to one order.
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`switch-plan-order:${id}`]);
      return await this.startOrderLocked(actor, id, body);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`switch-plan-order:${id}`]).catch(() => undefined);
      await runner.release();
    }
  }

  private async startOrderLocked(actor: Actor, id: string, body: StartOrderBody): Promise<PlanDetail> {
    const plan = await this.db.transaction(async (m) => this.editable(actor, id, m));
    if (plan.order_number !== null) throw conflict('order-already-started', `The order for this plan has already been started (${formatOrderNumber(plan.order_number, 1)}).`);
    const target = (await this.items([plan.target_item_id])).get(plan.target_item_id)!;
    const v = await this.vocab();
    if (!this.view(target, v).orderable) throw conflict('target-not-orderable', `${target.content.name} cannot be ordered at the moment (not accredited, not listed or not on a live framework).`);
    const from = plan.current_name ?? plan.current_supplier_name;
    const description = `Switch to ${target.content.name}${from ? ` from ${from}` : ''}`.slice(0, 500);
    const order = await this.orders.create(actor, { description });
    await this.orders.setSupplier(actor, order.ref, { supplierCode: target.supplier_code, contact: { name: body.supplierContact.name, email: body.supplierContact.email } });
    await this.db.transaction(async (m) => {
      const locked = await this.editable(actor, id, m);
      if (locked.order_number !== null) throw conflict('order-already-started', `The order for this plan has already been started (${formatOrderNumber(locked.order_number, 1)}).`);
      const number = Number(order.ref.slice(1, 7));
      await m.query(`UPDATE switch_plan_steps SET status = 'in_progress', updated_at = now() WHERE plan_id = $1 AND key = 'order' AND status = 'not_started'`, [id]);
      await m.query(`UPDATE switch_plans SET order_number = $2, status = CASE WHEN status = 'planned' THEN 'in_progress' ELSE status END, updated_at = now() WHERE id = $1`, [id, number]);
      await this.audit.record({ action: 'switch-plan.order-started', actor, objectType: 'switch_plan', objectId: id, after: { order: order.ref, target: plan.target_item_id } }, m);
    });
    return this.detail(actor, id);
  }

  /**
   * Ends the current contract on the plan's date: at least the notice period from today and on or
   * before its end date (the contract's own rules are checked again by ContractsService).
   */
  async scheduleTermination(actor: Actor, id: string, body: ScheduleTerminationBody): Promise<PlanDetail> {
    const plan = await this.db.transaction(async (m) => this.editable(actor, id, m));
    if (!plan.current_contract_id) throw conflict('no-current-contract', 'This plan does not start from a contract on the marketplace, so there is no contract to end here.');
    const current = await this.planCurrent(plan, this.db);
    const c = current.contract!;
    if (c.termination_date) throw conflict('contract-terminated', `The current contract is already ending on ${c.termination_date}.`);
    const today = todayInLondon();
    const date = body.terminationDate;
    if (!isCalendarDay(date)) throw validationFailed([{ field: 'terminationDate', message: 'Enter a real date, like 2027-06-30' }]);
    const earliest = addDays(today, Math.max(c.notice_period_days, 1));
    if (earliest > c.end_date) {
      throw conflict('contract-ends-anyway', `With ${c.notice_period_days} days' notice the contract runs to its end date (${c.end_date}); it ends then without being terminated.`);
    }
    if (date < earliest) {
      throw validationFailed([{ field: 'terminationDate', message: `The termination date must be at least ${c.notice_period_days} days from today (the contract’s notice period): on or after ${earliest}` }]);
    }
    await this.contracts.terminate(actor, c.id, { reason: body.reason, terminationDate: date });
    await this.db.transaction(async (m) => {
      await this.editable(actor, id, m);
      await m.query(`UPDATE switch_plans SET termination_date = $2, status = CASE WHEN status = 'planned' THEN 'in_progress' ELSE status END, updated_at = now() WHERE id = $1`, [id, date]);
      await m.query(`UPDATE switch_plan_steps SET status = 'done', completed_at = coalesce(completed_at, now()), updated_at = now() WHERE plan_id = $1 AND key = 'give_notice'`, [id]);
      await this.audit.record({ action: 'switch-plan.termination-scheduled', actor, objectType: 'switch_plan', objectId: id, after: { contract: c.id, terminationDate: date } }, m);
    });
    return this.detail(actor, id);
  }
}

function capRefs(ids: number[], v: Vocab): string[] {
  return ids
    .map((id) => v.capRef.get(Number(id)))
    .filter((r): r is string => !!r)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

function toSummary(r: PlanRow): PlanSummary {
  return {
    id: r.id,
    practice: { code: r.practice_code, name: r.practice_name },
    currentName: r.current_name ?? r.current_supplier_name,
    targetName: r.target_name,
    targetSupplier: { code: r.target_supplier_code, name: r.target_supplier_name },
    earliestSwitchDate: r.earliest_switch_date,
    goLiveDate: r.go_live,
    status: r.status,
    orderRef: r.order_number !== null ? formatOrderNumber(r.order_number, 1) : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Current vs target, side by side: capabilities, integrations, hosting, accreditation and list price. */
export function compare(current: SystemView | null, target: SystemView, v: Vocab): CompareSectionView[] {
  const yesNo = (has: boolean) => (has ? 'Yes' : 'No');
  const unknown = 'Not known';
  const rows = (keys: string[], label: (k: string) => string, has: (s: SystemView, k: string) => boolean) =>
    keys.map((k) => {
      const cur = current ? yesNo(has(current, k)) : unknown;
      const tgt = yesNo(has(target, k));
      return { label: label(k), current: cur, target: tgt, differs: cur !== tgt };
    });
  const caps = [...new Set([...(current?.capabilities ?? []), ...target.capabilities])].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const ints = [...new Set([...(current?.integrations ?? []), ...target.integrations])].sort();
  const one = (label: string, cur: string | null | undefined, tgt: string | null | undefined) => {
    const c = current ? (cur ?? 'None') : unknown;
    const t = tgt ?? 'None';
    return { label, current: c, target: t, differs: c !== t };
  };
  return [
    { title: 'Capabilities', rows: rows(caps, (k) => `${k} ${v.capName.get(k) ?? ''}`.trim(), (s, k) => s.capabilities.includes(k)) },
    { title: 'Integrations (IM1 and GP Connect)', rows: ints.length ? rows(ints, (k) => k, (s, k) => s.integrations.includes(k)) : [] },
    {
      title: 'Hosting, accreditation and price',
      rows: [
        one('Hosting', current?.hosting.join(', ') || null, target.hosting.join(', ') || null),
        one('Accreditation', current?.accreditationStatus ? label(current.accreditationStatus) : null, target.accreditationStatus ? label(target.accreditationStatus) : null),
        one('List price per patient', current?.pricePerPatient, target.pricePerPatient),
      ],
    },
  ];
}

const label = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
