import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { decisiveEpics, requiredStandards } from './accreditation';
import { loadAssessment, loadItem, rederiveItem, todayInLondon } from './accreditation.store';

/** Calendar-day arithmetic on YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** FNV-1a: a stable number from an item id, so the demo results never change between runs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const ASSESSORS = ['Amara Osei (assurance team)', 'Ben Hartley (assurance team)', 'Chloe Nwosu (clinical safety)', 'Dev Mistry (interoperability)'];

export type DemoOutcome = 'accredited' | 'conditional' | 'lapsed' | 'failed';

/**
 * Which outcome each demo solution gets: by position in id order the second is lapsed and the
 * third failed (exactly one each), the fourth and about one in seven of the rest conditional,
 * everything else accredited.
 */
export function demoOutcome(itemId: string, index: number): DemoOutcome {
  if (index === 1) return 'lapsed';
  if (index === 2) return 'failed';
  if (index === 3 || (index > 3 && hash(itemId) % 7 === 0)) return 'conditional';
  return 'accredited';
}

/**
 * Demo conformance results for every listed solution that has none yet (re-runnable), derived
 * from the item id, then its accreditation derived and stored. Runs after the demo catalogue
 * import; with no solutions it does nothing.
 */
export async function seedDemoAssessments(db: DataSource, log: (m: string) => void = () => {}, today = todayInLondon()): Promise<Record<DemoOutcome, number>> {
  const audit = new AuditService(db);
  const solutions: { id: string; assessed: boolean }[] = await db.query(
    `SELECT i.id, (EXISTS (SELECT 1 FROM capability_assessments a WHERE a.item_id = i.id)
                OR EXISTS (SELECT 1 FROM epic_assessments a WHERE a.item_id = i.id)
                OR EXISTS (SELECT 1 FROM standard_assessments a WHERE a.item_id = i.id)) AS assessed
        FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id
      WHERE i.type = 'solution' AND i.publication_status IN ('published', 'in_remediation')
        AND jsonb_array_length(coalesce(v.content->'capabilityIds', '[]')) > 0
      ORDER BY i.id`,
  );
  const counts: Record<DemoOutcome, number> = { accredited: 0, conditional: 0, lapsed: 0, failed: 0 };
  for (const [index, s] of solutions.entries()) {
    if (s.assessed) continue;
    const outcome = demoOutcome(s.id, index);
    const seeded = await db.transaction(async (m) => {
      if (!(await seedOne(m, s.id, outcome, today))) return false;
      await rederiveItem(m, s.id, today, audit, null);
      return true;
    });
    if (seeded) counts[outcome]++;
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total)
    log(
      `Demo assessments recorded for ${total} solution(s): ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
  return counts;
}

async function seedOne(m: EntityManager, itemId: string, outcome: DemoOutcome, today: string): Promise<boolean> {
  const item = await loadItem(m, itemId, true);
  if (!item) return false;
  const a = await loadAssessment(m, item);
  if (!a.input.capabilities.length) return false;
  const h = hash(itemId);
  const assessor = ASSESSORS[h % ASSESSORS.length];
  const assessedOn = addDays(today, -(30 + (h % 300)));
  const expiresOn = addDays(assessedOn, 3 * 365);
  const row = (result: string, evidence: string, dates = { assessedOn, expiresOn }) => [result, evidence, assessor, dates.assessedOn, dates.expiresOn];

  const first = a.input.capabilities[0];
  const firstMust = decisiveEpics(first)[0];
  for (const [i, c] of a.input.capabilities.entries()) {
    let values = row(i === 1 && h % 3 === 0 ? 'passed_partial' : 'passed_full', `Demonstrated against the ${c.name} capability specification.`);
    if (outcome === 'lapsed' && i === 0) {
      // Expired a fortnight ago and not yet re-assessed.
      const expired = addDays(today, -14);
      values = row('passed_full', `Demonstrated against the ${c.name} capability specification; re-assessment is overdue.`, {
        assessedOn: addDays(expired, -3 * 365),
        expiresOn: expired,
      });
    }
    if (outcome === 'failed' && i === 0 && !firstMust) values = row('failed', `Core ${c.name} functions could not be demonstrated.`);
    await m.query(
      `INSERT INTO capability_assessments (item_id, capability_id, result, evidence, assessor, assessed_on, expires_on) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [itemId, c.id, ...values],
    );
  }
  const epicIds = new Set<string>();
  for (const c of a.input.capabilities) for (const e of c.epics) if (e.isActive && (e.compliancy === 'MUST' || item.epicIds.includes(e.id))) epicIds.add(e.id);
  for (const id of epicIds) {
    const fail = outcome === 'failed' && firstMust?.id === id;
    await m.query(`INSERT INTO epic_assessments (item_id, epic_id, result, evidence, assessor, assessed_on, expires_on) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      itemId,
      id,
      ...(fail ? row('failed', 'The journey failed at the assessment: see the test report.') : row('passed', 'Witnessed in the assessment environment.')),
    ]);
  }
  const standards = requiredStandards(a.input);
  // Conditional: the last required standard (a capability-specific one where there is one) has an open plan.
  const planned = outcome === 'conditional' ? standards[standards.length - 1]?.id : undefined;
  for (const s of standards) {
    const plan = s.id === planned;
    await m.query(
      `INSERT INTO standard_assessments (item_id, standard_id, result, due_on, evidence, assessor, assessed_on, expires_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        itemId,
        s.id,
        plan ? 'work_off_plan' : 'met',
        plan ? addDays(today, 30 + (h % 90)) : null,
        plan ? `Agreed work-off plan: remaining ${s.name} gaps to be closed and re-tested.` : `Evidence reviewed against ${s.name}.`,
        assessor,
        assessedOn,
        expiresOn,
      ],
    );
  }
  return true;
}
