import { EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { accreditationAlerts } from '../alerts/alerts.hook';
import { AccreditationInput, AccreditationOutcome, CapabilityResult, deriveAccreditation, EpicResult, StandardResult } from './accreditation';

/**
 * Loading a solution's accreditation input and storing the derived status: plain functions on a
 * transaction's manager, shared by the HTTP service, the daily job and the demo seed.
 */

export interface ItemRow {
  id: string;
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  type: string;
  publicationStatus: string;
  name: string | null;
  capabilityIds: number[];
  epicIds: string[];
  accreditationStatus: string | null;
  accreditationReason: string | null;
  accreditationDerivedAt: Date | null;
}

/** The item with what it claims: its live listing version, or its newest version before it has one. */
export async function loadItem(m: EntityManager, itemId: string, lock = false): Promise<ItemRow | undefined> {
  if (lock) await m.query(`SELECT 1 FROM catalogue_items WHERE id = $1 FOR UPDATE`, [itemId]);
  const [row] = await m.query(
    `SELECT i.id, i.supplier_id AS "supplierId", o.code AS "supplierCode", o.name AS "supplierName", i.type,
            i.publication_status AS "publicationStatus", v.content->>'name' AS name,
            coalesce(ARRAY(SELECT jsonb_array_elements_text(v.content->'capabilityIds')::int), '{}') AS "capabilityIds",
            coalesce(ARRAY(SELECT jsonb_array_elements_text(v.content->'epicIds')), '{}') AS "epicIds",
            i.accreditation_status AS "accreditationStatus", i.accreditation_reason AS "accreditationReason",
            i.accreditation_derived_at AS "accreditationDerivedAt"
       FROM catalogue_items i
       JOIN organisations o ON o.id = i.supplier_id
       LEFT JOIN LATERAL (
         SELECT content FROM listing_versions lv
          WHERE lv.item_id = i.id AND (i.live_version_id IS NULL OR lv.id = i.live_version_id)
          ORDER BY lv.version DESC LIMIT 1) v ON true
      WHERE i.id = $1`,
    [itemId],
  );
  return row;
}

export interface EpicRow {
  capabilityId: number;
  id: string;
  name: string;
  compliancy: 'MUST' | 'SHOULD' | 'MAY';
  isActive: boolean;
}

interface DatedRow {
  assessedOn: string;
  expiresOn: string | null;
  evidence: string | null;
  assessor: string;
  recordedAt: Date;
}
export type CapabilityResultRow = DatedRow & { capabilityId: number; result: CapabilityResult };
export type EpicResultRow = DatedRow & { epicId: string; result: EpicResult };
export type StandardResultRow = DatedRow & { standardId: string; result: StandardResult; dueOn: string | null };

export interface Assessment {
  item: ItemRow;
  input: AccreditationInput;
  capabilities: { id: number; ref: string; name: string }[];
  epics: EpicRow[];
  standards: (AccreditationInput['standards'][number] & { category: string })[];
  capabilityResults: CapabilityResultRow[];
  epicResults: EpicResultRow[];
  standardResults: StandardResultRow[];
}

const DATED = `evidence, assessor, assessed_on AS "assessedOn", expires_on AS "expiresOn", recorded_at AS "recordedAt"`;

/** Everything the accreditation of one item depends on. */
export async function loadAssessment(m: EntityManager, item: ItemRow): Promise<Assessment> {
  const claimed = item.capabilityIds;
  // One after another: inside a transaction they share one connection.
  const capabilities = await m.query(`SELECT id, ref, name FROM capabilities WHERE id = ANY($1) ORDER BY id`, [claimed]);
  const epics = await m.query(
    `SELECT ce.capability_id AS "capabilityId", e.id, e.name, ce.compliancy, e.is_active AS "isActive"
         FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id
        WHERE ce.capability_id = ANY($1)
        ORDER BY ce.capability_id, CASE ce.compliancy WHEN 'MUST' THEN 0 WHEN 'SHOULD' THEN 1 ELSE 2 END, e.id`,
    [claimed],
  );
  const standards = await m.query(
    `SELECT s.id, s.name, s.type, s.category, s.is_deleted AS "isDeleted",
              coalesce(ARRAY(SELECT sc.capability_id FROM standard_capabilities sc WHERE sc.standard_id = s.id AND sc.capability_id = ANY($1) ORDER BY 1), '{}') AS "capabilityIds"
         FROM standards s
        WHERE s.type = 'Overarching' OR EXISTS (SELECT 1 FROM standard_capabilities sc WHERE sc.standard_id = s.id AND sc.capability_id = ANY($1))
        ORDER BY s.type = 'Overarching' DESC, length(s.id), s.id`,
    [claimed],
  );
  const capabilityResults = await m.query(
    `SELECT capability_id AS "capabilityId", result, ${DATED} FROM capability_assessments WHERE item_id = $1 ORDER BY capability_id`,
    [item.id],
  );
  const epicResults = await m.query(`SELECT epic_id AS "epicId", result, ${DATED} FROM epic_assessments WHERE item_id = $1 ORDER BY epic_id`, [item.id]);
  const standardResults = await m.query(
    `SELECT standard_id AS "standardId", result, due_on AS "dueOn", ${DATED} FROM standard_assessments WHERE item_id = $1 ORDER BY standard_id`,
    [item.id],
  );
  const input: AccreditationInput = {
    capabilities: (capabilities as { id: number; ref: string; name: string }[]).map((c) => ({
      ...c,
      epics: (epics as EpicRow[]).filter((e) => e.capabilityId === c.id),
    })),
    standards,
    results: {
      capabilities: Object.fromEntries((capabilityResults as CapabilityResultRow[]).map((r) => [r.capabilityId, r])),
      epics: Object.fromEntries((epicResults as EpicResultRow[]).map((r) => [r.epicId, r])),
      standards: Object.fromEntries((standardResults as StandardResultRow[]).map((r) => [r.standardId, r])),
    },
  };
  return { item, input, capabilities, epics, standards, capabilityResults, epicResults, standardResults };
}

/** Today as a calendar day in the UK (where assessments' dates are meant). */
export function todayInLondon(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Re-derives one item's accreditation inside the caller's transaction. When the status or reason
 * changes it is stored, audited ('accreditation.changed') and the public search row refreshed;
 * otherwise nothing is written (so re-running is a no-op). Returns whether it changed.
 */
export async function rederiveItem(
  m: EntityManager,
  itemId: string,
  today: string,
  audit: AuditService,
  actor: Actor | null = null,
): Promise<{ changed: boolean; outcome: AccreditationOutcome } | undefined> {
  const item = await loadItem(m, itemId, true);
  if (!item) return undefined;
  const { input } = await loadAssessment(m, item);
  const outcome = deriveAccreditation(input, today);
  const changed = outcome.status !== item.accreditationStatus || outcome.reason !== item.accreditationReason;
  if (changed) {
    await m.query(`UPDATE catalogue_items SET accreditation_status = $2, accreditation_reason = $3, accreditation_derived_at = now() WHERE id = $1`, [
      itemId,
      outcome.status,
      outcome.reason,
    ]);
    if (outcome.status !== item.accreditationStatus) {
      await audit.record(
        {
          action: 'accreditation.changed',
          actor,
          organisationId: actor ? undefined : item.supplierId,
          objectType: 'catalogue_item',
          objectId: itemId,
          before: { status: item.accreditationStatus, reason: item.accreditationReason },
          after: { status: outcome.status, reason: outcome.reason },
        },
        m,
      );
      await accreditationAlerts.raise(m, itemId); // alerts/alerts.hook.ts: Lapsed or Failed contracted solutions, at once
    }
    await m.query(`SELECT refresh_catalogue_search($1)`, [itemId]);
  }
  return { changed, outcome };
}
