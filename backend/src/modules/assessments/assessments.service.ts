import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { DomainError, FieldError, notFound, validationFailed } from '../../core/errors/domain-error';
import { likeContains, orderBy, Page, pagedQuery, Where } from '../../core/http/paging';
import { LISTED_STATUSES } from '../catalogue/listing';
import { notClaimed } from './assessments.errors';
import { deriveAccreditation, RESULT_LABELS, requiredStandards } from './accreditation';
import { Assessment, ItemRow, loadAssessment, loadItem, rederiveItem, todayInLondon } from './accreditation.store';
import {
  AccreditationView,
  Conformance,
  ItemAssessment,
  RecordCapabilityResult,
  RecordEpicResult,
  RecordStandardResult,
  RederiveResult,
  ResultView,
  UpcomingDate,
  VendorAssessmentQuery,
  VendorAssessmentSummary,
} from './dto/assessment.dto';

export type Subject = 'capabilities' | 'epics' | 'standards';

/** Per subject: its table, key column and the word used in audit events and errors. */
const SUBJECTS = {
  capabilities: { table: 'capability_assessments', key: 'capability_id', noun: 'capability', idField: 'capabilityId' },
  epics: { table: 'epic_assessments', key: 'epic_id', noun: 'epic', idField: 'epicId' },
  standards: { table: 'standard_assessments', key: 'standard_id', noun: 'standard', idField: 'standardId' },
} as const;

/** A capability id from the path, or NaN (never sent to PostgreSQL as an integer it would refuse). */
const capabilityKey = (id: string) => (/^\d{1,9}$/.test(id) ? Number(id) : NaN);

type AnyResult = RecordCapabilityResult | RecordEpicResult | RecordStandardResult;

function resultView(
  r:
    | { result: string; evidence: string | null; assessor: string; assessedOn: string; expiresOn: string | null; recordedAt: Date; dueOn?: string | null }
    | undefined,
): ResultView | null {
  if (!r) return null;
  return {
    result: r.result,
    label: RESULT_LABELS[r.result as keyof typeof RESULT_LABELS],
    evidence: r.evidence,
    assessor: r.assessor,
    assessedOn: r.assessedOn,
    expiresOn: r.expiresOn,
    ...(r.dueOn !== undefined ? { dueOn: r.dueOn } : {}),
    recordedAt: new Date(r.recordedAt).toISOString(),
  };
}

const accreditationView = (item: ItemRow): AccreditationView => ({
  status: item.accreditationStatus,
  reason: item.accreditationReason,
  derivedAt: item.accreditationDerivedAt ? new Date(item.accreditationDerivedAt).toISOString() : null,
});

const VENDOR_SORTABLE = {
  itemId: 'i.id',
  name: `lower(v.content->>'name')`,
  status: 'i.accreditation_status NULLS FIRST',
  nextDueOn: '"nextDueOn" NULLS LAST',
  nextExpiresOn: '"nextExpiresOn" NULLS LAST',
};

@Injectable()
export class AssessmentsService {
  private readonly logger = new Logger(AssessmentsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** One item's results as the operator, or the item's own supplier, sees them. */
  async get(actor: Actor, itemId: string): Promise<ItemAssessment> {
    const item = await loadItem(this.db.manager, itemId);
    if (!item || (actor.role !== 'operator' && item.supplierId !== actor.organisation.id)) throw notFound('Catalogue item', itemId);
    return this.view(await loadAssessment(this.db.manager, item), todayInLondon());
  }

  /** Records (or replaces) one result, audited, and re-derives the item's accreditation in the same transaction. */
  async record(actor: Actor, itemId: string, subject: Subject, subjectId: string, body: AnyResult): Promise<ItemAssessment> {
    const today = todayInLondon();
    this.checkDates(body, subject, today);
    const spec = SUBJECTS[subject];
    await this.db.transaction(async (m) => {
      const item = await loadItem(m, itemId, true);
      if (!item) throw notFound('Catalogue item', itemId);
      // Assessed only for frameworks the supplier is on (a countersigned agreement; see onboarding).
      const [notOn] = await m.query(
        `SELECT coalesce(array_agg(fw.id ORDER BY fw.id), '{}') AS ids
           FROM catalogue_items i
           JOIN LATERAL (SELECT content FROM listing_versions lv WHERE lv.item_id = i.id AND (i.live_version_id IS NULL OR lv.id = i.live_version_id)
                          ORDER BY lv.version DESC LIMIT 1) v ON true
           CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(v.content->'frameworkIds', '[]'::jsonb)) AS fw(id)
          WHERE i.id = $1 AND NOT EXISTS (SELECT 1 FROM supplier_frameworks sf WHERE sf.supplier_id = i.supplier_id AND sf.framework_id = fw.id)`,
        [itemId],
      );
      if (notOn.ids.length) {
        throw new DomainError(422, 'not-on-framework', 'Supplier not on the framework', `${item.supplierName} is not on ${notOn.ids.join(', ')} yet: its solutions are assessed once its framework agreement is countersigned.`);
      }
      const key = await this.checkSubject(m, item, subject, subjectId);
      const before = await this.current(m, subject, itemId, key);
      const dueOn = subject === 'standards' ? ((body as RecordStandardResult).dueOn ?? null) : undefined;
      await m.query(
        `INSERT INTO ${spec.table} (item_id, ${spec.key}, result, evidence, assessor, assessed_on, expires_on, recorded_by, recorded_at${dueOn !== undefined ? ', due_on' : ''})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()${dueOn !== undefined ? ', $9' : ''})
         ON CONFLICT (item_id, ${spec.key}) DO UPDATE SET result = EXCLUDED.result, evidence = EXCLUDED.evidence, assessor = EXCLUDED.assessor,
           assessed_on = EXCLUDED.assessed_on, expires_on = EXCLUDED.expires_on, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
           ${dueOn !== undefined ? ', due_on = EXCLUDED.due_on' : ''}`,
        [
          itemId,
          key,
          body.result,
          body.evidence?.trim() || null,
          body.assessor.trim(),
          body.assessedOn,
          body.expiresOn ?? null,
          actor.userId,
          ...(dueOn !== undefined ? [dueOn] : []),
        ],
      );
      const after = await this.current(m, subject, itemId, key);
      await this.audit.record({ action: 'assessment.recorded', actor, objectType: 'catalogue_item', objectId: itemId, before, after }, m);
      await rederiveItem(m, itemId, today, this.audit, actor);
    });
    return this.get(actor, itemId);
  }

  /** Removes one result (recorded in error), audited, and re-derives. */
  async remove(actor: Actor, itemId: string, subject: Subject, subjectId: string): Promise<void> {
    const spec = SUBJECTS[subject];
    await this.db.transaction(async (m) => {
      const item = await loadItem(m, itemId, true);
      if (!item) throw notFound('Catalogue item', itemId);
      const key = subject === 'capabilities' ? capabilityKey(subjectId) : subjectId;
      const before = Number.isNaN(key) ? undefined : await this.current(m, subject, itemId, key);
      if (!before) throw notFound(`${spec.noun[0].toUpperCase()}${spec.noun.slice(1)} result`, subjectId);
      await m.query(`DELETE FROM ${spec.table} WHERE item_id = $1 AND ${spec.key} = $2`, [itemId, key]);
      await this.audit.record({ action: 'assessment.deleted', actor, objectType: 'catalogue_item', objectId: itemId, before }, m);
      await rederiveItem(m, itemId, todayInLondon(), this.audit, actor);
    });
  }

  /** A vendor's items with their accreditation and the earliest due and expiry dates. */
  async listForVendor(actor: Actor, query: VendorAssessmentQuery): Promise<Page<VendorAssessmentSummary>> {
    const where = new Where().add('i.supplier_id = ?', actor.organisation.id);
    if (query.status === 'none') where.add('i.accreditation_status IS NULL');
    else if (query.status) where.add('i.accreditation_status = ?', query.status);
    const q = query.q?.trim();
    if (q) where.add(`(i.id ILIKE ? OR v.content->>'name' ILIKE ?)`, likeContains(q), likeContains(q));
    const page = await pagedQuery<VendorAssessmentSummary & { accreditationDerivedAt: string | Date | null }>(
      this.db,
      {
        select: `i.id AS "itemId", v.content->>'name' AS name, i.type, i.publication_status AS "publicationStatus",
          i.accreditation_status AS "accreditationStatus", i.accreditation_reason AS "accreditationReason",
          i.accreditation_derived_at AS "accreditationDerivedAt",
          (SELECT min(due_on) FROM standard_assessments sa WHERE sa.item_id = i.id AND sa.result = 'work_off_plan') AS "nextDueOn",
          (SELECT min(d) FROM (SELECT expires_on AS d FROM capability_assessments WHERE item_id = i.id
             UNION ALL SELECT expires_on FROM epic_assessments WHERE item_id = i.id
             UNION ALL SELECT expires_on FROM standard_assessments WHERE item_id = i.id) x) AS "nextExpiresOn"`,
        from: `catalogue_items i LEFT JOIN LATERAL (
          SELECT content FROM listing_versions lv WHERE lv.item_id = i.id AND (i.live_version_id IS NULL OR lv.id = i.live_version_id)
           ORDER BY lv.version DESC LIMIT 1) v ON true`,
        where,
        orderBy: orderBy(query.sort, VENDOR_SORTABLE, 'i.id'),
      },
      query,
    );
    return {
      ...page,
      items: page.items.map((r) => ({ ...r, accreditationDerivedAt: r.accreditationDerivedAt ? new Date(r.accreditationDerivedAt).toISOString() : null })),
    };
  }

  /** The public conformance summary of a listed item (no evidence notes or assessors). */
  async conformance(itemId: string): Promise<Conformance> {
    const item = await loadItem(this.db.manager, itemId);
    if (!item || !(LISTED_STATUSES as string[]).includes(item.publicationStatus)) throw notFound('Catalogue item', itemId);
    const a = await loadAssessment(this.db.manager, item);
    const capabilityResults = new Map(a.capabilityResults.map((r) => [r.capabilityId, r]));
    const epicResults = new Map(a.epicResults.map((r) => [r.epicId, r]));
    const standardResults = new Map(a.standardResults.map((r) => [r.standardId, r]));
    const standards = requiredStandards(a.input).map((s) => {
      const r = standardResults.get(s.id);
      return {
        id: s.id,
        name: s.name,
        result: r?.result ?? null,
        label: r ? RESULT_LABELS[r.result] : null,
        assessedOn: r?.assessedOn ?? null,
        expiresOn: r?.expiresOn ?? null,
        dueOn: r?.dueOn ?? null,
      };
    });
    return {
      itemId: item.id,
      name: item.name,
      supplier: { code: item.supplierCode, name: item.supplierName },
      accreditation: accreditationView(item),
      capabilities: a.capabilities.map((c) => {
        const r = capabilityResults.get(c.id);
        return {
          ...c,
          result: r?.result ?? null,
          label: r ? RESULT_LABELS[r.result] : null,
          assessedOn: r?.assessedOn ?? null,
          expiresOn: r?.expiresOn ?? null,
          epicsMet: a.epics.filter((e) => e.capabilityId === c.id && epicResults.get(e.id)?.result === 'passed').map((e) => ({ id: e.id, name: e.name })),
        };
      }),
      standards,
      workOffPlans: standards.filter((s) => s.result === 'work_off_plan' && s.dueOn).map((s) => ({ standardId: s.id, name: s.name, dueOn: s.dueOn! })),
    };
  }

  /**
   * Re-derives every item that has results or a stored status (the daily job, and operators on
   * demand), one short transaction per item, in batches by id. Idempotent: unchanged items are not
   * written.
   */
  async rederiveAll(today = todayInLondon(), actor: Actor | null = null, batchSize = 200): Promise<RederiveResult> {
    let examined = 0;
    let changed = 0;
    let after = '';
    for (;;) {
      const batch: { id: string }[] = await this.db.query(
        `SELECT i.id FROM catalogue_items i
          WHERE i.id > $1 AND (i.accreditation_status IS NOT NULL OR i.accreditation_reason IS NOT NULL
             OR EXISTS (SELECT 1 FROM capability_assessments a WHERE a.item_id = i.id)
             OR EXISTS (SELECT 1 FROM epic_assessments a WHERE a.item_id = i.id)
             OR EXISTS (SELECT 1 FROM standard_assessments a WHERE a.item_id = i.id))
          ORDER BY i.id LIMIT $2`,
        [after, batchSize],
      );
      for (const { id } of batch) {
        const out = await this.db.transaction((m) => rederiveItem(m, id, today, this.audit, actor));
        examined++;
        if (out?.changed) changed++;
      }
      if (batch.length < batchSize) break;
      after = batch[batch.length - 1].id;
    }
    if (changed) this.logger.log(`Accreditation re-derived for ${examined} item(s); ${changed} changed`);
    return { examined, changed };
  }

  private view(a: Assessment, today: string): ItemAssessment {
    const { item } = a;
    const capabilityResults = new Map(a.capabilityResults.map((r) => [r.capabilityId, r]));
    const epicResults = new Map(a.epicResults.map((r) => [r.epicId, r]));
    const standardResults = new Map(a.standardResults.map((r) => [r.standardId, r]));
    const standards = requiredStandards(a.input);
    const upcoming: UpcomingDate[] = [];
    const dates = (subject: string, id: string, name: string, r?: { expiresOn: string | null; result: string; dueOn?: string | null }) => {
      if (r?.expiresOn) upcoming.push({ kind: 'expiry', subject, id, name, date: r.expiresOn, overdue: r.expiresOn < today });
      if (r?.result === 'work_off_plan' && r.dueOn) upcoming.push({ kind: 'work_off_plan', subject, id, name, date: r.dueOn, overdue: r.dueOn < today });
    };
    const seenEpics = new Set<string>();
    const capabilities = a.capabilities.map((c) => {
      dates('capability', c.ref, c.name, capabilityResults.get(c.id));
      const epics = a.epics
        .filter((e) => e.capabilityId === c.id)
        .map((e) => {
          const r = epicResults.get(e.id);
          if (e.compliancy === 'MUST' && e.isActive && !seenEpics.has(e.id)) {
            seenEpics.add(e.id);
            dates('epic', e.id, e.name, r);
          }
          return { id: e.id, name: e.name, compliancy: e.compliancy, isActive: e.isActive, claimed: item.epicIds.includes(e.id), assessment: resultView(r) };
        });
      return { id: c.id, ref: c.ref, name: c.name, assessment: resultView(capabilityResults.get(c.id)), epics };
    });
    for (const s of standards) dates('standard', s.id, s.name, standardResults.get(s.id));
    upcoming.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    return {
      itemId: item.id,
      name: item.name,
      type: item.type,
      publicationStatus: item.publicationStatus,
      supplier: { code: item.supplierCode, name: item.supplierName },
      accreditation: accreditationView(item),
      findings: deriveAccreditation(a.input, today).details,
      capabilities,
      standards: a.standards
        .filter((s) => standards.includes(s))
        .map((s) => ({ id: s.id, name: s.name, type: s.type, category: s.category, assessment: resultView(standardResults.get(s.id)) })),
      upcoming,
    };
  }

  private async current(m: EntityManager, subject: Subject, itemId: string, key: string | number) {
    const spec = SUBJECTS[subject];
    const [row] = await m.query(
      `SELECT ${spec.key} AS "${spec.idField}", result, evidence, assessor, assessed_on AS "assessedOn", expires_on AS "expiresOn"
              ${subject === 'standards' ? ', due_on AS "dueOn"' : ''}
         FROM ${spec.table} WHERE item_id = $1 AND ${spec.key} = $2`,
      [itemId, key],
    );
    return row as Record<string, unknown> | undefined;
  }

  /** The subject exists and the item claims it (MUST epics of claimed capabilities count as claimed). */
  private async checkSubject(m: EntityManager, item: ItemRow, subject: Subject, subjectId: string): Promise<string | number> {
    if (subject === 'capabilities') {
      const id = capabilityKey(subjectId);
      const [c] = Number.isNaN(id) ? [] : await m.query(`SELECT id FROM capabilities WHERE id = $1`, [id]);
      if (!c) throw notFound('Capability', subjectId);
      if (!item.capabilityIds.includes(id)) throw notClaimed(`Catalogue item ${item.id} does not claim capability ${subjectId}.`);
      return id;
    }
    if (subject === 'epics') {
      const [e] = await m.query(
        `SELECT e.id, EXISTS (SELECT 1 FROM capability_epics ce WHERE ce.epic_id = e.id AND ce.capability_id = ANY($2)) AS "ofClaimed"
           FROM epics e WHERE e.id = $1`,
        [subjectId, item.capabilityIds],
      );
      if (!e) throw notFound('Epic', subjectId);
      if (!e.ofClaimed && !item.epicIds.includes(subjectId)) throw notClaimed(`Epic ${subjectId} belongs to no capability catalogue item ${item.id} claims.`);
      return subjectId;
    }
    const [s] = await m.query(`SELECT id FROM standards WHERE id = $1 AND NOT is_deleted`, [subjectId]);
    if (!s) throw notFound('Standard', subjectId);
    return subjectId;
  }

  /** Rules across fields, reported field by field. */
  private checkDates(body: AnyResult, subject: Subject, today: string) {
    const errors: FieldError[] = [];
    if (body.assessedOn > today) errors.push({ field: 'assessedOn', message: 'assessedOn must be today or in the past' });
    if (body.expiresOn && body.expiresOn <= body.assessedOn) errors.push({ field: 'expiresOn', message: 'expiresOn must be after assessedOn' });
    if (subject === 'standards') {
      const { result, dueOn } = body as RecordStandardResult;
      if (result === 'work_off_plan' && !dueOn) errors.push({ field: 'dueOn', message: 'Enter the date the work-off plan is due' });
      if (result !== 'work_off_plan' && dueOn) errors.push({ field: 'dueOn', message: 'dueOn is only for a work-off plan' });
      if (result === 'work_off_plan' && dueOn && dueOn <= body.assessedOn) errors.push({ field: 'dueOn', message: 'dueOn must be after assessedOn' });
    }
    if (errors.length) throw validationFailed(errors);
  }
}
