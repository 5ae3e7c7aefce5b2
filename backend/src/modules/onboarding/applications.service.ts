import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { conflict, DomainError, FieldError, forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { OutboxService } from '../mail/outbox.service';
import { answersOf, Declaration, incompleteSections, Mark, resultOf, sectionErrors, sectionOf } from './declaration';
import { ApplicationSummary, ApplicationView, MarkRequest, SignAgreementRequest } from './dto/onboarding.dto';
import { supplierEmails } from './registrations.service';

type Queryable = Pick<EntityManager, 'query'>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FRAMEWORK_ID = /^[A-Za-z0-9]{2,16}$/;
/** From standstill the supplier sees its result, marks and reasons. */
const RESULTS_OUT = ['standstill', 'live', 'expired'];

const SUMMARY_SELECT = `a.id, a.framework_id, f.name AS framework_name, f.status AS framework_status, o.code AS supplier_code, o.name AS supplier_name,
  a.status, a.submitted_at, a.result`;
const SUMMARY_FROM = `framework_applications a JOIN frameworks f ON f.id = a.framework_id JOIN organisations o ON o.id = a.supplier_id`;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function summary(r: any, operator: boolean): ApplicationSummary {
  return {
    id: r.id,
    frameworkId: r.framework_id,
    frameworkName: r.framework_name,
    frameworkStatus: r.framework_status,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    status: r.status,
    submittedAt: iso(r.submitted_at),
    result: operator || RESULTS_OUT.includes(r.framework_status) ? (r.result ?? null) : null,
  };
}

/**
 * A supplier's application to a framework round: the declaration saved section by section, the
 * proposed solutions (catalogue items, usually drafts), submission, marking, and the agreement.
 * Suppliers see only their own applications (another's is not found).
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private supplierOf(actor: Actor): string {
    if (actor.organisation.type !== 'supplier') throw forbidden('Only suppliers apply to frameworks.');
    return actor.organisation.id;
  }

  async start(actor: Actor, frameworkId: string): Promise<ApplicationView> {
    const supplierId = this.supplierOf(actor);
    if (!FRAMEWORK_ID.test(frameworkId)) throw notFound('Framework', frameworkId);
    const id = await this.db.transaction(async (m) => {
      const [f] = await m.query(`SELECT id, status, source FROM frameworks WHERE id = $1`, [frameworkId]);
      if (!f) throw notFound('Framework', frameworkId);
      const [existing] = await m.query(`SELECT id FROM framework_applications WHERE framework_id = $1 AND supplier_id = $2`, [frameworkId, supplierId]);
      if (existing) return existing.id as string;
      if (f.source !== 'operator' || f.status !== 'open') throw conflict('round-not-open', 'Applications can be started while the round is open.');
      const [a] = await m.query(
        `INSERT INTO framework_applications (framework_id, supplier_id, created_by) VALUES ($1, $2, $3) ON CONFLICT (framework_id, supplier_id) DO NOTHING RETURNING id`,
        [frameworkId, supplierId, actor.userId],
      );
      if (!a) return (await m.query(`SELECT id FROM framework_applications WHERE framework_id = $1 AND supplier_id = $2`, [frameworkId, supplierId]))[0].id as string;
      await this.audit.record({ action: 'application.started', actor, objectType: 'framework_application', objectId: a.id, after: { frameworkId } }, m);
      return a.id as string;
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, frameworkId?: string): Promise<ApplicationSummary[]> {
    const operator = actor.role === 'operator';
    const rows = await this.db.query(
      `SELECT ${SUMMARY_SELECT} FROM ${SUMMARY_FROM}
        WHERE ($1::uuid IS NULL OR a.supplier_id = $1) AND ($2::text IS NULL OR a.framework_id = $2)
        ORDER BY a.created_at DESC, a.id`,
      [operator ? null : this.supplierOf(actor), frameworkId ?? null],
    );
    return rows.map((r: any) => summary(r, operator));
  }

  /** The application row for the actor (operator: any; supplier: its own), optionally locked. */
  private async load(m: Queryable, actor: Actor, id: string, lock = false) {
    if (!UUID.test(id)) throw notFound('Application', id);
    const supplierId = actor.role === 'operator' ? null : this.supplierOf(actor);
    const [a] = await m.query(
      `SELECT a.*, f.name AS framework_name, f.status AS framework_status, f.declaration, f.agreement_sha256
         FROM framework_applications a JOIN frameworks f ON f.id = a.framework_id
        WHERE a.id = $1 AND ($2::uuid IS NULL OR a.supplier_id = $2) ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id, supplierId],
    );
    if (!a) throw notFound('Application', id);
    return a;
  }

  private editable(a: any) {
    if (a.framework_status !== 'open') throw conflict('round-closed', 'The round is closed: the declaration can no longer be changed.');
    if (a.status !== 'draft') throw conflict('application-submitted', 'The application has been submitted and can no longer be changed.');
  }

  private async solutions(m: Queryable, a: any) {
    return m.query(
      `SELECT x.item_id, i.publication_status, coalesce(ov.content, lv.content) AS content,
              ARRAY(SELECT fc.capability_id FROM framework_capabilities fc
                     WHERE fc.framework_id = $2 AND coalesce(ov.content, lv.content)->'capabilityIds' @> to_jsonb(fc.capability_id) ORDER BY 1) AS caps
         FROM application_solutions x JOIN catalogue_items i ON i.id = x.item_id
         LEFT JOIN listing_versions lv ON lv.id = i.live_version_id
         LEFT JOIN listing_versions ov ON ov.item_id = i.id AND ov.status IN ('draft','submitted')
        WHERE x.application_id = $1 ORDER BY x.item_id`,
      [a.id, a.framework_id],
    );
  }

  /** What stops the application being submitted: unfinished sections, no or unsuitable solutions. */
  private missing(a: any, solutions: any[]): FieldError[] {
    const d = a.declaration as Declaration;
    const out: FieldError[] = incompleteSections(d, a.answers, a.sections_saved).map((s) => ({ field: `sections.${s.section}`, message: `Complete the section “${s.title}”: ${s.reason}` }));
    if (!solutions.length) out.push({ field: 'solutions', message: 'Propose at least one solution' });
    for (const s of solutions) {
      const name = s.content?.name ?? s.item_id;
      if (!s.caps.length) out.push({ field: `solutions.${s.item_id}`, message: `${name}: claim at least one of the capabilities the framework covers` });
      if (!(s.content?.frameworkIds ?? []).includes(a.framework_id)) out.push({ field: `solutions.${s.item_id}`, message: `${name}: add ${a.framework_id} to the frameworks it is offered on` });
    }
    return out;
  }

  async get(actor: Actor, id: string, m: Queryable = this.db): Promise<ApplicationView> {
    const operator = actor.role === 'operator';
    const a = await this.load(m, actor, id);
    const [row] = await m.query(`SELECT ${SUMMARY_SELECT} FROM ${SUMMARY_FROM} WHERE a.id = $1`, [id]);
    const d = a.declaration as Declaration;
    const solutions = await this.solutions(m, a);
    const incomplete = new Map(incompleteSections(d, a.answers, a.sections_saved).map((s) => [s.section, s]));
    const [agreement] = await m.query(`SELECT * FROM framework_agreements WHERE application_id = $1`, [id]);
    const [on] = await m.query(`SELECT 1 FROM supplier_frameworks WHERE supplier_id = $1 AND framework_id = $2`, [a.supplier_id, a.framework_id]);
    const showResult = operator || RESULTS_OUT.includes(a.framework_status);
    const marks: Record<string, Mark> = a.marks ?? {};
    return {
      ...summary(row, operator),
      answers: a.answers,
      sections: d.form.sections.map((s) => ({ id: s.id, title: s.title, status: !a.sections_saved.includes(s.id) ? 'not-started' : incomplete.has(s.id) ? 'incomplete' : 'complete' })),
      solutions: solutions.map((s: any) => ({
        itemId: s.item_id,
        name: s.content?.name ?? s.item_id,
        publicationStatus: s.publication_status,
        frameworkCapabilityIds: s.caps,
        namesFramework: (s.content?.frameworkIds ?? []).includes(a.framework_id),
      })),
      missing: a.status === 'draft' ? this.missing(a, solutions).map((e) => e.message) : [],
      editable: a.framework_status === 'open' && a.status === 'draft',
      marks: showResult
        ? d.form.sections.flatMap((s) =>
            s.questions.filter((q) => marks[q.id]).map((q) => ({ questionId: q.id, label: q.label, kind: marks[q.id].kind, outcome: marks[q.id].outcome, reason: marks[q.id].reason, excludes: marks[q.id].excludes !== false, reviewed: marks[q.id].markedBy !== null })),
          )
        : [],
      resultReasons: showResult ? (a.result_reasons ?? []) : [],
      agreement: agreement
        ? { documentSha256: agreement.document_sha256, signerName: agreement.signer_name, signerRole: agreement.signer_role, signedAt: iso(agreement.signed_at)!, countersignedAt: iso(agreement.countersigned_at) }
        : null,
      onFramework: Boolean(on),
    };
  }

  /** Saves one section: only its questions, validated against the schema; other sections are untouched. */
  async saveSection(actor: Actor, id: string, sectionId: string, answers: Record<string, unknown>): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      const a = await this.load(m, actor, id, true);
      this.editable(a);
      const d = a.declaration as Declaration;
      const section = sectionOf(d, sectionId);
      if (!section) throw notFound('Section', sectionId);
      const errors = sectionErrors(d, section, answers);
      if (errors.length) throw validationFailed(errors, `Check the answers in “${section.title}”. Nothing in this section was saved; other sections are unchanged.`);
      const before = answersOf(section, a.answers);
      const merged = { ...Object.fromEntries(Object.entries(a.answers).filter(([k]) => !section.questions.some((q) => q.id === k))), ...answers };
      await m.query(
        `UPDATE framework_applications SET answers = $2, sections_saved = (SELECT array_agg(DISTINCT s ORDER BY s) FROM unnest(sections_saved || $3::text) s), updated_at = now() WHERE id = $1`,
        [id, JSON.stringify(merged), sectionId],
      );
      await this.audit.record({ action: 'application.section-saved', actor, objectType: 'framework_application', objectId: id, before: { section: sectionId, answers: before }, after: { section: sectionId, answers } }, m);
      return this.get(actor, id, m);
    });
  }

  /**
   * Copies answers from the supplier's most recent other application, question by question: an
   * answer that still satisfies this framework's schema is copied into a question not yet answered;
   * a section becomes saved when all its answers are then valid.
   */
  async copyPrevious(actor: Actor, id: string): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      const a = await this.load(m, actor, id, true);
      this.editable(a);
      const [prev] = await m.query(
        `SELECT id, framework_id, answers FROM framework_applications WHERE supplier_id = $1 AND id <> $2 AND answers <> '{}'::jsonb
          ORDER BY submitted_at DESC NULLS LAST, updated_at DESC LIMIT 1`,
        [a.supplier_id, id],
      );
      if (!prev) throw conflict('no-previous-application', 'You have no earlier framework application to copy from.');
      const d = a.declaration as Declaration;
      const answers: Record<string, unknown> = { ...a.answers };
      const saved = new Set<string>(a.sections_saved);
      const copied: string[] = [];
      for (const section of d.form.sections) {
        const candidate = { ...answersOf(section, prev.answers), ...answersOf(section, a.answers) };
        const bad = new Set(sectionErrors(d, section, candidate).map((e) => e.field.split('.')[0]));
        for (const q of section.questions) {
          if (answers[q.id] === undefined && candidate[q.id] !== undefined && !bad.has(q.id)) {
            answers[q.id] = candidate[q.id];
            copied.push(q.id);
          }
        }
        if (!sectionErrors(d, section, answersOf(section, answers)).length) saved.add(section.id);
      }
      await m.query(`UPDATE framework_applications SET answers = $2, sections_saved = $3, updated_at = now() WHERE id = $1`, [id, JSON.stringify(answers), [...saved].sort()]);
      await this.audit.record({ action: 'application.answers-copied', actor, objectType: 'framework_application', objectId: id, after: { fromApplication: prev.id, fromFramework: prev.framework_id, questions: copied } }, m);
      return this.get(actor, id, m);
    });
  }

  /** Replaces the proposed solutions: the supplier's own catalogue solutions (drafts are fine). */
  async setSolutions(actor: Actor, id: string, itemIds: string[]): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      const a = await this.load(m, actor, id, true);
      this.editable(a);
      const unique = [...new Set(itemIds)];
      const own = await m.query(`SELECT id FROM catalogue_items WHERE id = ANY($1) AND supplier_id = $2 AND type = 'solution'`, [unique, a.supplier_id]);
      const ownIds = new Set(own.map((r: { id: string }) => r.id));
      const errors = itemIds.map((itemId, i) => (!ownIds.has(itemId) ? { field: `itemIds[${i}]`, message: `${itemId} is not one of your solutions` } : null)).filter((e): e is FieldError => e !== null);
      if (errors.length) throw validationFailed(errors);
      const before = (await m.query(`SELECT item_id FROM application_solutions WHERE application_id = $1 ORDER BY item_id`, [id])).map((r: { item_id: string }) => r.item_id);
      await m.query(`DELETE FROM application_solutions WHERE application_id = $1`, [id]);
      await m.query(`INSERT INTO application_solutions (application_id, item_id) SELECT $1, unnest($2::text[])`, [id, unique]);
      await m.query(`UPDATE framework_applications SET updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record({ action: 'application.solutions-changed', actor, objectType: 'framework_application', objectId: id, before: { itemIds: before }, after: { itemIds: unique.sort() } }, m);
      return this.get(actor, id, m);
    });
  }

  /** Marks the application complete and submits it; an incomplete one is refused (422) with what is missing. */
  async submit(actor: Actor, id: string): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      const a = await this.load(m, actor, id, true);
      this.editable(a);
      const missing = this.missing(a, await this.solutions(m, a));
      if (missing.length) throw new DomainError(422, 'application-incomplete', 'Your application is not complete', 'Finish these before submitting your application.', missing);
      await m.query(`UPDATE framework_applications SET status = 'submitted', submitted_at = now(), submitted_by = $2, updated_at = now() WHERE id = $1`, [id, actor.userId]);
      const emails = await supplierEmails(m, a.supplier_id);
      await this.outbox.enqueueAll(
        emails.map((to) => ({
          to,
          template: 'application-submitted',
          subject: `Application submitted: ${a.framework_name}`,
          text: `Hello,\n\n${actor.name} submitted ${actor.organisation.name}’s application to ${a.framework_name}. Results will follow after the round closes.\n\n${this.config.publicUrl}/vendor/frameworks/${a.framework_id}\n`,
        })),
        m,
      );
      await this.audit.record({ action: 'application.submitted', actor, objectType: 'framework_application', objectId: id, before: { status: 'draft' }, after: { status: 'submitted' } }, m);
      return this.get(actor, id, m);
    });
  }

  /** The operator's review of a discretionary answer while the round is being evaluated. */
  async review(actor: Actor, id: string, questionId: string, body: MarkRequest): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      const a = await this.load(m, actor, id, true);
      if (a.framework_status !== 'pending') throw conflict('not-evaluating', 'Answers are reviewed while the round is pending (closed and being evaluated).');
      if (a.status !== 'submitted') throw conflict('not-submitted', 'This application was not submitted, so it is not marked.');
      const marks: Record<string, Mark> = a.marks ?? {};
      const mark = marks[questionId];
      if (!mark) throw notFound('Question', questionId);
      if (mark.kind !== 'discretionary') throw conflict('not-discretionary', 'Only discretionary answers are reviewed; pass-fail answers are marked automatically.');
      const next = { ...marks, [questionId]: { ...mark, outcome: body.outcome, reason: body.reason, markedBy: actor.userId, markedAt: new Date().toISOString() } };
      const result = resultOf(a.declaration as Declaration, next);
      await m.query(`UPDATE framework_applications SET marks = $2, result = $3, result_reasons = $4, updated_at = now() WHERE id = $1`, [id, JSON.stringify(next), result.result, JSON.stringify(result.reasons)]);
      await this.audit.record(
        { action: 'application.answer-reviewed', actor, objectType: 'framework_application', objectId: id, before: { questionId, outcome: mark.outcome, result: a.result }, after: { questionId, outcome: body.outcome, reason: body.reason, result: result.result } },
        m,
      );
      return this.get(actor, id, m);
    });
  }

  /** The supplier signs the exact agreement it was shown: the hash it saw must be the current document's. */
  async sign(actor: Actor, id: string, body: SignAgreementRequest): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      const a = await this.load(m, actor, id, true);
      if (!['standstill', 'live'].includes(a.framework_status)) throw conflict('not-signing', 'The agreement is signed once results are out (standstill).');
      if (a.result !== 'pass') throw conflict('not-successful', 'Only successful applications sign the framework agreement.');
      const [signed] = await m.query(`SELECT 1 FROM framework_agreements WHERE application_id = $1`, [id]);
      if (signed) throw conflict('already-signed', 'The agreement has already been signed.');
      if (body.documentSha256 !== a.agreement_sha256) {
        throw new DomainError(409, 'agreement-changed', 'The agreement has changed', 'The agreement you were shown is not the current one. Reload the page, read the agreement again and sign it.');
      }
      await m.query(
        `INSERT INTO framework_agreements (application_id, framework_id, supplier_id, document_sha256, signer_name, signer_role, signed_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, a.framework_id, a.supplier_id, body.documentSha256, body.signerName, body.signerRole, actor.userId],
      );
      await this.audit.record(
        { action: 'agreement.signed', actor, objectType: 'framework_application', objectId: id, after: { frameworkId: a.framework_id, documentSha256: body.documentSha256, signerName: body.signerName, signerRole: body.signerRole } },
        m,
      );
      return this.get(actor, id, m);
    });
  }

  /** The operator countersigns: the supplier is then on the framework. */
  async countersign(actor: Actor, id: string): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      const a = await this.load(m, actor, id, true);
      const [g] = await m.query(`SELECT * FROM framework_agreements WHERE application_id = $1 FOR UPDATE`, [id]);
      if (!g) throw conflict('not-signed', 'The supplier has not signed the agreement yet.');
      if (g.countersigned_at) throw conflict('already-countersigned', 'The agreement has already been countersigned.');
      await m.query(`UPDATE framework_agreements SET countersigned_by = $2, countersigned_at = now() WHERE application_id = $1`, [id, actor.userId]);
      await m.query(`INSERT INTO supplier_frameworks (supplier_id, framework_id, via) VALUES ($1, $2, 'agreement') ON CONFLICT DO NOTHING`, [a.supplier_id, a.framework_id]);
      const emails = await supplierEmails(m, a.supplier_id);
      await this.outbox.enqueueAll(
        emails.map((to) => ({
          to,
          template: 'agreement-countersigned',
          subject: `You are on ${a.framework_name}`,
          text: `Hello,\n\nThe framework agreement for ${a.framework_name} has been countersigned (document SHA-256 ${g.document_sha256}).\n\nYour solutions can now be assessed and submitted for publication on ${a.framework_id}.\n`,
        })),
        m,
      );
      await this.audit.record(
        { action: 'agreement.countersigned', actor, organisationId: a.supplier_id, objectType: 'framework_application', objectId: id, before: { onFramework: false }, after: { onFramework: true, frameworkId: a.framework_id, documentSha256: g.document_sha256 } },
        m,
      );
      return this.get(actor, id, m);
    });
  }
}
