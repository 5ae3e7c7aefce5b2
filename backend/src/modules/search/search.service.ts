import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { FieldError, validationFailed } from '../../core/errors/domain-error';
import { likePrefix } from '../../core/http/paging';
import { SearchFilters, SearchQuery } from './dto/search-query.dto';
import { FacetValue, SearchFacets, SearchResultItem, SearchResults, Suggestion } from './dto/search.dto';
import { FacetIndex, IndexRow, IndexScan } from './facet-index';
import { buildHeadlineStatement, buildPageStatement, buildStateStatement, buildTextStatement, Facet, FACETS, INDEX_ROWS, ResolvedFilters, SearchStatement } from './search.sql';
import { ACCREDITATION_LABELS, Vocabulary, VocabularyService } from './vocabulary';

interface PageRow {
  id: string;
  name: string;
  type: string;
  summary: string;
  supplier_code: string;
  supplier_name: string;
  accreditation_status: string | null;
  publication_status: string;
  capability_ids: number[];
  framework_ids: string[];
  hosting_types: string[];
  application_types: string[];
  integration_types: string[];
  published_at: Date | null;
  headline: string | null;
}

/** Values returned per facet (the most frequent first; chosen values always). */
export const FACET_LIMIT = 50;

/** Public search over catalogue_search: only listed items (published or in remediation) are ever in it. */
@Injectable()
export class SearchService {
  /** Results, each with its JSON once an HTTP answer needed it (a hit then costs no serialising). */
  private cache = new Map<string, { result: SearchResults; json?: string }>();
  private cacheVersion: string | null = null;

  /** Totals, pages and facet counts are computed in process, from an index of the listed items. */
  private index: FacetIndex | null = null;
  /** Which load produced `index`; loads are numbered in the order they start. */
  private indexLoad = 0;
  private loadsStarted = 0;
  private loading: { n: number; index: Promise<FacetIndex> } | null = null;

  /**
   * How many search results to keep per process (config searchCacheSize). Results are exact: each
   * is stored under the search index's change counter (catalogue_search_state, bumped by a trigger
   * in the writer's transaction) and dropped as soon as it moves.
   */
  private readonly cacheSize: number;

  constructor(
    private readonly db: DataSource,
    private readonly vocabulary: VocabularyService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cacheSize = config.searchCacheSize;
  }

  /** Checks every filter value against the reference data; unknown values are a 400 naming the field. */
  async resolve(filters: SearchFilters, fieldPrefix = ''): Promise<ResolvedFilters> {
    const v = await this.vocabulary.get();
    const errors: FieldError[] = [];
    const field = (name: string) => fieldPrefix + name;
    const known = <T>(name: string, values: string[] | undefined, lookup: (x: string) => T | undefined, what: string): T[] =>
      (values ?? []).flatMap((x) => {
        const hit = lookup(x);
        if (hit === undefined) {
          errors.push({ field: field(name), message: `${x} is not a known ${what}` });
          return [];
        }
        return [hit];
      });
    const resolved: ResolvedFilters = {
      q: filters.q?.trim() || undefined,
      capability: known('capability', filters.capability, (x) => v.capabilityByRef.get(x.toUpperCase())?.id, 'capability'),
      epic: known('epic', filters.epic, (x) => (v.epics.has(x.toUpperCase()) ? x.toUpperCase() : v.epics.has(x) ? x : undefined), 'epic'),
      framework: known('framework', filters.framework, (x) => (v.frameworks.has(x.toUpperCase()) ? x.toUpperCase() : undefined), 'framework'),
      integration: known('integration', filters.integration, (x) => (v.integrations.has(x) ? x : undefined), 'integration type'),
      applicationType: known('applicationType', filters.applicationType, (x) => (v.applicationTypes.has(x) ? x : undefined), 'application type'),
      hostingType: known('hostingType', filters.hostingType, (x) => (v.hostingTypes.has(x) ? x : undefined), 'hosting type'),
      accreditation: [...new Set(filters.accreditation ?? [])],
      supplier: [...new Set(filters.supplier ?? [])],
      type: filters.type ?? 'solution',
      sort: filters.sort ?? 'relevance',
    };
    if (errors.length) throw validationFailed(errors);
    for (const facet of FACETS) (resolved[facet] as unknown[]) = [...new Set(resolved[facet] as unknown[])];
    return resolved;
  }

  /** A search as the API answers it: JSON.stringify of the results, kept with a cached result. */
  async searchJson(query: SearchQuery): Promise<string> {
    const filters = await this.resolve(query);
    const entry = await this.entry(filters, query.page ?? 1, query.pageSize ?? 20, true);
    return (entry.json ??= resultsJson(entry.result));
  }

  async run(filters: ResolvedFilters, page: number, pageSize: number, withFacets = true): Promise<SearchResults> {
    return (await this.entry(filters, page, pageSize, withFacets)).result;
  }

  private async entry(filters: ResolvedFilters, page: number, pageSize: number, withFacets: boolean): Promise<{ result: SearchResults; json?: string }> {
    const [{ version, tsquery }] = await this.prepared<{ version: string; tsquery?: string }>(buildStateStatement(filters.q));
    if (!this.cacheSize) return { result: await this.compute(filters, page, pageSize, withFacets, version, tsquery) };
    if (version !== this.cacheVersion) {
      this.cache.clear();
      this.cacheVersion = version;
    }
    const key = JSON.stringify([filters, page, pageSize, withFacets]);
    const hit = this.cache.get(key);
    if (hit) {
      // least recently used goes first: re-insert at the end
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const entry = { result: await this.compute(filters, page, pageSize, withFacets, version, tsquery) };
    if (this.cacheVersion === version) {
      this.cache.set(key, entry);
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    }
    return entry;
  }

  private async compute(
    filters: ResolvedFilters,
    page: number,
    pageSize: number,
    withFacets: boolean,
    version: string,
    tsquery: string | undefined,
  ): Promise<SearchResults> {
    const limits = { limit: pageSize, offset: (page - 1) * pageSize };
    let mode: 'text' | 'fuzzy' = 'text';
    let { index, result } = await this.match(filters, limits, 'text', withFacets, version, tsquery);
    // Misspelt words match no lexeme; retry on trigram similarity of names before saying "nothing"
    // (unless no item passes the filters, words aside: then nothing can match).
    const anyPassFilters = () => index.scan({ ...filters, q: undefined }, null, { limit: 0, offset: 0 }, false).total > 0;
    if (result.total === 0 && filters.q && anyPassFilters()) {
      const fuzzy = await this.match(filters, limits, 'fuzzy', withFacets, version);
      if (fuzzy.result.total > 0) {
        ({ index, result } = fuzzy);
        mode = 'fuzzy';
      }
    }
    const ids = result.page.map((p) => p.id);
    // Only highlighted summaries need PostgreSQL (ts_headline); the index holds the rest, at the
    // version the results are of. An item gone since is dropped, as the page statement would.
    const v = await this.vocabulary.get();
    let items = heldItems(index, ids, v);
    if (items && filters.q && mode === 'text') {
      const headlines = new Map(ids.length ? (await this.prepared<{ id: string; headline: string | null }>(buildHeadlineStatement(ids, filters.q))).map((r) => [r.id, r.headline]) : []);
      items = items.filter((item) => headlines.has(item.id)).map((item) => {
        const h = headlines.get(item.id);
        if (!h || !h.includes('\u0001')) return item;
        const highlighted = { ...item, highlight: highlightParts(h) };
        highlightOf.set(highlighted, item);
        return highlighted;
      });
    }
    if (!items) {
      const rows: PageRow[] = !ids.length ? [] : await this.prepared<PageRow>(buildPageStatement(ids, filters.q, mode));
      const byId = new Map(rows.map((r) => [r.id, r]));
      items = ids.map((id) => byId.get(id)).filter((r): r is PageRow => !!r).map((r) => toItem(r, v));
    }
    const labels = labelled(index, v);
    const out: SearchResults = {
      items,
      total: result.total,
      page,
      pageSize,
      facets: facetsFrom(result, filters, v, labels),
      fuzzy: mode === 'fuzzy',
    };
    labelsOf.set(out, labels);
    if (mode === 'fuzzy') out.didYouMean = await this.didYouMean(filters.q!, ids);
    return out;
  }

  /**
   * What buildSearchStatement answers, from the facet index (at least as new as `version`, read by
   * this request). Words are matched and ranked by the index when it can do so exactly; otherwise
   * (and for the fuzzy retry) PostgreSQL matches them, at that same index version.
   */
  private async match(
    f: ResolvedFilters,
    page: { limit: number; offset: number },
    mode: 'text' | 'fuzzy',
    withFacets: boolean,
    version: string,
    tsquery?: string,
  ): Promise<{ index: FacetIndex; result: IndexScan }> {
    const index = await this.indexAt(version);
    if (!f.q) return { index, result: index.scan(f, null, page, withFacets) };
    const text = mode === 'text' && tsquery !== undefined ? index.text.match(tsquery, f.type) : null;
    if (text) return { index, result: index.scan(f, text, page, withFacets) };
    return this.matchInDatabase(f, page, mode, withFacets, index);
  }

  /** PostgreSQL matches the words (fuzzy, or what the index cannot match exactly) at the index's version. */
  private async matchInDatabase(
    f: ResolvedFilters,
    page: { limit: number; offset: number },
    mode: 'text' | 'fuzzy',
    withFacets: boolean,
    at: FacetIndex,
  ): Promise<{ index: FacetIndex; result: IndexScan }> {
    let index = at;
    const statement = buildTextStatement(f, mode);
    const matches = async () => (await this.prepared<{ version: string; ids: string[]; ranks: (number | null)[] }>(statement))[0];
    let text = await matches();
    // The catalogue changed between the two reads: bring the index up to the matches' version (and
    // if it is newer still, match again), so both describe one state.
    while (text.version !== index.version) {
      index = await this.indexAt(text.version);
      if (index.version !== text.version) text = await matches();
    }
    return { index, result: index.scan(f, index.fromIds(text.ids, text.ranks), page, withFacets) };
  }

  /**
   * The facet index for `version` or newer. Concurrent requests share one load; a load in flight
   * that began before this request read its version may be older, so then another is started.
   */
  private async indexAt(version: string): Promise<FacetIndex> {
    if (this.index?.version === version) return this.index;
    const readAfter = this.loadsStarted;
    const inFlight = this.loading;
    if (inFlight) {
      const index = await inFlight.index;
      if (index.version === version) return index;
    }
    if (this.index && this.indexLoad > readAfter) return this.index;
    const load = this.loading && this.loading.n > readAfter ? this.loading : this.load();
    return load.index;
  }

  private load(): { n: number; index: Promise<FacetIndex> } {
    const n = ++this.loadsStarted;
    const index = this.prepared<IndexRow & { version: string }>(INDEX_ROWS).then((rows) => {
      const index = new FacetIndex(rows[0].version, rows[0].item_id === null ? [] : rows);
      if (n > this.indexLoad) {
        this.index = index;
        this.indexLoad = n;
      }
      return index;
    });
    const load = { n, index };
    this.loading = load;
    const done = () => {
      if (this.loading === load) this.loading = null;
    };
    index.then(done, done);
    return load;
  }

  /**
   * Search statements run as named prepared statements on the pool TypeORM already holds: they are
   * parsed once per connection, and PostgreSQL may reuse a generic plan, which matters at this rate.
   */
  private async prepared<T>(s: SearchStatement): Promise<T[]> {
    const pool = (this.db.driver as PostgresDriver).master as Pool;
    return (await pool.query({ name: s.name, text: s.text, values: s.values })).rows as T[];
  }

  /** Each typed word replaced by the most similar word in the names of the close matches. */
  private async didYouMean(q: string, ids: string[]): Promise<string | undefined> {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    if (!words.length || !ids.length) return undefined;
    const rows: { word: string; best: string | null }[] = await this.db.query(
      `WITH vocab AS (
         SELECT DISTINCT w FROM catalogue_search s,
                regexp_split_to_table(lower(s.name || ' ' || s.supplier_name), '[^[:alnum:]]+') w
          WHERE s.item_id = ANY($1::text[]) AND length(w) > 1)
       SELECT q.word, (SELECT w FROM vocab ORDER BY similarity(q.word, w) DESC, w LIMIT 1) AS best
         FROM unnest($2::text[]) WITH ORDINALITY q(word, n) ORDER BY q.n`,
      [ids, words],
    );
    const corrected = rows.map((r) => r.best ?? r.word).join(' ');
    return corrected === words.join(' ') ? undefined : corrected;
  }

  /** Type-ahead: names starting with the text, then names with a word starting with it. */
  async suggest(q: string, type?: string): Promise<Suggestion[]> {
    const text = q.trim();
    if (!text) return [];
    const word = text.split(/\s+/).pop()!.replace(/[^\p{L}\p{N}]/gu, '');
    const words = text.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
    // Words of the name only (weight A); the last one as a prefix.
    const prefixQuery = words.length ? words.map((w, i) => (i === words.length - 1 ? `${w}:*A` : `${w}:A`)).join(' & ') : null;
    return this.db.query(
      `SELECT s.item_id AS id, s.name, s.supplier_name AS "supplierName", s.type
         FROM catalogue_search s
        WHERE s.publication_status IN ('published','in_remediation')
          AND ($3::text IS NULL OR s.type = $3)
          AND (lower(s.name) LIKE $1 OR ($2::text IS NOT NULL AND s.document @@ to_tsquery('english', $2)))
        ORDER BY (lower(s.name) LIKE $1) DESC, lower(s.name), s.item_id
        LIMIT 8`,
      [likePrefix(text.toLowerCase()), word ? prefixQuery : null, type ?? null],
    );
  }
}

/**
 * The page's items from the index, or undefined if it does not hold them all. Items are built once
 * per index and vocabulary (answers are never modified: cached results share them too).
 */
function heldItems(index: FacetIndex, ids: string[], v: Vocabulary): SearchResultItem[] | undefined {
  let held = heldByIndex.get(index);
  if (held?.v !== v) heldByIndex.set(index, (held = { v, items: new Map() }));
  const items: SearchResultItem[] = [];
  for (const id of ids) {
    let item = held.items.get(id);
    if (!item) {
      const r = index.row(id);
      if (!r) return undefined;
      // All 11,000 items of the 100× catalogue would hold ~17 MB: keep the ones shown lately.
      if (held.items.size >= HELD_ITEMS) held.items.clear();
      const { item_id, ...rest } = r;
      held.items.set(id, (item = toItem({ ...rest, id: item_id, headline: null }, v)));
    }
    items.push(item);
  }
  return items;
}
const HELD_ITEMS = 4000;
const heldByIndex = new WeakMap<FacetIndex, { v: Vocabulary; items: Map<string, SearchResultItem> }>();

function toItem(r: PageRow, v: Vocabulary): SearchResultItem {
  const item: SearchResultItem = {
    id: r.id,
    name: r.name,
    type: r.type,
    summary: r.summary,
    supplier: { code: r.supplier_code, name: r.supplier_name },
    accreditationStatus: r.accreditation_status,
    publicationStatus: r.publication_status,
    capabilities: r.capability_ids
      .map((id) => v.capabilityById.get(id))
      .filter((c): c is { id: number; ref: string; name: string } => !!c)
      .sort((a, b) => a.id - b.id)
      .map((c) => ({ ref: c.ref, name: c.name })),
    frameworks: r.framework_ids.map((id) => ({ id, name: v.frameworks.get(id) ?? id })),
    hostingTypes: r.hosting_types.map((key) => ({ key, name: v.hostingTypes.get(key) ?? key })),
    applicationTypes: r.application_types.map((key) => ({ key, name: v.applicationTypes.get(key) ?? key })),
    integrations: r.integration_types,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
  if (r.headline && r.headline.includes('\u0001')) item.highlight = highlightParts(r.headline);
  return item;
}

/** ts_headline output with \u0001 … \u0002 around matches, as parts the UI can render safely. */
export function highlightParts(headline: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  for (const chunk of headline.split('\u0001')) {
    const end = chunk.indexOf('\u0002');
    if (end >= 0) {
      parts.push({ text: chunk.slice(0, end), match: true });
      if (chunk.length > end + 1) parts.push({ text: chunk.slice(end + 1), match: false });
    } else if (chunk) parts.push({ text: chunk, match: false });
  }
  return parts;
}

/** The labels an answer's facets were made with, for resultsJson. */
const labelsOf = new WeakMap<SearchResults, Record<Facet, FacetLabels>>();
/** A held item's JSON, made once (held items are shared by every answer showing them). */
const itemJsonOf = new WeakMap<SearchResultItem, string>();
/** A highlighted item: the held item it adds the highlight to. */
const highlightOf = new WeakMap<SearchResultItem, SearchResultItem>();

function itemJson(item: SearchResultItem): string {
  const held = highlightOf.get(item);
  if (held) return `${itemJson(held).slice(0, -1)},"highlight":${JSON.stringify(item.highlight)}}`;
  let json = itemJsonOf.get(item);
  if (json === undefined) itemJsonOf.set(item, (json = JSON.stringify(item)));
  return json;
}

/**
 * JSON.stringify(r), byte for byte, from parts made once: held items' JSON and each facet value's
 * JSON up to its count (serialising a 25–37 KB answer whole took ~0.15 ms, a tenth of a search).
 */
export function resultsJson(r: SearchResults): string {
  const labels = labelsOf.get(r);
  if (!labels) return JSON.stringify(r);
  let json = '{"items":[';
  r.items.forEach((item, i) => (json += (i ? ',' : '') + itemJson(item)));
  json += `],"total":${r.total},"page":${r.page},"pageSize":${r.pageSize},"facets":{`;
  FACETS.forEach((facet, k) => {
    const t = labels[facet];
    json += `${k ? ',' : ''}"${facet}":[`;
    r.facets[facet].forEach((x, i) => {
      const id = t.idByValue.get(x.value);
      json += (i ? ',' : '') + (id !== undefined && t.label[id] === x.label ? `${t.json[id]}${x.count},"selected":${x.selected}}` : JSON.stringify(x));
    });
    json += ']';
  });
  json += `},"fuzzy":${r.fuzzy}`;
  if (r.didYouMean !== undefined) json += `,"didYouMean":${JSON.stringify(r.didYouMean)}`;
  return json + '}';
}

/** The order of String.prototype.localeCompare without arguments, without building a collator per call. */
const byLabel = new Intl.Collator().compare;

/** A facet's values as answers show them, per value id of the index's column. */
interface FacetLabels {
  /** What a filter takes: a capability's ref, a supplier's code, otherwise the value itself. */
  value: string[];
  label: string[];
  /** Each label's position in byLabel order (labels it calls equal share one). */
  order: Int32Array;
  /** Each value's JSON up to its count: `{"value":…,"label":…,"count":`. */
  json: string[];
  idByValue: Map<string, number>;
}

/** Labels of every facet value, made once per index and vocabulary. */
function labelled(index: FacetIndex, v: Vocabulary): Record<Facet, FacetLabels> {
  const made = labelsByIndex.get(index);
  if (made?.v === v) return made.labels;
  const labels = {} as Record<Facet, FacetLabels>;
  for (const facet of FACETS) {
    const raw = index.facetValues(facet);
    const value: string[] = [];
    const label: string[] = [];
    for (const r of raw) {
      if (facet === 'supplier') {
        const cut = r.indexOf('\u0001');
        value.push(r.slice(0, cut));
        label.push(r.slice(cut + 1).replaceAll('\u0001', ''));
      } else {
        const x = facet === 'capability' ? (v.capabilityById.get(Number(r))?.ref ?? r) : r;
        value.push(x);
        label.push(facetLabel(facet, x, v));
      }
    }
    const byOrder = label.map((_, i) => i).sort((a, b) => byLabel(label[a], label[b]));
    const order = new Int32Array(label.length);
    byOrder.forEach((id, i) => (order[id] = i > 0 && byLabel(label[byOrder[i - 1]], label[id]) === 0 ? order[byOrder[i - 1]] : i));
    const json = value.map((x, i) => `{"value":${JSON.stringify(x)},"label":${JSON.stringify(label[i])},"count":`);
    labels[facet] = { value, label, order, json, idByValue: new Map(value.map((x, i) => [x, i])) };
  }
  labelsByIndex.set(index, { v, labels });
  return labels;
}
const labelsByIndex = new WeakMap<FacetIndex, { v: Vocabulary; labels: Record<Facet, FacetLabels> }>();

/** A value's label (a supplier's is its code here: only values no result has are labelled this way). */
function facetLabel(facet: Facet, value: string, v: Vocabulary): string {
  switch (facet) {
    case 'capability': return v.capabilityByRef.get(value)?.name ?? value;
    case 'epic': return v.epics.get(value) ?? value;
    case 'framework': return v.frameworks.get(value) ?? value;
    case 'integration': return value;
    case 'applicationType': return v.applicationTypes.get(value) ?? value;
    case 'hostingType': return v.hostingTypes.get(value) ?? value;
    case 'accreditation': return ACCREDITATION_LABELS[value] ?? value;
    case 'supplier': return value;
  }
}

/** Scratch for the FACET_LIMIT-th largest count. */
let countScratch = new Uint32Array(1024);

/**
 * The facet lists of an answer. Per facet ordered by count, values counting less than the
 * FACET_LIMIT-th most frequent (and not chosen) are never returned, so they are not listed or sorted
 * (suppliers number 1,400 in a 100× search). Capabilities are ordered by ref, not count, so none of
 * them is dropped early.
 */
function facetsFrom(scan: IndexScan, f: ResolvedFilters, v: Vocabulary, labels: Record<Facet, FacetLabels>): SearchFacets {
  const facets = {} as SearchFacets;
  const selected: Record<Facet, Set<string>> = {
    capability: new Set(f.capability.map((id) => v.capabilityById.get(id)!.ref)),
    epic: new Set(f.epic),
    framework: new Set(f.framework),
    integration: new Set(f.integration),
    applicationType: new Set(f.applicationType),
    hostingType: new Set(f.hostingType),
    accreditation: new Set(f.accreditation),
    supplier: new Set(f.supplier),
  };
  for (const facet of FACETS) {
    const chosen = selected[facet];
    const k = scan.counted.indexOf(facet);
    const n = k >= 0 ? scan.counts[k] : new Uint32Array(0);
    const t = labels[facet];
    let nonzero = 0;
    for (let id = 0; id < n.length; id++) if (n[id] > 0) nonzero++;
    let least = 0;
    if (facet !== 'capability' && nonzero > FACET_LIMIT) {
      if (countScratch.length < nonzero) countScratch = new Uint32Array(nonzero);
      let j = 0;
      for (let id = 0; id < n.length; id++) if (n[id] > 0) countScratch[j++] = n[id];
      least = countScratch.subarray(0, nonzero).sort()[nonzero - FACET_LIMIT];
    }
    const kept: number[] = [];
    for (let id = 0; id < n.length; id++) if (n[id] > 0 && (n[id] >= least || chosen.has(t.value[id]))) kept.push(id);
    // Ties in count and label keep value-id order, which is the order the SQL lists them in.
    if (facet !== 'capability') kept.sort((a, b) => n[b] - n[a] || t.order[a] - t.order[b] || a - b);
    const list: FacetValue[] = kept.map((id) => ({ value: t.value[id], label: t.label[id], count: n[id], selected: chosen.has(t.value[id]) }));
    // A chosen value stays visible (with 0) even when nothing else matches, so it can be unticked.
    const extra: FacetValue[] = [];
    for (const value of chosen) {
      if (!list.some((x) => x.value === value)) extra.push({ value, label: facetLabel(facet, value, v), count: 0, selected: true });
    }
    if (facet === 'capability') {
      list.push(...extra);
      list.sort((a, b) => Number(a.value.slice(1)) - Number(b.value.slice(1)));
    } else {
      // Counting 0, they follow every counted value.
      list.push(...extra.sort((a, b) => byLabel(a.label, b.label)));
    }
    // Suppliers (7,400 at 100×) and epics are long tails: the most frequent values, plus any chosen.
    facets[facet] = list.length > FACET_LIMIT ? list.filter((x, i) => i < FACET_LIMIT || x.selected) : list;
  }
  return facets;
}
