import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { conflict, forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { OutboxService, OutgoingEmail } from '../mail/outbox.service';
import { toCsv } from '../search/csv';
import { autoMark, Declaration, definitionProblems, Mark, resultOf } from './declaration';
import { sha256 } from './demo-onboarding.seed';
import {
  AnswerClarificationRequest, ClarificationView, CreateFrameworkRoundRequest, FrameworkRoundDetail, FrameworkRoundView, InterestView,
} from './dto/onboarding.dto';
import { dateProblems, FrameworkStatus, RoundDates, statusIndex, statusOn, stepsBetween, todayInLondon } from './lifecycle';
import { supplierEmails } from './registrations.service';

type Queryable = Pick<EntityManager, 'query'>;
const FRAMEWORK_ID = /^[A-Za-z0-9]{2,16}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ROUND_SELECT = `f.id, f.name, f.short_name, f.owner, f.description, f.status, f.source, f.funding_types, f.maximum_term_months,
  f.interest_from, f.opens_on, f.closes_on, f.results_on, f.live_on, f.expires_on, f.agreement_sha256, f.status_changed_at,
  coalesce((SELECT json_agg(json_build_object('id', c.id, 'ref', c.ref, 'name', c.name) ORDER BY c.id)
              FROM framework_capabilities fc JOIN capabilities c ON c.id = fc.capability_id WHERE fc.framework_id = f.id), '[]') AS capabilities`;

function roundView(r: any): FrameworkRoundView {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    owner: r.owner,
    description: r.description ?? null,
    status: r.status,
    source: r.source,
    fundingTypes: r.funding_types,
    maximumTermMonths: r.maximum_term_months,
    capabilities: r.capabilities,
    dates: { interestFrom: r.interest_from, opensOn: r.opens_on, closesOn: r.closes_on, resultsOn: r.results_on, liveOn: r.live_on, expiresOn: r.expires_on },
    agreementSha256: r.agreement_sha256 ?? null,
    statusChangedAt: r.status_changed_at ? new Date(r.status_changed_at).toISOString() : null,
  };
}

const datesOf = (r: any): RoundDates => ({ interestFrom: r.interest_from, opensOn: r.opens_on, closesOn: r.closes_on, resultsOn: r.results_on, liveOn: r.live_on, expiresOn: r.expires_on });

/**
 * Framework rounds: the operator creates them; their status follows their dates (a daily job) or
 * is forced by the operator; every change is audited and runs its side effects in the same
 * transaction (marking at close, results at standstill, emails through the outbox).
 */
@Injectable()
export class RoundsService {
  private readonly logger = new Logger('FrameworkRounds');

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<FrameworkRoundView[]> {
    const rows = await this.db.query(
      `SELECT ${ROUND_SELECT} FROM frameworks f
        ORDER BY array_position(ARRAY['open','coming','pending','standstill','live','expired']::varchar[], f.status), f.opens_on DESC NULLS LAST, f.id`,
    );
    return rows.map(roundView);
  }

  async get(id: string, m: Queryable = this.db): Promise<FrameworkRoundDetail> {
    if (!FRAMEWORK_ID.test(id)) throw notFound('Framework', id);
    const [r] = await m.query(`SELECT ${ROUND_SELECT}, f.declaration, f.agreement_text FROM frameworks f WHERE f.id = $1`, [id]);
    if (!r) throw notFound('Framework', id);
    return { ...roundView(r), declaration: r.declaration ?? null, agreementText: r.agreement_text ?? null };
  }

  async create(actor: Actor, body: CreateFrameworkRoundRequest, now = new Date()): Promise<FrameworkRoundDetail> {
    const dates: RoundDates = { interestFrom: body.dates.interestFrom ?? null, opensOn: body.dates.opensOn, closesOn: body.dates.closesOn, resultsOn: body.dates.resultsOn, liveOn: body.dates.liveOn, expiresOn: body.dates.expiresOn };
    const errors = [...dateProblems(dates), ...definitionProblems(body.declaration as unknown as Declaration)];
    const known = await this.db.query(`SELECT id FROM capabilities WHERE id = ANY($1)`, [body.capabilityIds]);
    const knownIds = new Set(known.map((k: { id: number }) => k.id));
    body.capabilityIds.forEach((id, i) => !knownIds.has(id) && errors.push({ field: `capabilityIds[${i}]`, message: `There is no capability ${id}` }));
    if (errors.length) throw validationFailed(errors);
    const status = statusOn(dates, todayInLondon(now));
    return this.db.transaction(async (m) => {
      const [exists] = await m.query(`SELECT 1 FROM frameworks WHERE id = $1`, [body.id]);
      if (exists) throw validationFailed([{ field: 'id', message: `There is already a framework ${body.id}` }]);
      await m.query(
        `INSERT INTO frameworks (id, name, short_name, owner, funding_types, status, maximum_term_months, source, description,
           interest_from, opens_on, closes_on, results_on, live_on, expires_on, declaration, agreement_text, agreement_sha256, status_changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'operator', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, now())`,
        [body.id, body.name, body.shortName, body.owner, body.fundingTypes, status, body.maximumTermMonths, body.description ?? null,
          dates.interestFrom, dates.opensOn, dates.closesOn, dates.resultsOn, dates.liveOn, dates.expiresOn, JSON.stringify(body.declaration), body.agreementText, sha256(body.agreementText)],
      );
      await m.query(`INSERT INTO framework_capabilities (framework_id, capability_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`, [body.id, body.capabilityIds]);
      const round = await this.get(body.id, m);
      const { declaration: _d, agreementText: _a, ...after } = round;
      await this.audit.record({ action: 'framework.created', actor, objectType: 'framework', objectId: body.id, after }, m);
      return round;
    });
  }

  /** The operator forces a round to a later status (each step in between runs and is audited). */
  async force(actor: Actor, id: string, to: FrameworkStatus, reason: string): Promise<FrameworkRoundDetail> {
    if (!FRAMEWORK_ID.test(id)) throw notFound('Framework', id);
    await this.db.transaction(async (m) => {
      const [f] = await m.query(`SELECT * FROM frameworks WHERE id = $1 FOR UPDATE`, [id]);
      if (!f) throw notFound('Framework', id);
      if (f.source !== 'operator' && to !== 'expired') throw conflict('invalid-transition', 'An imported framework can only be expired.');
      const steps = stepsBetween(f.status, to);
      if (!steps.length) throw conflict('invalid-transition', `A ${f.status} framework cannot move to ${to}: rounds only move forward.`);
      let from: FrameworkStatus = f.status;
      for (const step of steps) {
        await this.step(m, f, from, step, { actor, reason, forced: true });
        from = step;
      }
    });
    return this.get(id);
  }

  /**
   * The scheduled job: moves every operator round to the status its dates give for `now`. A round
   * the operator forced ahead is never moved back. Returns the transitions made.
   */
  async advanceByDate(now = new Date()): Promise<{ id: string; from: string; to: string }[]> {
    const today = todayInLondon(now);
    const rounds = await this.db.query(`SELECT id FROM frameworks WHERE source = 'operator' AND status <> 'expired' ORDER BY id`);
    const done: { id: string; from: string; to: string }[] = [];
    for (const { id } of rounds) {
      try {
        await this.db.transaction(async (m) => {
          const [f] = await m.query(`SELECT * FROM frameworks WHERE id = $1 FOR UPDATE`, [id]);
          let from: FrameworkStatus = f.status;
          for (const step of stepsBetween(f.status, statusOn(datesOf(f), today))) {
            await this.step(m, f, from, step, { actor: null, reason: `Scheduled: the ${step} date has come`, forced: false });
            done.push({ id, from, to: step });
            from = step;
          }
        });
      } catch (e) {
        // One round that cannot move (e.g. marking unfinished at standstill) must not stop the others.
        this.logger.warn(`Framework ${id} not advanced: ${e instanceof Error ? e.message : e}`);
      }
    }
    return done;
  }

  private async step(m: EntityManager, f: any, from: FrameworkStatus, to: FrameworkStatus, how: { actor: Actor | null; reason: string; forced: boolean }) {
    if (statusIndex(to) !== statusIndex(from) + 1) throw new Error(`not a single step: ${from} → ${to}`);
    const emails: OutgoingEmail[] = [];
    const link = `${this.config.publicUrl}/vendor/frameworks/${f.id}`;
    if (to === 'open') {
      const rows = await m.query(`SELECT supplier_id FROM framework_interest WHERE framework_id = $1`, [f.id]);
      for (const r of rows) {
        for (const address of await supplierEmails(m, r.supplier_id)) {
          emails.push({ to: address, template: 'framework-open', subject: `${f.name} is open for applications`, text: `Hello,\n\n${f.name} is now open for applications until ${f.closes_on}.\n\nApply here:\n${link}\n` });
        }
      }
    }
    if (to === 'pending') await this.markAtClose(m, f);
    if (to === 'standstill') {
      const [pending] = await m.query(`SELECT count(*)::int AS n FROM framework_applications WHERE framework_id = $1 AND result = 'pending'`, [f.id]);
      if (pending.n > 0) throw conflict('marking-unfinished', `${pending.n} application(s) still have discretionary answers to review before results can be published.`);
      const apps = await m.query(`SELECT id, supplier_id, result, result_reasons FROM framework_applications WHERE framework_id = $1`, [f.id]);
      for (const a of apps) {
        const text =
          a.result === 'pass'
            ? `Hello,\n\nYour application to ${f.name} was successful.\n\nSign the framework agreement in the portal to join the framework:\n${link}\n`
            : `Hello,\n\nYour application to ${f.name} was not successful, for these reasons:\n\n${(a.result_reasons as string[]).map((r) => `- ${r}`).join('\n')}\n\nYou can see the full result in the portal:\n${link}\n`;
        for (const address of await supplierEmails(m, a.supplier_id)) emails.push({ to: address, template: 'framework-result', subject: `Your result for ${f.name}`, text });
      }
    }
    await m.query(`UPDATE frameworks SET status = $2, status_changed_at = now() WHERE id = $1`, [f.id, to]);
    await this.outbox.enqueueAll(emails, m);
    await this.audit.record(
      { action: how.forced ? 'framework.status-forced' : 'framework.status-changed', actor: how.actor, objectType: 'framework', objectId: f.id, before: { status: from }, after: { status: to, reason: how.reason } },
      m,
    );
  }

  /** The automatic first marking when the round closes; applications not submitted fail. */
  private async markAtClose(m: EntityManager, f: any) {
    const declaration = f.declaration as Declaration;
    const apps = await m.query(`SELECT id, status, answers FROM framework_applications WHERE framework_id = $1 FOR UPDATE`, [f.id]);
    const now = new Date();
    for (const a of apps) {
      let marks: Record<string, Mark> = {};
      let outcome: { result: string; reasons: string[] };
      if (a.status !== 'submitted') outcome = { result: 'fail', reasons: ['The application was not submitted before the round closed'] };
      else {
        marks = autoMark(declaration, a.answers, now);
        outcome = resultOf(declaration, marks);
      }
      await m.query(`UPDATE framework_applications SET marks = $2, result = $3, result_reasons = $4, marked_at = now(), updated_at = now() WHERE id = $1`, [
        a.id, JSON.stringify(marks), outcome.result, JSON.stringify(outcome.reasons),
      ]);
    }
  }

  // ---- interest ------------------------------------------------------------------------------

  async registerInterest(actor: Actor, id: string): Promise<InterestView> {
    if (actor.organisation.type !== 'supplier') throw forbidden('Only suppliers register interest.');
    const round = await this.get(id);
    if (round.source !== 'operator' || !['coming', 'open'].includes(round.status)) throw conflict('not-accepting-interest', 'Interest can be registered while a round is coming or open.');
    return this.db.transaction(async (m) => {
      const [r] = await m.query(
        `INSERT INTO framework_interest (framework_id, supplier_id, registered_by) VALUES ($1, $2, $3)
         ON CONFLICT (framework_id, supplier_id) DO UPDATE SET framework_id = EXCLUDED.framework_id RETURNING registered_at, (xmax = 0) AS inserted`,
        [id, actor.organisation.id, actor.userId],
      );
      if (r.inserted) await this.audit.record({ action: 'framework.interest-registered', actor, objectType: 'framework', objectId: id }, m);
      return { frameworkId: id, registeredAt: new Date(r.registered_at).toISOString() };
    });
  }

  // ---- clarification questions ----------------------------------------------------------------

  async ask(actor: Actor, id: string, question: string): Promise<ClarificationView> {
    if (actor.organisation.type !== 'supplier') throw forbidden('Only suppliers ask clarification questions.');
    const round = await this.get(id);
    if (round.status !== 'open') throw conflict('round-not-open', 'Clarification questions can be asked while the round is open.');
    return this.db.transaction(async (m) => {
      const [c] = await m.query(
        `INSERT INTO framework_clarifications (framework_id, supplier_id, asked_by, question) VALUES ($1, $2, $3, $4) RETURNING id`,
        [id, actor.organisation.id, actor.userId, question],
      );
      await this.audit.record({ action: 'clarification.asked', actor, objectType: 'framework_clarification', objectId: c.id, after: { frameworkId: id, question } }, m);
      return (await this.clarifications(actor, id, m)).find((x) => x.id === c.id)!;
    });
  }

  /** Suppliers see every published answer and their own questions; the operator sees all. */
  async clarifications(actor: Actor, id: string, m: Queryable = this.db): Promise<ClarificationView[]> {
    await this.get(id, m);
    const operator = actor.role === 'operator';
    const rows = await m.query(
      `SELECT c.id, c.framework_id, c.question, c.published_question, c.answer, c.asked_at, c.published_at, o.code, c.supplier_id = $2 AS mine
         FROM framework_clarifications c JOIN organisations o ON o.id = c.supplier_id
        WHERE c.framework_id = $1 AND ($3 OR c.published_at IS NOT NULL OR c.supplier_id = $2)
        ORDER BY c.published_at NULLS LAST, c.asked_at, c.id`,
      [id, actor.organisation.id, operator],
    );
    return rows.map((r: any) => ({
      id: r.id,
      frameworkId: r.framework_id,
      question: r.published_question ?? r.question,
      askedQuestion: operator || r.mine ? r.question : null,
      askedBy: operator ? r.code : null,
      mine: r.mine,
      askedAt: new Date(r.asked_at).toISOString(),
      answer: r.answer ?? null,
      publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    }));
  }

  /** Publishes an answer, with the question reworded so it does not identify the asker, to every applicant. */
  async answer(actor: Actor, clarificationId: string, body: AnswerClarificationRequest): Promise<ClarificationView> {
    if (!UUID.test(clarificationId)) throw notFound('Clarification question', clarificationId);
    return this.db.transaction(async (m) => {
      const [c] = await m.query(`SELECT c.*, f.name AS framework_name FROM framework_clarifications c JOIN frameworks f ON f.id = c.framework_id WHERE c.id = $1 FOR UPDATE OF c`, [clarificationId]);
      if (!c) throw notFound('Clarification question', clarificationId);
      if (c.published_at) throw conflict('already-published', 'This answer has already been published.');
      await m.query(`UPDATE framework_clarifications SET published_question = $2, answer = $3, answered_by = $4, published_at = now() WHERE id = $1`, [clarificationId, body.publishedQuestion, body.answer, actor.userId]);
      const suppliers = await m.query(
        `SELECT supplier_id FROM framework_applications WHERE framework_id = $1 UNION SELECT supplier_id FROM framework_interest WHERE framework_id = $1 UNION SELECT $2::uuid`,
        [c.framework_id, c.supplier_id],
      );
      const emails: OutgoingEmail[] = [];
      for (const s of suppliers) {
        for (const to of await supplierEmails(m, s.supplier_id)) {
          emails.push({
            to,
            template: 'clarification-published',
            subject: `Clarification answer published for ${c.framework_name}`,
            text: `Hello,\n\nA clarification answer has been published for ${c.framework_name}.\n\nQuestion: ${body.publishedQuestion}\n\nAnswer: ${body.answer}\n`,
          });
        }
      }
      await this.outbox.enqueueAll(emails, m);
      await this.audit.record(
        { action: 'clarification.published', actor, objectType: 'framework_clarification', objectId: clarificationId, before: { question: c.question }, after: { publishedQuestion: body.publishedQuestion, answer: body.answer } },
        m,
      );
      return (await this.clarifications(actor, c.framework_id, m)).find((x) => x.id === clarificationId)!;
    });
  }

  // ---- exports ---------------------------------------------------------------------------------

  async applicationsCsv(id: string): Promise<string> {
    const round = await this.get(id);
    const rows = await this.db.query(
      `SELECT o.code, o.name, s.companies_house_number, a.status, a.created_at, a.submitted_at, cardinality(a.sections_saved) AS sections,
              (SELECT string_agg(x.item_id, '; ' ORDER BY x.item_id) FROM application_solutions x WHERE x.application_id = a.id) AS solutions
         FROM framework_applications a JOIN organisations o ON o.id = a.supplier_id LEFT JOIN suppliers s ON s.organisation_id = o.id
        WHERE a.framework_id = $1 ORDER BY o.name, o.code`,
      [id],
    );
    const total = (round.declaration as unknown as Declaration | null)?.form.sections.length ?? 0;
    return toCsv([
      ['Supplier code', 'Supplier', 'Companies House number', 'Status', 'Started', 'Submitted', 'Sections saved', 'Proposed solutions'],
      ...rows.map((r: any) => [r.code, r.name, r.companies_house_number, r.status, iso(r.created_at), iso(r.submitted_at), `${r.sections} of ${total}`, r.solutions ?? '']),
    ]);
  }

  async resultsCsv(id: string): Promise<string> {
    await this.get(id);
    const rows = await this.db.query(
      `SELECT o.code, o.name, a.status, a.result, a.result_reasons, g.signed_at, g.signer_name, g.signer_role, g.document_sha256, g.countersigned_at
         FROM framework_applications a JOIN organisations o ON o.id = a.supplier_id LEFT JOIN framework_agreements g ON g.application_id = a.id
        WHERE a.framework_id = $1 ORDER BY o.name, o.code`,
      [id],
    );
    return toCsv([
      ['Supplier code', 'Supplier', 'Application', 'Result', 'Reasons', 'Signed', 'Signer', 'Signer role', 'Agreement SHA-256', 'Countersigned'],
      ...rows.map((r: any) => [r.code, r.name, r.status, r.result ?? 'not marked', (r.result_reasons ?? []).join('; '), iso(r.signed_at), r.signer_name, r.signer_role, r.document_sha256, iso(r.countersigned_at)]),
    ]);
  }
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : '');

