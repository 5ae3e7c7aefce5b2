import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../core/auth/roles';
import { forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { JobsService } from '../../core/jobs/jobs.service';
import { todayInLondon } from '../ordering/order.rules';
import { Dashboard, DashboardArea, ExposedSolution, ExposureTotal, SupplierShare } from './dashboard.dto';
import {
  CLINICAL_SYSTEM_CAPABILITY_REF, ClinicalContract, hhiOf, matchOdsSupplier, nextMonths, NOT_RECORDED, PracticeSystem, shares, systemsOn, trendDays,
} from './dashboard.rules';

export const DASHBOARD_REFRESH_JOB = 'dashboard-refresh';
/** Months of HHI history and of notice deadlines ahead. */
const TREND_MONTHS = 24;
const NOTICE_MONTHS = 24;
/** A change the snapshot did not see: written by a transaction not yet committed, or not yet begun, when it was read. */
const UNSEEN = `d.xid >= pg_snapshot_xmin(s.seen) AND NOT pg_visible_in_snapshot(d.xid, s.seen)`;
/**
 * A stale snapshot whose last recompute took longer than this is served (marked `updating`) while it
 * is recomputed in the background; smaller areas are recomputed inline, so their readers always see
 * current figures (QHM at 1×: tens of ms; at 100×: ~10 s).
 */
export const INLINE_RECOMPUTE_MAX_MS = 1_000;

/** The refresh job stops starting new areas after this long, and carries on at its next run. */
const JOB_BUDGET_MS = 45_000;
const EXPOSED = ['conditional', 'lapsed', 'failed'] as const;

interface AreaRow extends DashboardArea {
  id: string;
  icbCode: string | null;
}

/**
 * The commissioner dashboard: spend, notice deadlines, clinical-system market share with its HHI and
 * trend, and exposure to solutions that are not fully accredited, for one ICB or sub-ICB area.
 *
 * Reads are one primary-key lookup of a precomputed snapshot (dashboard_snapshots, migration
 * 1795000000064). Triggers log which areas a contract or accreditation change touches, with the
 * writing transaction's id; a snapshot is used only if it is from today (status follows the
 * calendar) and its database snapshot saw every change logged for its area.
 * Otherwise the read recomputes it; the dashboard-refresh job (every minute) recomputes stale and
 * missing snapshots in the background so readers rarely have to.
 */
@Injectable()
export class DashboardService implements OnModuleInit {
  private readonly logger = new Logger('Dashboard');

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit() {
    this.jobs.register({ name: DASHBOARD_REFRESH_JOB, cron: '* * * * *', tz: 'Europe/London', expireInMinutes: 5, handler: () => this.refreshStale() });
  }

  async dashboard(actor: Actor, areaCode: string | undefined): Promise<Dashboard> {
    const area = await this.resolveArea(actor, areaCode);
    const today = todayInLondon();
    const [snap] = await this.db.query(
      `SELECT s.data, s.compute_ms, (s.computed_on = $2::date AND NOT EXISTS (
           SELECT 1 FROM dashboard_changes d WHERE d.area_code IN ($1, '*') AND ${UNSEEN})) AS fresh
         FROM dashboard_snapshots s WHERE s.area_code = $1`,
      [area.code, today],
    );
    if (snap?.fresh) return { ...snap.data, updating: false };
    if (snap && snap.compute_ms > INLINE_RECOMPUTE_MAX_MS) {
      // A large area: the previous figures now (their time is on the page), the recompute in the
      // background, so no reader waits seconds for it.
      this.refresh(area, snap.data).catch((e) => this.logger.error(`Recomputing the ${area.code} dashboard failed: ${e instanceof Error ? e.message : e}`));
      return { ...snap.data, updating: true };
    }
    return { ...(await this.refresh(area, snap?.data)), updating: false };
  }

  /** The area asked for, if the actor may see it: a commissioner their own area (an ICB also its sub-ICB locations); an operator any. */
  private async resolveArea(actor: Actor, areaCode: string | undefined): Promise<AreaRow> {
    const code = (areaCode ?? (actor.role === 'commissioner' ? actor.organisation.code : '')).toUpperCase();
    if (!code) throw validationFailed([{ field: 'area', message: 'Choose an ICB or sub-ICB location' }]);
    const area = await this.findArea(code);
    if (!area) throw notFound('ICB or sub-ICB location', code);
    if (actor.role === 'commissioner') {
      const own = actor.organisation;
      const allowed = area.code === own.code || (own.type === 'icb' && area.type === 'sub_icb' && area.icbCode === own.code);
      if (!allowed) throw forbidden('You can only see the dashboard for your own area.');
    }
    return area;
  }

  private async findArea(code: string, m: DataSource | EntityManager = this.db): Promise<AreaRow | null> {
    const [row] = await m.query(`SELECT id, code, name, type, icb_code FROM organisations WHERE code = $1 AND type IN ('icb','sub_icb')`, [code]);
    return row ? { id: row.id, code: row.code, name: row.name, type: row.type, icbCode: row.icb_code } : null;
  }

  /**
   * Recomputes one area's snapshot from one consistent view of the database, and stores it. One
   * recompute per area at a time: while another is under way, a reader holding the previous
   * (stale) figures gets those rather than queueing a second recompute.
   */
  async refresh(area: AreaRow, stale?: Dashboard): Promise<Dashboard> {
    const started = Date.now();
    const lock = `hashtext('dashboard:' || $1)`;
    const result = await this.db.transaction('REPEATABLE READ', async (m): Promise<Dashboard | null> => {
      // First statement: fixes the transaction's snapshot, which every query below then reads from.
      const [{ seen, mine }] = await m.query(`SELECT pg_current_snapshot()::text AS seen, pg_try_advisory_xact_lock(${lock}) AS mine`, [area.code]);
      if (!mine) {
        if (stale) return stale;
        // Another reader is computing this area's first snapshot: wait for it, then read it (below).
        await m.query(`SELECT pg_advisory_xact_lock(${lock})`, [area.code]);
        return null;
      }
      const data = await this.compute(m, area, todayInLondon());
      await m.query(
        `INSERT INTO dashboard_snapshots (area_code, data, computed_on, computed_at, seen, compute_ms) VALUES ($1, $2, $3, now(), $4::pg_snapshot, $5)
         ON CONFLICT (area_code) DO UPDATE SET data = EXCLUDED.data, computed_on = EXCLUDED.computed_on, computed_at = EXCLUDED.computed_at,
           seen = EXCLUDED.seen, compute_ms = EXCLUDED.compute_ms`,
        [area.code, JSON.stringify(data), data.asOf, seen, Date.now() - started],
      );
      return data;
    });
    if (result) return result;
    const [done] = await this.db.query(`SELECT data FROM dashboard_snapshots WHERE area_code = $1`, [area.code]);
    return done ? done.data : this.refresh(area);
  }

  /** The job: recompute stale snapshots first, then areas never computed, within a time budget; prune the change log. */
  async refreshStale(budgetMs = JOB_BUDGET_MS): Promise<number> {
    const started = Date.now();
    const today = todayInLondon();
    const rows: { code: string }[] = await this.db.query(
      `SELECT o.code FROM organisations o LEFT JOIN dashboard_snapshots s ON s.area_code = o.code
        WHERE o.type IN ('icb','sub_icb') AND (s.area_code IS NULL OR s.computed_on < $1::date OR EXISTS (
          SELECT 1 FROM dashboard_changes d WHERE d.area_code IN (o.code, '*') AND ${UNSEEN}))
        ORDER BY (s.area_code IS NULL), o.type, o.code`,
      [today],
    );
    let done = 0;
    for (const r of rows) {
      if (done > 0 && Date.now() - started > budgetMs) break;
      const area = await this.findArea(r.code);
      if (area) await this.refresh(area);
      done++;
    }
    await this.db.query(`DELETE FROM dashboard_changes WHERE changed_at < now() - interval '2 days'`);
    if (done) this.logger.log(`Refreshed ${done} of ${rows.length} stale dashboards in ${Date.now() - started} ms`);
    return done;
  }

  private async compute(m: EntityManager, area: AreaRow, today: string): Promise<Dashboard> {
    const column = area.type === 'icb' ? 'icb_code' : 'sub_icb_code';
    // One pass over the area's contracts into temporary tables (dropped at commit) that every figure
    // is then aggregated from: its practices, and its contracts — any recipient practice in the area,
    // or bought by the area's commissioner (the contract register's rule) — with status as of today.
    await m.query(`CREATE TEMP TABLE dash_practices ON COMMIT DROP AS SELECT id FROM organisations WHERE type = 'practice' AND ${column} = $1`, [area.code]);
    await m.query(`ALTER TABLE dash_practices ADD PRIMARY KEY (id)`);
    await m.query(
      `CREATE TEMP TABLE dash_contracts ON COMMIT DROP AS
       SELECT c.id, c.supplier_id, c.solution_item_id, c.start_date, c.end_date, c.notice_deadline, c.termination_date,
              contract_status(c.start_date, c.end_date, c.termination_date, $2::date) AS status,
              coalesce((o.totals->>'annualPence')::bigint, 0) AS annual
         FROM (SELECT cr.contract_id AS id FROM contract_recipients cr JOIN dash_practices ap ON ap.id = cr.practice_id
               UNION SELECT c.id FROM contracts c WHERE c.buyer_id = $1) ac
         JOIN contracts c ON c.id = ac.id JOIN orders o ON o.id = c.order_id`,
      [area.id, today],
    );
    await m.query(`ANALYZE dash_contracts`);
    // Per solution first (few rows), so capabilities and accreditation join a small set.
    await m.query(
      `CREATE TEMP TABLE dash_solutions ON COMMIT DROP AS
       SELECT f.solution_item_id, ci.accreditation_status AS acc, ci.accreditation_status_since AS since, lv.content->>'name' AS name, ci.supplier_id,
              ARRAY(SELECT DISTINCT x::int FROM jsonb_array_elements_text(coalesce(lv.content->'capabilityIds', '[]'::jsonb)) x) AS capability_ids,
              count(*) FILTER (WHERE f.status = 'active')::int AS active_n, coalesce(sum(f.annual) FILTER (WHERE f.status = 'active'), 0)::bigint AS active_annual
         FROM dash_contracts f JOIN catalogue_items ci ON ci.id = f.solution_item_id LEFT JOIN listing_versions lv ON lv.id = ci.live_version_id
        GROUP BY f.solution_item_id, ci.id, lv.id`,
    );

    const bySupplier = await m.query(
      `SELECT s.code, s.name, sum(f.annual)::bigint AS annual, count(*)::int AS n
         FROM dash_contracts f JOIN organisations s ON s.id = f.supplier_id WHERE f.status = 'active'
        GROUP BY s.code, s.name ORDER BY annual DESC, s.name`,
    );
    const byCapability = await m.query(
      `SELECT cap.ref, cap.name, sum(ds.active_annual)::bigint AS annual, sum(ds.active_n)::int AS n
         FROM dash_solutions ds JOIN capabilities cap ON cap.id = ANY(ds.capability_ids)
        WHERE ds.active_n > 0
        GROUP BY cap.id, cap.ref, cap.name ORDER BY annual DESC, cap.id`,
    );
    const months = nextMonths(today, NOTICE_MONTHS);
    const notice = await m.query(
      `SELECT to_char(f.notice_deadline, 'YYYY-MM') AS month, count(*)::int AS n, sum(f.annual)::bigint AS annual
         FROM dash_contracts f WHERE f.status IN ('active','pending') AND f.termination_date IS NULL
          AND f.notice_deadline >= $1::date AND f.notice_deadline < ($2 || '-01')::date + interval '1 month'
        GROUP BY 1`,
      [today, months[months.length - 1]],
    );
    const noticeByMonth = new Map<string, any>(notice.map((r: any) => [r.month, r]));

    await m.query(
      `CREATE TEMP TABLE dash_exposed ON COMMIT DROP AS
       SELECT f.id, f.solution_item_id, f.annual, ds.acc FROM dash_contracts f JOIN dash_solutions ds USING (solution_item_id)
        WHERE f.status IN ('active','pending') AND ds.acc IN ('conditional','lapsed','failed')`,
    );
    const exposedCte = `WITH exp AS (SELECT DISTINCT ex.solution_item_id, ex.acc, cr.practice_id
      FROM dash_exposed ex JOIN contract_recipients cr ON cr.contract_id = ex.id JOIN dash_practices ap ON ap.id = cr.practice_id)`;
    const exposedSolutions = await m.query(
      `${exposedCte},
       per AS (SELECT solution_item_id, acc, count(*)::int AS n, sum(annual)::bigint AS annual FROM dash_exposed GROUP BY 1, 2),
       pp AS (SELECT solution_item_id, count(DISTINCT practice_id)::int AS practices FROM exp GROUP BY 1)
       SELECT per.*, coalesce(pp.practices, 0) AS practices, ds.name AS solution_name, s.name AS supplier_name, ds.since
         FROM per LEFT JOIN pp USING (solution_item_id) JOIN dash_solutions ds USING (solution_item_id)
         JOIN organisations s ON s.id = ds.supplier_id
        ORDER BY array_position(ARRAY['failed','lapsed','conditional']::varchar[], per.acc), per.annual DESC, per.solution_item_id`,
    );
    const exposedTotals = await m.query(
      `${exposedCte}
       SELECT t.acc, t.n, t.annual, coalesce(pr.practices, 0) AS practices
         FROM (SELECT acc, count(*)::int AS n, sum(annual)::bigint AS annual FROM dash_exposed GROUP BY acc) t
         LEFT JOIN (SELECT acc, count(DISTINCT practice_id)::int AS practices FROM exp GROUP BY acc) pr USING (acc)`,
    );
    const totalsByStatus = new Map<string, any>(exposedTotals.map((r: any) => [r.acc, r]));

    return {
      area: { code: area.code, name: area.name, type: area.type },
      asOf: today,
      computedAt: new Date().toISOString(),
      updating: false,
      spendBySupplier: bySupplier.map((r: any) => ({ supplierCode: r.code, supplierName: r.name, annualPence: Number(r.annual), contracts: r.n })),
      spendByCapability: byCapability.map((r: any) => ({ capabilityRef: r.ref, capabilityName: r.name, annualPence: Number(r.annual), contracts: r.n })),
      noticeDeadlines: months.map((month) => ({ month, contracts: noticeByMonth.get(month)?.n ?? 0, annualPence: Number(noticeByMonth.get(month)?.annual ?? 0) })),
      marketShare: await this.marketShare(m, area, column, today),
      exposure: {
        totals: EXPOSED.map((status): ExposureTotal => {
          const t = totalsByStatus.get(status);
          return { status, contracts: t?.n ?? 0, annualPence: Number(t?.annual ?? 0), practices: t?.practices ?? 0 };
        }),
        solutions: exposedSolutions.map(
          (r: any): ExposedSolution => ({
            solutionId: r.solution_item_id,
            solutionName: r.solution_name ?? r.solution_item_id,
            supplierName: r.supplier_name,
            status: r.acc,
            since: r.since ? new Date(r.since).toISOString() : null,
            contracts: r.n,
            annualPence: Number(r.annual),
            practices: r.practices,
          }),
        ),
      },
    };
  }

  /**
   * Principal clinical systems by practices and registered patients. Each open practice in the area
   * starts from its ODS clinical-system supplier; a contract in force for a solution claiming C13
   * (Patient Information Maintenance - GP, the core GP clinical-system capability) overrides it.
   */
  private async marketShare(m: EntityManager, area: AreaRow, column: string, today: string) {
    const days = trendDays(today, TREND_MONTHS);
    const practiceRows: { id: string; patients: number; ods: string | null }[] = await m.query(
      `SELECT id, coalesce(registered_patients, 0) AS patients, nullif(trim(clinical_system_supplier), '') AS ods
         FROM organisations WHERE type = 'practice' AND status = 'active' AND ${column} = $1`,
      [area.code],
    );
    const contractRows: { practice_id: string; code: string; name: string; start_date: string; end_date: string; termination_date: string | null }[] = await m.query(
      `SELECT cr.practice_id, s.code, s.name, f.start_date, f.end_date, f.termination_date
         FROM dash_contracts f
         JOIN dash_solutions ds ON ds.solution_item_id = f.solution_item_id
         JOIN contract_recipients cr ON cr.contract_id = f.id
         JOIN organisations p ON p.id = cr.practice_id
         JOIN organisations s ON s.id = f.supplier_id
        WHERE p.type = 'practice' AND p.status = 'active' AND p.${column} = $1
          AND f.start_date <= $3::date AND f.end_date >= $2::date
          AND (SELECT id FROM capabilities WHERE ref = $4) = ANY(ds.capability_ids)`,
      [area.code, days[0], today, CLINICAL_SYSTEM_CAPABILITY_REF],
    );
    const names = new Map<string, string>([[NOT_RECORDED, 'Not recorded']]);
    const labels = [...new Set(practiceRows.map((r) => r.ods).filter((x): x is string => !!x))];
    const odsKeys = new Map<string, string>();
    if (labels.length) {
      const suppliers: { id: string; code: string; name: string }[] = await m.query(
        `SELECT id, code, name FROM organisations WHERE type = 'supplier' AND upper(split_part(name, ' ', 1)) = ANY($1::text[]) ORDER BY code`,
        [labels.map((l) => l.toUpperCase().split(' ')[0])],
      );
      for (const label of labels) {
        const s = matchOdsSupplier(label, suppliers);
        const key = s ? s.code : `ods:${label}`;
        odsKeys.set(label, key);
        names.set(key, s ? s.name : label);
      }
    }
    const practices: PracticeSystem[] = practiceRows.map((r) => ({ practiceId: r.id, registeredPatients: Number(r.patients), odsKey: r.ods ? odsKeys.get(r.ods)! : null }));
    const contracts: ClinicalContract[] = contractRows.map((r) => {
      names.set(r.code, r.name);
      return { practiceId: r.practice_id, supplierKey: r.code, startDate: r.start_date, endDate: r.end_date, terminationDate: r.termination_date };
    });

    const now = systemsOn(practices, contracts, today);
    const current = shares(practices, now);
    const underContract = new Map<string, number>();
    const contracted = new Set(contracts.filter((c) => c.startDate <= today && c.endDate >= today && (c.terminationDate === null || c.terminationDate > today)).map((c) => c.practiceId));
    for (const pr of practices) if (contracted.has(pr.practiceId)) underContract.set(now.get(pr.practiceId)!, (underContract.get(now.get(pr.practiceId)!) ?? 0) + 1);
    const index = hhiOf(current);
    const round1 = (x: number) => Math.round(x * 10) / 10;
    return {
      suppliers: current.map(
        (s): SupplierShare => ({
          key: s.key,
          name: names.get(s.key) ?? s.key,
          practices: s.practices,
          practicesPercent: round1(s.practicesPercent),
          patients: s.patients,
          patientsPercent: round1(s.patientsPercent),
          underContract: underContract.get(s.key) ?? 0,
        }),
      ),
      practices: practices.length,
      patients: practices.reduce((sum, x) => sum + x.registeredPatients, 0),
      hhiByPractices: index.byPractices,
      hhiByPatients: index.byPatients,
      trend: days.map((date) => {
        const h = date === today ? index : hhiOf(shares(practices, systemsOn(practices, contracts, date)));
        return { date, byPractices: h.byPractices, byPatients: h.byPatients };
      }),
    };
  }
}
