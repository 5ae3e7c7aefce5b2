import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { conflict, DomainError, FieldError, notFound, validationFailed } from '../../core/errors/domain-error';
import { likeContains, orderBy, Page, pagedQuery, Where } from '../../core/http/paging';
import type { ListingIntegration, ListingPrice } from '../catalogue/listing';
import { parseRecipientsCsv, OrdersService } from '../ordering/orders.service';
import { formatOrderNumber } from '../ordering/order.rules';
import { estimateCost, takesEnteredQuantity } from '../pricing/calculate';
import { formatPrice } from '../search/price-display';
import {
  AwardBody, CompetitionDetail, CompetitionListQuery, CompetitionOptions, CompetitionResult, CompetitionSolution, CompetitionSummary, CompetitionTask,
  CompetitionTermBody, CreateCompetitionBody, CriteriaBody, NameBody, PricesBody, RequirementsBody, ScoresBody, SolutionsBody,
} from './dto/competitions.dto';
import {
  Candidate, Criteria, CriteriaType, criteriaErrors, Element, ELEMENT_NAMES, MAX_INCLUDED, MIN_INCLUDED, NO_WEIGHTS, rank, Result, usedElements,
  Weights,
} from './scoring';

type Db = Pick<EntityManager, 'query'>;

/** One competition as stored, with the names the views need. */
interface CompetitionRow {
  id: string;
  organisation_id: string;
  name: string;
  shortlist_id: string | null;
  shortlist_name: string | null;
  status: 'draft' | 'completed';
  award_type: 'competition' | 'direct' | null;
  framework_id: string | null;
  framework_name: string | null;
  framework_max: number | null;
  framework_status: string | null;
  term_months: number | null;
  criteria_type: CriteriaType | null;
  price_weight: number | null;
  features_weight: number;
  implementation_weight: number;
  interoperability_weight: number;
  service_levels_weight: number;
  results: StoredResults | null;
  order_number: number | null;
  created_at: Date;
  created_by_name: string | null;
  completed_at: Date | null;
  completed_by_name: string | null;
}

/** What completion freezes: the result, and the recipients as they were priced. */
interface StoredResults extends Result {
  recipients: { odsCode: string; name: string; registeredPatients: number | null }[];
}

interface SolutionRow {
  item_id: string;
  listing_version_id: string;
  included: boolean | null;
  exclusion_reason: string | null;
  price_id: string | null;
  quantity: number | null;
  name: string;
  prices: ListingPrice[] | null;
  integrations: ListingIntegration[] | null;
  framework_ids: string[] | null;
  supplier_code: string;
  supplier_name: string;
  accreditation_status: string | null;
  listed: boolean;
}

interface RecipientRow {
  practice_id: string;
  code: string;
  name: string;
  registered_patients: number | null;
}

interface ScoreRow {
  item_id: string;
  element: string;
  score: number;
  justification: string;
}

interface RequirementRow {
  kind: 'feature' | 'integration';
  text: string;
  priority: 'must' | 'should' | null;
}

/** Everything about one competition, read once per request and used by every view and check. */
interface State {
  c: CompetitionRow;
  solutions: SolutionRow[];
  recipients: RecipientRow[];
  scores: ScoreRow[];
  requirements: RequirementRow[];
}

// Element keys in the API and in the database.
const DB_ELEMENT: Record<Element, string> = { features: 'features', implementation: 'implementation', interoperability: 'interoperability', serviceLevels: 'service_levels' };
const API_ELEMENT = Object.fromEntries(Object.entries(DB_ELEMENT).map(([k, v]) => [v, k])) as Record<string, Element>;

const COMPETITION_SELECT = `
  SELECT c.*, sl.name AS shortlist_name, f.name AS framework_name, f.maximum_term_months AS framework_max, f.status AS framework_status,
         cu.name AS created_by_name, du.name AS completed_by_name
    FROM competitions c
    LEFT JOIN shortlists sl ON sl.id = c.shortlist_id
    LEFT JOIN frameworks f ON f.id = c.framework_id
    LEFT JOIN users cu ON cu.id = c.created_by
    LEFT JOIN users du ON du.id = c.completed_by`;

const TASK_TITLES: Record<CompetitionTask['key'], string> = {
  solutions: 'Solutions to compare',
  recipients: 'Service recipients',
  term: 'Framework and contract length',
  prices: 'Prices to compare',
  criteria: 'Award criteria and weightings',
  requirements: 'Requirements',
  scores: 'Scores and justifications',
  results: 'Results',
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Competitions: each belongs to one organisation and only it sees it (others get 404, as for
 * orders). Every write locks the competition, refuses once it is completed, and is audited with
 * before and after in the same transaction.
 */
@Injectable()
export class CompetitionsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly orders: OrdersService,
  ) {}

  // ---- reading ---------------------------------------------------------------------------------

  async list(actor: Actor, query: CompetitionListQuery): Promise<Page<CompetitionSummary>> {
    const where = new Where().add('c.organisation_id = ?', actor.organisation.id);
    if (query.status) where.add('c.status = ?', query.status);
    if (query.q?.trim()) where.add('c.name ILIKE ?', likeContains(query.q.trim()));
    const order = orderBy(query.sort, { name: 'lower(c.name)', createdAt: 'c.created_at', updatedAt: 'c.updated_at' }, 'c.updated_at DESC, c.id');
    const page = await pagedQuery<Record<string, any>>(
      this.db,
      {
        select: `c.id, c.name, c.status, c.award_type, sl.name AS shortlist_name, c.created_at, c.updated_at, c.completed_at, c.order_number,
                 (SELECT count(*)::int FROM competition_solutions cs WHERE cs.competition_id = c.id AND cs.included) AS included_count,
                 (SELECT count(*)::int FROM competition_solutions cs WHERE cs.competition_id = c.id) AS solution_count`,
        from: 'competitions c LEFT JOIN shortlists sl ON sl.id = c.shortlist_id',
        where,
        orderBy: order,
      },
      query,
    );
    return {
      ...page,
      items: page.items.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        awardType: r.award_type,
        shortlistName: r.shortlist_name,
        includedCount: r.included_count,
        solutionCount: r.solution_count,
        createdAt: iso(r.created_at)!,
        updatedAt: iso(r.updated_at)!,
        completedAt: iso(r.completed_at),
        orderRef: r.order_number ? formatOrderNumber(r.order_number, 1) : null,
      })),
    };
  }

  async options(actor: Actor): Promise<CompetitionOptions> {
    const [shortlists, frameworks, integrations] = await Promise.all([
      this.db.query(
        `SELECT sl.id, sl.name,
                (SELECT count(*)::int FROM shortlist_items si JOIN catalogue_items i ON i.id = si.item_id
                  WHERE si.shortlist_id = sl.id AND i.type = 'solution') AS "solutionCount"
           FROM shortlists sl WHERE sl.organisation_id = $1 ORDER BY lower(sl.name), sl.id`,
        [actor.organisation.id],
      ),
      this.db.query(`SELECT id, name, maximum_term_months AS "maxTermMonths" FROM frameworks WHERE status = 'live' ORDER BY name, id`),
      this.integrationTypes(this.db),
    ]);
    return { shortlists, frameworks, integrationTypes: integrations };
  }

  async detail(actor: Actor, id: string): Promise<CompetitionDetail> {
    return this.view(await this.state(actor, id, this.db));
  }

  /** The detail of a completed competition, for its results PDF (a draft has no results yet). */
  async detailForPdf(actor: Actor, id: string): Promise<CompetitionDetail> {
    const detail = await this.detail(actor, id);
    if (detail.status !== 'completed') throw conflict('competition-not-completed', 'The results PDF is available once the competition is completed.');
    return detail;
  }

  /** A competition of the actor's organisation, or 404 (never 403: others' competitions are not acknowledged). */
  private async load(actor: Actor, id: string, db: Db, lock = false): Promise<CompetitionRow> {
    const [row] = await db.query(`${COMPETITION_SELECT} WHERE c.id = $1 AND c.organisation_id = $2${lock ? ' FOR UPDATE OF c' : ''}`, [id, actor.organisation.id]);
    if (!row) throw notFound('Competition', id);
    return row;
  }

  private async state(actor: Actor, id: string, db: Db, lock = false): Promise<State> {
    const c = await this.load(actor, id, db, lock);
    const [row] = await db.query(
      `SELECT
         (SELECT coalesce(json_agg(x ORDER BY x.position, x.item_id), '[]') FROM (
            SELECT cs.item_id, cs.listing_version_id, cs.included, cs.exclusion_reason, cs.price_id, cs.quantity, cs.position,
                   v.content->>'name' AS name, v.content->'prices' AS prices, v.content->'integrations' AS integrations,
                   v.content->'frameworkIds' AS framework_ids, o.code AS supplier_code, o.name AS supplier_name, i.accreditation_status,
                   (i.publication_status IN ('published','in_remediation')) AS listed
              FROM competition_solutions cs
              JOIN listing_versions v ON v.id = cs.listing_version_id
              JOIN catalogue_items i ON i.id = cs.item_id
              JOIN organisations o ON o.id = i.supplier_id
             WHERE cs.competition_id = $1) x) AS solutions,
         (SELECT coalesce(json_agg(x ORDER BY x.name, x.code), '[]') FROM (
            SELECT p.id AS practice_id, p.code, p.name, p.registered_patients
              FROM competition_recipients r JOIN organisations p ON p.id = r.practice_id WHERE r.competition_id = $1) x) AS recipients,
         (SELECT coalesce(json_agg(x ORDER BY x.item_id, x.element), '[]') FROM (
            SELECT item_id, element, score, justification FROM competition_scores WHERE competition_id = $1) x) AS scores,
         (SELECT coalesce(json_agg(x ORDER BY x.kind, x.position), '[]') FROM (
            SELECT kind, position, text, priority FROM competition_requirements WHERE competition_id = $1) x) AS requirements`,
      [c.id],
    );
    return { c, solutions: row.solutions, recipients: row.recipients, scores: row.scores, requirements: row.requirements };
  }

  private async integrationTypes(db: Db): Promise<string[]> {
    const rows: { key: string }[] = await db.query(`SELECT integration || ': ' || name AS key FROM integration_types ORDER BY integration, name`);
    return rows.map((r) => r.key);
  }

  // ---- rules over a state ----------------------------------------------------------------------

  private criteria(c: CompetitionRow): Criteria | null {
    if (!c.criteria_type || c.price_weight === null) return null;
    return { type: c.criteria_type, priceWeight: c.price_weight, weights: weightsOf(c) };
  }

  /** Whole-term cost of a solution's chosen price for the recipients and term; null until all are chosen. */
  private wholeTerm(s: SolutionRow, st: State): number | null {
    const price = s.price_id ? (s.prices ?? []).find((p) => p.id === s.price_id) : undefined;
    if (!price || !st.recipients.length || !st.c.term_months) return null;
    if (takesEnteredQuantity(price) && s.quantity === null) return null;
    const estimate = estimateCost([price], {
      recipients: st.recipients.map((r) => ({ odsCode: r.code, registeredPatients: r.registered_patients })),
      quantities: s.quantity === null ? {} : { [price.id]: s.quantity },
      termMonths: st.c.term_months,
    });
    return estimate.totals.wholeTermPence;
  }

  private scoreOf(st: State, itemId: string, e: Element): ScoreRow | undefined {
    return st.scores.find((s) => s.item_id === itemId && s.element === DB_ELEMENT[e]);
  }

  /** The candidates to rank, or null while anything the ranking needs is missing. */
  private candidates(st: State, included: SolutionRow[], criteria: Criteria): Candidate[] | null {
    const out: Candidate[] = [];
    for (const s of included) {
      const cost = this.wholeTerm(s, st);
      if (cost === null) return null;
      const scores: Partial<Record<Element, number>> = {};
      for (const e of usedElements(criteria)) {
        const score = this.scoreOf(st, s.item_id, e);
        if (!score) return null;
        scores[e] = score.score;
      }
      out.push({ itemId: s.item_id, name: s.name, supplierName: s.supplier_name, wholeTermPence: cost, scores });
    }
    return out;
  }

  /** Why an included solution cannot be ordered on the competition's framework (empty when it can). */
  private orderability(s: SolutionRow, c: CompetitionRow): string[] {
    const out: string[] = [];
    if (!s.listed) out.push(`${s.name} is no longer listed in the catalogue, so it cannot be ordered; leave it out`);
    if (!['accredited', 'conditional'].includes(s.accreditation_status ?? '')) {
      out.push(`${s.name} cannot be ordered: its accreditation is ${s.accreditation_status ?? 'not yet assessed'}. Leave it out, or choose another solution`);
    }
    if (c.framework_id && !(s.framework_ids ?? []).includes(c.framework_id)) out.push(`${s.name} is not on the ${c.framework_name} framework`);
    return out;
  }

  /** What stops a direct award or a completion that both need: recipients, term, prices, orderability. */
  private commonBlockers(st: State, included: SolutionRow[]): string[] {
    const { c } = st;
    const out: string[] = [];
    const undecided = st.solutions.filter((s) => s.included === null);
    for (const s of undecided) out.push(`Decide whether to include ${s.name}`);
    if (!st.recipients.length) out.push('Choose the service recipients');
    if (!c.framework_id || !c.term_months) out.push('Choose the framework and contract length');
    else if (c.framework_status !== 'live') out.push(`The ${c.framework_name} framework is not live; choose a live framework`);
    else if (c.term_months > c.framework_max!) out.push(`The contract length is more than the ${c.framework_name} framework’s maximum of ${c.framework_max} months`);
    for (const s of included) {
      out.push(...this.orderability(s, c));
      const price = s.price_id ? (s.prices ?? []).find((p) => p.id === s.price_id) : undefined;
      if (!price) out.push(`Choose the price to compare for ${s.name}`);
      else if (takesEnteredQuantity(price) && s.quantity === null) out.push(`Enter the quantity for ${s.name}’s price`);
    }
    if (included.some((s) => (s.prices ?? []).find((p) => p.id === s.price_id)?.provisioningType === 'per_patient') && st.recipients.some((r) => r.registered_patients === null)) {
      out.push('Some practices have no registered patient count, so per-patient prices cannot be worked out');
    }
    return out;
  }

  private blockers(st: State): string[] {
    if (st.c.status !== 'draft') return [];
    const included = st.solutions.filter((s) => s.included === true);
    const out: string[] = [];
    if (included.length < MIN_INCLUDED) {
      out.push(included.length === 1 ? 'Include at least 2 solutions to compare, or award the one included directly' : 'Include at least 2 solutions to compare');
    }
    if (included.length > MAX_INCLUDED) out.push(`Include at most ${MAX_INCLUDED} solutions`);
    out.push(...this.commonBlockers(st, included));
    const criteria = this.criteria(st.c);
    if (!criteria) {
      out.push('Choose the award criteria and weightings');
    } else {
      const used = usedElements(criteria);
      const features = st.requirements.filter((r) => r.kind === 'feature');
      const integrations = st.requirements.filter((r) => r.kind === 'integration');
      if (used.includes('features') && !features.length) out.push('Add the feature requirements (MUST or SHOULD) the solutions are scored against');
      if (used.includes('interoperability') && !integrations.length) out.push('Choose the integration types the solutions are scored against');
      for (const s of included) {
        for (const e of used) if (!this.scoreOf(st, s.item_id, e)) out.push(`Score ${s.name} on ${ELEMENT_NAMES[e].toLowerCase()}`);
      }
    }
    return [...new Set(out)];
  }

  private directBlockers(st: State): string[] {
    if (st.c.status !== 'draft') return ['The competition is completed'];
    const included = st.solutions.filter((s) => s.included === true);
    const out: string[] = [];
    if (included.length !== 1) out.push('A direct award needs exactly one solution included');
    out.push(...this.commonBlockers(st, included));
    return [...new Set(out)];
  }

  private tasks(st: State): CompetitionTask[] {
    const { c } = st;
    const included = st.solutions.filter((s) => s.included === true);
    const decided = st.solutions.filter((s) => s.included !== null);
    const criteria = this.criteria(c);
    const used = usedElements(criteria);
    const priced = included.filter((s) => {
      const p = (s.prices ?? []).find((x) => x.id === s.price_id);
      return p && (!takesEnteredQuantity(p) || s.quantity !== null);
    });
    const features = st.requirements.some((r) => r.kind === 'feature');
    const integrations = st.requirements.some((r) => r.kind === 'integration');
    const scored = included.filter((s) => used.every((e) => this.scoreOf(st, s.item_id, e)));
    const anyScore = included.some((s) => used.some((e) => this.scoreOf(st, s.item_id, e)));
    const solutionsDone = decided.length === st.solutions.length && included.length >= 1 && included.length <= MAX_INCLUDED;
    const status = (done: boolean, canStart: boolean, started: boolean): string => (done ? 'completed' : !canStart ? 'cannot_start' : started ? 'in_progress' : 'not_started');
    const completed = c.status === 'completed';
    const all: Record<CompetitionTask['key'], string> = {
      solutions: status(solutionsDone, true, decided.length > 0),
      recipients: status(st.recipients.length > 0, true, false),
      term: status(!!c.framework_id && !!c.term_months, true, false),
      prices: status(solutionsDone && priced.length === included.length, solutionsDone, priced.length > 0),
      criteria: status(!!criteria, true, false),
      requirements: status(
        !!criteria && (!used.includes('features') || features) && (!used.includes('interoperability') || integrations),
        !!criteria,
        features || integrations,
      ),
      scores: status(solutionsDone && !!criteria && scored.length === included.length, solutionsDone && !!criteria, anyScore),
      results: completed ? 'completed' : this.blockers(st).length ? 'cannot_start' : 'not_started',
    };
    return (Object.keys(TASK_TITLES) as CompetitionTask['key'][]).map((key) => ({ key, title: TASK_TITLES[key], status: completed ? 'completed' : all[key] }));
  }

  private view(st: State): CompetitionDetail {
    const { c } = st;
    const completed = c.status === 'completed';
    const criteria = this.criteria(c);
    const frozen = completed ? c.results : null;
    const frozenCost = new Map((frozen?.ranking ?? []).map((r) => [r.itemId, r.wholeTermPence]));
    const solutions: CompetitionSolution[] = st.solutions.map((s) => ({
      itemId: s.item_id,
      name: s.name,
      supplierCode: s.supplier_code,
      supplierName: s.supplier_name,
      listingVersionId: s.listing_version_id,
      included: s.included,
      exclusionReason: s.exclusion_reason,
      accreditationStatus: s.accreditation_status,
      integrationTypes: integrationKeys(s.integrations),
      prices: (s.prices ?? []).map((p) => ({ id: p.id, display: formatPrice(p), takesQuantity: takesEnteredQuantity(p) })),
      priceId: s.price_id,
      quantity: s.quantity,
      wholeTermPence: completed ? (frozenCost.get(s.item_id) ?? null) : s.included === false ? null : this.wholeTerm(s, st),
    }));
    const included = st.solutions.filter((s) => s.included === true);
    const blockers = this.blockers(st);
    let preview: CompetitionResult | null = null;
    if (!completed && criteria && !criteriaErrors(criteria).length && included.length >= MIN_INCLUDED && included.length <= MAX_INCLUDED) {
      const candidates = this.candidates(st, included, criteria);
      if (candidates) preview = rank(candidates, criteria);
    }
    const includedIds = new Set(included.map((s) => s.item_id));
    const used = usedElements(criteria);
    return {
      id: c.id,
      name: c.name,
      status: c.status,
      awardType: c.award_type,
      shortlist: c.shortlist_id ? { id: c.shortlist_id, name: c.shortlist_name! } : null,
      framework: c.framework_id ? { id: c.framework_id, name: c.framework_name!, maxTermMonths: c.framework_max! } : null,
      termMonths: c.term_months,
      solutions,
      recipients: frozen
        ? frozen.recipients
        : st.recipients.map((r) => ({ odsCode: r.code, name: r.name, registeredPatients: r.registered_patients })),
      criteria: { type: c.criteria_type, priceWeight: c.price_weight, weights: weightsOf(c) },
      requirements: {
        features: st.requirements.filter((r) => r.kind === 'feature').map((r) => ({ text: r.text, priority: r.priority! })),
        integrationTypes: st.requirements.filter((r) => r.kind === 'integration').map((r) => r.text),
      },
      scores: st.scores
        .filter((s) => includedIds.has(s.item_id) && used.includes(API_ELEMENT[s.element]))
        .map((s) => ({ itemId: s.item_id, element: API_ELEMENT[s.element], score: s.score, justification: s.justification })),
      elements: used,
      tasks: this.tasks(st),
      blockers,
      canComplete: !completed && blockers.length === 0,
      canDirectAward: !completed && this.directBlockers(st).length === 0,
      preview,
      results: frozen ? { ranking: frozen.ranking, winners: frozen.winners, tie: frozen.tie } : null,
      orderRef: c.order_number ? formatOrderNumber(c.order_number, 1) : null,
      createdAt: iso(c.created_at)!,
      createdByName: c.created_by_name,
      completedAt: iso(c.completed_at),
      completedByName: c.completed_by_name,
    };
  }

  // ---- writing ---------------------------------------------------------------------------------

  async create(actor: Actor, body: CreateCompetitionBody): Promise<CompetitionDetail> {
    const name = body.name.trim();
    const id = await this.db.transaction(async (m) => {
      const [shortlist] = await m.query(`SELECT id, name FROM shortlists WHERE id = $1 AND organisation_id = $2 FOR SHARE`, [body.shortlistId, actor.organisation.id]);
      if (!shortlist) throw validationFailed([{ field: 'shortlistId', message: 'Choose one of your organisation’s shortlists' }]);
      await this.assertNameFree(m, actor, name);
      // Solutions only (not services), each at the listing version the shortlist saved.
      const items: { item_id: string; listing_version_id: string; prices: ListingPrice[] | null }[] = await m.query(
        `SELECT si.item_id, si.listing_version_id, v.content->'prices' AS prices
           FROM shortlist_items si
           JOIN catalogue_items i ON i.id = si.item_id
           JOIN listing_versions v ON v.id = si.listing_version_id
          WHERE si.shortlist_id = $1 AND i.type = 'solution'
          ORDER BY si.added_at, si.item_id`,
        [shortlist.id],
      );
      if (!items.length) throw validationFailed([{ field: 'shortlistId', message: `${shortlist.name} has no solutions; add solutions to it first, or choose another shortlist` }]);
      const [row] = await m.query(
        `INSERT INTO competitions (organisation_id, name, shortlist_id, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [actor.organisation.id, name, shortlist.id, actor.userId],
      );
      // A solution with a single price compares that price; otherwise the buyer chooses.
      const onlyPrice = items.map((i) => (i.prices?.length === 1 ? i.prices[0].id : null));
      await m.query(
        `INSERT INTO competition_solutions (competition_id, item_id, listing_version_id, position, price_id)
         SELECT $1, x.item_id, x.version_id, x.position, x.price_id
           FROM unnest($2::text[], $3::uuid[], $4::int[], $5::text[]) AS x(item_id, version_id, position, price_id)`,
        [row.id, items.map((i) => i.item_id), items.map((i) => i.listing_version_id), items.map((_, n) => n + 1), onlyPrice],
      );
      // A practice buys for itself: it is the only service recipient.
      if (actor.role === 'practice_manager') {
        await m.query(`INSERT INTO competition_recipients (competition_id, practice_id) VALUES ($1, $2)`, [row.id, actor.organisation.id]);
      }
      await this.audit.record(
        {
          action: 'competition.created',
          actor,
          objectType: 'competition',
          objectId: row.id,
          after: { name, shortlistId: shortlist.id, solutions: items.map((i, n) => ({ itemId: i.item_id, listingVersionId: i.listing_version_id, priceId: onlyPrice[n] })) },
        },
        m,
      );
      return row.id as string;
    });
    return this.detail(actor, id);
  }

  /** Runs one change on a draft competition of the actor's, locked, audited with before/after. */
  private edit(
    actor: Actor,
    id: string,
    action: string,
    change: (st: State, m: EntityManager) => Promise<{ before?: unknown; after?: unknown } | void>,
  ): Promise<CompetitionDetail> {
    return this.db.transaction(async (m) => {
      const st = await this.state(actor, id, m, true);
      assertDraft(st.c);
      const diff = (await change(st, m)) ?? {};
      await m.query(`UPDATE competitions SET updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record({ action, actor, objectType: 'competition', objectId: id, before: diff.before, after: diff.after }, m);
      return this.view(await this.state(actor, id, m));
    });
  }

  rename(actor: Actor, id: string, body: NameBody) {
    return this.edit(actor, id, 'competition.renamed', async ({ c }, m) => {
      const name = body.name.trim();
      if (name.toLowerCase() !== c.name.toLowerCase()) await this.assertNameFree(m, actor, name);
      await m.query(`UPDATE competitions SET name = $2 WHERE id = $1`, [id, name]);
      return { before: { name: c.name }, after: { name } };
    });
  }

  setSolutions(actor: Actor, id: string, body: SolutionsBody) {
    return this.edit(actor, id, 'competition.solutions-changed', async (st, m) => {
      const byId = new Map(st.solutions.map((s) => [s.item_id, s]));
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      for (const choice of body.solutions) {
        const s = byId.get(choice.itemId);
        if (!s) errors.push({ field: 'solutions', message: `${choice.itemId} is not one of this competition’s solutions` });
        else if (seen.has(choice.itemId)) errors.push({ field: 'solutions', message: `${s.name} is listed more than once` });
        else if (!choice.included && !choice.exclusionReason?.trim()) {
          errors.push({ field: `solutions.${choice.itemId}.exclusionReason`, message: `Enter why ${s.name} is left out` });
        }
        seen.add(choice.itemId);
      }
      for (const s of st.solutions) if (!seen.has(s.item_id)) errors.push({ field: 'solutions', message: `Say whether ${s.name} is included` });
      const includedCount = body.solutions.filter((x) => x.included).length;
      if (includedCount > MAX_INCLUDED) errors.push({ field: 'solutions', message: `Include at most ${MAX_INCLUDED} solutions (${includedCount} are included)` });
      if (errors.length) throw validationFailed(errors);
      const choices = body.solutions.map((x) => ({ itemId: x.itemId, included: x.included, exclusionReason: x.included ? null : x.exclusionReason!.trim() }));
      await m.query(
        `UPDATE competition_solutions cs SET included = x.included, exclusion_reason = x.reason
           FROM unnest($2::text[], $3::boolean[], $4::text[]) AS x(item_id, included, reason)
          WHERE cs.competition_id = $1 AND cs.item_id = x.item_id`,
        [id, choices.map((x) => x.itemId), choices.map((x) => x.included), choices.map((x) => x.exclusionReason)],
      );
      return {
        before: st.solutions.map((s) => ({ itemId: s.item_id, included: s.included, exclusionReason: s.exclusion_reason })),
        after: choices,
      };
    });
  }

  /**
   * Service recipients in the actor's scope (a practice: itself; a commissioner: its area), checked
   * all together: any bad code is an error naming it and nothing changes.
   */
  setRecipients(actor: Actor, id: string, odsCodes: string[], lines?: number[]) {
    return this.edit(actor, id, 'competition.recipients-changed', async (st, m) => {
      const { codes, practices, errors } = await this.orders.checkRecipients(actor, odsCodes, m, 'buy for', lines);
      if (errors.length) throw validationFailed(errors, lines ? 'Some rows of the CSV file are wrong; nothing was changed.' : undefined);
      await m.query(`DELETE FROM competition_recipients WHERE competition_id = $1`, [id]);
      await m.query(`INSERT INTO competition_recipients (competition_id, practice_id) SELECT $1, unnest($2::uuid[])`, [id, codes.map((c) => practices.get(c))]);
      return { before: { recipients: st.recipients.map((r) => r.code) }, after: { recipients: [...codes].sort(), source: lines ? 'csv' : 'form' } };
    });
  }

  /** A CSV of ODS codes in the same format, and with the same all-or-nothing rules, as orders'. */
  setRecipientsFromCsv(actor: Actor, id: string, csv: string) {
    const { codes, lines } = parseRecipientsCsv(csv);
    return this.setRecipients(actor, id, codes, lines);
  }

  setTerm(actor: Actor, id: string, body: CompetitionTermBody) {
    return this.edit(actor, id, 'competition.term-changed', async ({ c }, m) => {
      const [framework] = await m.query(`SELECT id, name, maximum_term_months, status FROM frameworks WHERE id = $1`, [body.frameworkId]);
      if (!framework) throw validationFailed([{ field: 'frameworkId', message: 'Choose a framework' }]);
      const errors: FieldError[] = [];
      if (framework.status !== 'live') errors.push({ field: 'frameworkId', message: 'This framework is not live; choose a live framework' });
      if (body.termMonths > framework.maximum_term_months) {
        errors.push({ field: 'termMonths', message: `Contract length must be ${framework.maximum_term_months} months or less (the ${framework.name} maximum)` });
      }
      if (errors.length) throw validationFailed(errors);
      await m.query(`UPDATE competitions SET framework_id = $2, term_months = $3 WHERE id = $1`, [id, framework.id, body.termMonths]);
      return { before: { frameworkId: c.framework_id, termMonths: c.term_months }, after: { frameworkId: framework.id, termMonths: body.termMonths } };
    });
  }

  /** The price compared for each listed solution, from its frozen listing version; others keep theirs. */
  setPrices(actor: Actor, id: string, body: PricesBody) {
    return this.edit(actor, id, 'competition.prices-changed', async (st, m) => {
      const byId = new Map(st.solutions.map((s) => [s.item_id, s]));
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      const changes: { itemId: string; priceId: string; quantity: number | null }[] = [];
      for (const choice of body.prices) {
        const s = byId.get(choice.itemId);
        const field = `prices.${choice.itemId}`;
        if (!s) {
          errors.push({ field: `${field}.itemId`, message: `${choice.itemId} is not one of this competition’s solutions` });
          continue;
        }
        if (seen.has(choice.itemId)) {
          errors.push({ field: `${field}.itemId`, message: `${s.name} is listed more than once` });
          continue;
        }
        seen.add(choice.itemId);
        const price = (s.prices ?? []).find((p) => p.id === choice.priceId);
        if (!price) {
          errors.push({ field: `${field}.priceId`, message: `Choose one of ${s.name}’s prices` });
          continue;
        }
        if (takesEnteredQuantity(price) && choice.quantity === undefined) {
          errors.push({ field: `${field}.quantity`, message: `Enter the quantity to compare for ${s.name}` });
          continue;
        }
        changes.push({ itemId: s.item_id, priceId: price.id, quantity: takesEnteredQuantity(price) ? choice.quantity! : null });
      }
      if (errors.length) throw validationFailed(errors);
      if (changes.length) {
        await m.query(
          `UPDATE competition_solutions cs SET price_id = x.price_id, quantity = x.quantity
             FROM unnest($2::text[], $3::text[], $4::int[]) AS x(item_id, price_id, quantity)
            WHERE cs.competition_id = $1 AND cs.item_id = x.item_id`,
          [id, changes.map((x) => x.itemId), changes.map((x) => x.priceId), changes.map((x) => x.quantity)],
        );
      }
      return {
        before: st.solutions.filter((s) => seen.has(s.item_id)).map((s) => ({ itemId: s.item_id, priceId: s.price_id, quantity: s.quantity })),
        after: changes,
      };
    });
  }

  setCriteria(actor: Actor, id: string, body: CriteriaBody) {
    return this.edit(actor, id, 'competition.criteria-changed', async ({ c }, m) => {
      const criteria: Criteria = { type: body.type, priceWeight: body.priceWeight, weights: { ...body.weights } };
      const errors = criteriaErrors(criteria);
      if (errors.length) throw validationFailed(errors);
      const w = criteria.weights;
      await m.query(
        `UPDATE competitions SET criteria_type = $2, price_weight = $3, features_weight = $4, implementation_weight = $5,
                interoperability_weight = $6, service_levels_weight = $7 WHERE id = $1`,
        [id, criteria.type, criteria.priceWeight, w.features, w.implementation, w.interoperability, w.serviceLevels],
      );
      return { before: { type: c.criteria_type, priceWeight: c.price_weight, weights: weightsOf(c) }, after: criteria };
    });
  }

  setRequirements(actor: Actor, id: string, body: RequirementsBody) {
    return this.edit(actor, id, 'competition.requirements-changed', async (st, m) => {
      const known = new Set(await this.integrationTypes(m));
      const errors: FieldError[] = [];
      const integrations = [...new Set(body.integrationTypes.map((x) => x.trim()))];
      integrations.forEach((x) => {
        if (!known.has(x)) errors.push({ field: 'integrationTypes', message: `"${x}" is not an integration type; choose from the list` });
      });
      const features = body.features.map((f) => ({ text: f.text.trim(), priority: f.priority }));
      const texts = new Set<string>();
      features.forEach((f, i) => {
        if (texts.has(f.text.toLowerCase())) errors.push({ field: `features[${i}].text`, message: `"${f.text}" is listed more than once` });
        texts.add(f.text.toLowerCase());
      });
      if (errors.length) throw validationFailed(errors);
      await m.query(`DELETE FROM competition_requirements WHERE competition_id = $1`, [id]);
      const rows = [
        ...features.map((f, i) => ({ kind: 'feature', position: i + 1, text: f.text, priority: f.priority as string | null })),
        ...integrations.map((x, i) => ({ kind: 'integration', position: i + 1, text: x, priority: null })),
      ];
      if (rows.length) {
        await m.query(
          `INSERT INTO competition_requirements (competition_id, kind, position, text, priority)
           SELECT $1, x.kind, x.position, x.text, x.priority FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS x(kind, position, text, priority)`,
          [id, rows.map((r) => r.kind), rows.map((r) => r.position), rows.map((r) => r.text), rows.map((r) => r.priority)],
        );
      }
      const before = {
        features: st.requirements.filter((r) => r.kind === 'feature').map((r) => ({ text: r.text, priority: r.priority })),
        integrationTypes: st.requirements.filter((r) => r.kind === 'integration').map((r) => r.text),
      };
      return { before, after: { features, integrationTypes: integrations } };
    });
  }

  /** Scores for one included solution: one per element in use, each 1–5 with a justification. */
  setScores(actor: Actor, id: string, itemId: string, body: ScoresBody) {
    return this.edit(actor, id, 'competition.scored', async (st, m) => {
      const s = st.solutions.find((x) => x.item_id === itemId);
      if (!s) throw notFound('Solution', itemId);
      if (s.included !== true) throw validationFailed([{ field: 'itemId', message: `Include ${s.name} in the comparison before scoring it` }]);
      const criteria = this.criteria(st.c);
      const used = usedElements(criteria);
      if (!used.length) throw validationFailed([{ field: 'scores', message: 'Choose award criteria with non-price elements first: price is scored from the costs' }]);
      const errors: FieldError[] = [];
      const given = new Map<Element, { score: number; justification: string }>();
      for (const x of body.scores) {
        if (!used.includes(x.element)) errors.push({ field: `scores.${x.element}`, message: `${ELEMENT_NAMES[x.element]} is not one of the award criteria` });
        else if (given.has(x.element)) errors.push({ field: `scores.${x.element}`, message: `${ELEMENT_NAMES[x.element]} is scored more than once` });
        else given.set(x.element, { score: x.score, justification: x.justification.trim() });
      }
      for (const e of used) if (!given.has(e) && !errors.some((x) => x.field === `scores.${e}`)) errors.push({ field: `scores.${e}`, message: `Score ${s.name} on ${ELEMENT_NAMES[e].toLowerCase()}` });
      if (errors.length) throw validationFailed(errors);
      const rows = used.map((e) => ({ element: DB_ELEMENT[e], ...given.get(e)! }));
      await m.query(
        `INSERT INTO competition_scores (competition_id, item_id, element, score, justification, scored_by)
         SELECT $1, $2, x.element, x.score, x.justification, $6 FROM unnest($3::text[], $4::int[], $5::text[]) AS x(element, score, justification)
         ON CONFLICT (competition_id, item_id, element) DO UPDATE SET score = EXCLUDED.score, justification = EXCLUDED.justification,
           scored_by = EXCLUDED.scored_by, scored_at = now()`,
        [id, itemId, rows.map((r) => r.element), rows.map((r) => r.score), rows.map((r) => r.justification), actor.userId],
      );
      const before = used
        .map((e) => this.scoreOf(st, itemId, e))
        .filter((x): x is ScoreRow => !!x)
        .map((x) => ({ element: API_ELEMENT[x.element], score: x.score, justification: x.justification }));
      return { before: { itemId, scores: before }, after: { itemId, scores: used.map((e) => ({ element: e, ...given.get(e)! })) } };
    });
  }

  /** Computes and freezes the results: the ranking, the winners and the recipients as priced. */
  async complete(actor: Actor, id: string): Promise<CompetitionDetail> {
    return this.db.transaction(async (m) => {
      const st = await this.state(actor, id, m, true);
      assertDraft(st.c);
      const blockers = this.blockers(st);
      if (blockers.length) throw notReady('This competition cannot be completed yet', blockers);
      const included = st.solutions.filter((s) => s.included === true);
      const criteria = this.criteria(st.c)!;
      const result = rank(this.candidates(st, included, criteria)!, criteria);
      await this.freeze(actor, st, result, 'competition', m);
      await this.audit.record(
        { action: 'competition.completed', actor, objectType: 'competition', objectId: id, before: { status: 'draft' }, after: { status: 'completed', criteria, ...result } },
        m,
      );
      return this.view(await this.state(actor, id, m));
    });
  }

  /**
   * One solution left: complete as a direct award (its cost is recorded, there is nothing to compare)
   * and create its draft order, in one transaction.
   */
  async directAward(actor: Actor, id: string): Promise<CompetitionDetail> {
    return this.db.transaction(async (m) => {
      const st = await this.state(actor, id, m, true);
      assertDraft(st.c);
      const blockers = this.directBlockers(st);
      if (blockers.length) throw notReady('This competition cannot be awarded directly', blockers);
      const [s] = st.solutions.filter((x) => x.included === true);
      const result = rank([{ itemId: s.item_id, name: s.name, supplierName: s.supplier_name, wholeTermPence: this.wholeTerm(s, st)!, scores: {} }], {
        type: 'price',
        priceWeight: 100,
        weights: NO_WEIGHTS,
      });
      await this.freeze(actor, st, result, 'direct', m);
      const ref = await this.placeOrder(actor, st, s, m);
      await this.audit.record(
        { action: 'competition.direct-awarded', actor, objectType: 'competition', objectId: id, before: { status: 'draft' }, after: { status: 'completed', itemId: s.item_id, order: ref, ...result } },
        m,
      );
      return this.view(await this.state(actor, id, m));
    });
  }

  /**
   * Awards a completed competition: a draft order pre-filled with the winner, in one transaction
   * with the competition locked, so two awards at once still make one order.
   */
  async award(actor: Actor, id: string, body: AwardBody): Promise<CompetitionDetail> {
    return this.db.transaction(async (m) => {
      const st = await this.state(actor, id, m, true);
      const { c } = st;
      if (c.status !== 'completed') throw conflict('competition-not-completed', 'Complete the competition before awarding it.');
      if (c.order_number) throw conflict('already-awarded', `This competition has already been awarded: order ${formatOrderNumber(c.order_number, 1)}.`);
      const results = c.results!;
      let winner: string;
      if (results.tie) {
        if (!body.itemId) throw validationFailed([{ field: 'itemId', message: 'The result is a tie: choose which of the tied winners to award' }]);
        if (!results.winners.includes(body.itemId)) throw validationFailed([{ field: 'itemId', message: 'Choose one of the tied winners' }]);
        winner = body.itemId;
      } else {
        winner = results.winners[0];
        if (body.itemId && body.itemId !== winner) throw validationFailed([{ field: 'itemId', message: 'Only the winner can be awarded' }]);
      }
      const s = st.solutions.find((x) => x.item_id === winner)!;
      const ref = await this.placeOrder(actor, st, s, m);
      await this.audit.record(
        { action: 'competition.awarded', actor, objectType: 'competition', objectId: id, after: { itemId: winner, order: ref, tie: results.tie } },
        m,
      );
      return this.view(await this.state(actor, id, m));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const c = await this.load(actor, id, m, true);
      assertDraft(c);
      await m.query(`DELETE FROM competitions WHERE id = $1`, [id]);
      await this.audit.record({ action: 'competition.deleted', actor, objectType: 'competition', objectId: id, before: { name: c.name, status: c.status } }, m);
    });
  }

  private async freeze(actor: Actor, st: State, result: Result, awardType: 'competition' | 'direct', m: EntityManager) {
    const stored: StoredResults = {
      ...result,
      recipients: st.recipients.map((r) => ({ odsCode: r.code, name: r.name, registeredPatients: r.registered_patients })),
    };
    await m.query(
      `UPDATE competitions SET status = 'completed', award_type = $2, results = $3, completed_by = $4, completed_at = now(), updated_at = now() WHERE id = $1`,
      [st.c.id, awardType, JSON.stringify(stored), actor.userId],
    );
  }

  /** The draft order for the awarded solution, with its compared price, the recipients and the term. */
  private async placeOrder(actor: Actor, st: State, s: SolutionRow, m: EntityManager): Promise<string> {
    const { c } = st;
    const ref = await this.orders.createPrefilled(
      actor,
      {
        description: `${s.name}, awarded by the competition "${c.name}"`,
        frameworkId: c.framework_id!,
        maximumTermMonths: c.term_months!,
        odsCodes: st.recipients.map((r) => r.code),
        item: { itemId: s.item_id, priceId: s.price_id!, quantity: s.quantity },
        source: { competition: c.id },
      },
      m,
    );
    await m.query(`UPDATE competitions SET order_number = $2, updated_at = now() WHERE id = $1`, [c.id, Number(ref.slice(1, 7))]);
    return ref;
  }

  private async assertNameFree(m: Db, actor: Actor, name: string) {
    const [taken] = await m.query(`SELECT 1 FROM competitions WHERE organisation_id = $1 AND lower(name) = lower($2)`, [actor.organisation.id, name]);
    if (taken) throw validationFailed([{ field: 'name', message: `Your organisation already has a competition called "${name}"; choose another name` }]);
  }
}

function weightsOf(c: Pick<CompetitionRow, 'features_weight' | 'implementation_weight' | 'interoperability_weight' | 'service_levels_weight'>): Weights {
  return {
    features: c.features_weight,
    implementation: c.implementation_weight,
    interoperability: c.interoperability_weight,
    serviceLevels: c.service_levels_weight,
  };
}

function assertDraft(c: Pick<CompetitionRow, 'status'>) {
  if (c.status !== 'draft') throw conflict('competition-completed', 'This competition is completed and can no longer be changed.');
}

/** "IM1: Bulk", "GP Connect: Access Record HTML": each integration type a listing version claims, once. */
function integrationKeys(integrations: ListingIntegration[] | null): string[] {
  return [...new Set((integrations ?? []).map((i) => `${i.integration}: ${i.type}`))].sort();
}

/** 422 with the reasons, as field errors and as `blockers` (CompetitionProblemFilter adds them). */
export class CompetitionNotReady extends DomainError {
  constructor(
    title: string,
    readonly blockers: string[],
  ) {
    super(422, 'competition-not-ready', title, blockers.join('; '), blockers.map((message) => ({ field: 'competition', message })));
  }
}

const notReady = (title: string, blockers: string[]) => new CompetitionNotReady(title, blockers);
