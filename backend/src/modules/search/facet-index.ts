import { Facet, FACETS, ResolvedFilters } from './search.sql';

/** One listed row of catalogue_search, as the index is loaded (see INDEX_ROWS in search.sql). */
export interface IndexRow {
  item_id: string;
  type: string;
  name: string;
  summary: string;
  publication_status: string;
  published_at: Date | null;
  /** Position in `published_at DESC NULLS LAST, item_id` order, as PostgreSQL sorts it. */
  published_rank: number;
  capability_ids: (number | null)[];
  epic_ids: (string | null)[];
  framework_ids: (string | null)[];
  integration_types: (string | null)[];
  application_types: (string | null)[];
  hosting_types: (string | null)[];
  accreditation_status: string | null;
  supplier_code: string;
  supplier_name: string;
  /** The tsvector, as PostgreSQL prints it. */
  document: string;
}

/** What a page shows of a doc besides its facet values (which the columns hold). */
type Scalars = Pick<IndexRow, 'name' | 'summary' | 'publication_status' | 'published_at' | 'accreditation_status' | 'supplier_code' | 'supplier_name'>;

/** A doc's row as the page-details lookup (buildPageStatement) reads it, less the headline. */
export interface PageDetails extends Scalars {
  item_id: string;
  type: string;
  capability_ids: number[];
  framework_ids: string[];
  integration_types: string[];
  application_types: string[];
  hosting_types: string[];
}

/** The page's array columns, and the facet column holding the same values in the same order. */
const PAGE_FACETS = { capability_ids: 'capability', framework_ids: 'framework', integration_types: 'integration', application_types: 'applicationType', hosting_types: 'hostingType' } as const;

/** Docs matching the words of a search, and their rank (asked only to order results by relevance). */
export interface TextMatch {
  docs: ArrayLike<number>;
  rank: (doc: number) => number;
  /** rank() of each of `docs` into ranks[doc], in one pass over the postings. */
  rankAll?: (docs: ArrayLike<number>, ranks: Float64Array) => void;
}

export interface FacetCount {
  facet: Facet;
  value: string;
  count: number;
}

export interface IndexResult {
  total: number;
  page: { id: string; rank: number }[];
  facets: FacetCount[];
}

/** What search() answers, with the facet counts per value id (facetValues) rather than as a list. */
export interface IndexScan {
  total: number;
  page: { id: string; rank: number }[];
  /** The facets counted, and for each its count per value id. */
  counted: Facet[];
  counts: Uint32Array[];
}

/** A facet's values as the SQL counts them (one per array element, NULLs dropped), and the key its filter compares. */
const VALUES: Record<Facet, (r: IndexRow) => (string | number | null)[]> = {
  capability: (r) => r.capability_ids,
  epic: (r) => r.epic_ids,
  framework: (r) => r.framework_ids,
  integration: (r) => r.integration_types,
  applicationType: (r) => r.application_types,
  hostingType: (r) => r.hosting_types,
  accreditation: (r) => [r.accreditation_status],
  supplier: (r) => [`${r.supplier_code}\u0001${r.supplier_name}`],
};
/** Suppliers are filtered by code but counted by code and name. */
const filterKey = (facet: Facet, value: string) => (facet === 'supplier' ? value.slice(0, value.indexOf('\u0001')) : value);

interface FacetColumn {
  values: string[];
  /** Value ids of each doc: ids[offsets[d] .. offsets[d+1]), repeats kept (SQL counts each element). */
  offsets: Uint32Array;
  ids: Uint32Array;
  /** Docs having each value (each doc once). */
  postings: Uint32Array[];
  /** Filter value → value ids it selects. */
  byKey: Map<string, number[]>;
}

/**
 * The search index for listed items, held in the API process: exactly what buildSearchStatement
 * computes (total, one page in the requested order, disjunctive facet counts) for a given set of
 * text matches, without touching PostgreSQL. The words are matched by `text` when it can do so
 * exactly, otherwise by PostgreSQL (fromIds). Immutable; built per catalogue_search_state version.
 *
 * Docs are numbered in name order (`lower(name), item_id` as PostgreSQL collates them): the rows
 * must arrive in that order, so name order is doc order and ties in relevance fall back to it.
 */
export class FacetIndex {
  readonly size: number;
  private readonly ids: string[];
  private readonly pos = new Map<string, number>();
  private readonly types: string[];
  private readonly columns = {} as Record<Facet, FacetColumn>;
  /** Per type: its docs in name order and in published order. */
  private readonly byType = new Map<string, { name: Uint32Array; published: Uint32Array }>();
  readonly text: TextIndex;
  /**
   * Each doc's scalars, so a page needs no second read when nothing is highlighted; its arrays are
   * rebuilt from the facet columns (holding the rows themselves would double the index's memory).
   * null for a doc whose arrays hold NULLs, which the columns drop.
   */
  private readonly scalars: (Scalars | null)[];
  // Per-search scratch (searches are synchronous): bit i of passed[d], doc d passes filter i; hit[d], d is a result.
  private readonly passed: Uint8Array;
  private readonly hit: Uint8Array;
  /**
   * The value ids of every facet but epics, doc by doc (ids[offsets[d] .. offsets[d+1])), each
   * offset by its facet's base, so a result's counts are one loop. Epics are counted only sometimes.
   */
  private readonly joined: { base: Record<Facet, number>; size: number; offsets: Uint32Array; ids: Uint32Array };
  /** Scratch: each result's rank, by doc. */
  private readonly rankOf: Float64Array;

  constructor(
    readonly version: string,
    rows: IndexRow[],
  ) {
    this.size = rows.length;
    this.ids = rows.map((r) => r.item_id);
    rows.forEach((r, d) => this.pos.set(r.item_id, d));
    this.types = rows.map((r) => r.type);
    for (const facet of FACETS) this.columns[facet] = column(facet, rows);
    this.text = new TextIndex(rows.map((r) => r.document), this.types);
    this.scalars = rows.map((r) =>
      Object.keys(PAGE_FACETS).some((k) => r[k as keyof typeof PAGE_FACETS].includes(null))
        ? null
        : {
            name: r.name,
            summary: r.summary,
            publication_status: r.publication_status,
            published_at: r.published_at,
            accreditation_status: r.accreditation_status,
            supplier_code: r.supplier_code,
            supplier_name: r.supplier_name,
          },
    );
    this.passed = new Uint8Array(this.size);
    this.hit = new Uint8Array(this.size);
    this.rankOf = new Float64Array(this.size);
    const joinedFacets = FACETS.filter((facet) => facet !== 'epic');
    const base = {} as Record<Facet, number>;
    let size = 0;
    for (const facet of joinedFacets) {
      base[facet] = size;
      size += this.columns[facet].values.length;
    }
    const offsets = new Uint32Array(this.size + 1);
    const ids = new Uint32Array(joinedFacets.reduce((n, facet) => n + this.columns[facet].ids.length, 0));
    for (let d = 0, j = 0; d < this.size; d++) {
      for (const facet of joinedFacets) {
        const c = this.columns[facet];
        for (let i = c.offsets[d]; i < c.offsets[d + 1]; i++) ids[j++] = base[facet] + c.ids[i];
      }
      offsets[d + 1] = j;
    }
    this.joined = { base, size, offsets, ids };

    const byPublished = rows.map((_, d) => d).sort((a, b) => rows[a].published_rank - rows[b].published_rank);
    for (const type of new Set(this.types)) {
      this.byType.set(type, {
        name: Uint32Array.from(rows.map((_, d) => d).filter((d) => this.types[d] === type)),
        published: Uint32Array.from(byPublished.filter((d) => this.types[d] === type)),
      });
    }
  }

  /** A doc's row as catalogue_search holds it (less its document and epics), or undefined if not held. */
  row(id: string): PageDetails | undefined {
    const d = this.pos.get(id);
    const scalars = d === undefined ? null : this.scalars[d];
    if (d === undefined || !scalars) return undefined;
    const values = (facet: Facet) => {
      const c = this.columns[facet];
      return Array.from(c.ids.subarray(c.offsets[d], c.offsets[d + 1]), (v) => c.values[v]);
    };
    return {
      item_id: id,
      type: this.types[d],
      ...scalars,
      capability_ids: values(PAGE_FACETS.capability_ids).map(Number),
      framework_ids: values(PAGE_FACETS.framework_ids),
      integration_types: values(PAGE_FACETS.integration_types),
      application_types: values(PAGE_FACETS.application_types),
      hosting_types: values(PAGE_FACETS.hosting_types),
    };
  }

  /** PostgreSQL's matches (item ids, with ranks in the same order) as docs of this index. */
  fromIds(ids: string[], ranks: (number | null)[]): TextMatch {
    const docs: number[] = [];
    const rank = new Map<number, number>();
    ids.forEach((id, i) => {
      const d = this.pos.get(id);
      if (d === undefined) return;
      docs.push(d);
      rank.set(d, ranks[i] ?? 0);
    });
    return { docs, rank: (d) => rank.get(d) ?? 0 };
  }

  /** A facet's values as the SQL counts them (a supplier's is code \u0001 name), by value id. */
  facetValues(facet: Facet): readonly string[] {
    return this.columns[facet].values;
  }

  /** The search as buildSearchStatement answers it: total, page and facet counts as a list. */
  search(f: ResolvedFilters, text: TextMatch | null, page: { limit: number; offset: number }, withFacets = true): IndexResult {
    const { total, page: out, counted, counts } = this.scan(f, text, page, withFacets);
    const facets: FacetCount[] = [];
    counted.forEach((facet, k) => {
      const values = this.columns[facet].values;
      const n = counts[k];
      for (let v = 0; v < n.length; v++) if (n[v] > 0) facets.push({ facet, value: values[v], count: n[v] });
    });
    return { total, page: out, facets };
  }

  /**
   * @param text docs matching the words, or null when there are none.
   * The counting is one pass over the candidates: a doc passing every active filter is a result and
   * counts toward every facet; one failing exactly one facet's filter counts toward that facet only
   * (choosing one of its values would make it a result); any other doc counts nowhere.
   */
  scan(f: ResolvedFilters, text: TextMatch | null, page: { limit: number; offset: number }, withFacets = true): IndexScan {
    const docs = this.byType.get(f.type);
    if (!docs) return { total: 0, page: [], counted: [], counts: [] };

    const active = FACETS.filter((facet) => f[facet].length > 0);
    const passed = this.passed.fill(0);
    active.forEach((facet, i) => {
      const c = this.columns[facet];
      for (const chosen of f[facet]) {
        for (const v of c.byKey.get(String(chosen)) ?? []) for (const d of c.postings[v]) passed[d] |= 1 << i;
      }
    });
    const all = (1 << active.length) - 1;

    const counted = withFacets ? FACETS.filter((facet) => facet !== 'epic' || f.capability.length > 0 || f.epic.length > 0) : [];
    // The counted facet each active one is (-1: active but not counted, i.e. withFacets off).
    const countedOf = active.map((facet) => counted.indexOf(facet));
    const tally = (k: number, d: number) => {
      const c = this.columns[counted[k]];
      const n = counts[k];
      for (let j = c.offsets[d]; j < c.offsets[d + 1]; j++) n[c.ids[j]]++;
    };
    // A result counts toward every counted facet: all but epics in one loop over `joined`.
    const joined = this.joined;
    const joinedCounts = new Uint32Array(counted.length ? joined.size : 0);
    const counts = counted.map((facet) =>
      facet === 'epic' ? new Uint32Array(this.columns.epic.values.length) : joinedCounts.subarray(joined.base[facet], joined.base[facet] + this.columns[facet].values.length),
    );
    const epicK = counted.indexOf('epic');
    const tallyResult = (d: number) => {
      for (let j = joined.offsets[d]; j < joined.offsets[d + 1]; j++) joinedCounts[joined.ids[j]]++;
      if (epicK >= 0) tally(epicK, d);
    };

    const hit = this.hit.fill(0);
    const results: number[] = [];
    const visit = (d: number) => {
      const failed = all & ~passed[d];
      if (failed === 0) {
        hit[d] = 1;
        results.push(d);
        if (counted.length) tallyResult(d);
      } else if ((failed & (failed - 1)) === 0 && counted.length) {
        const k = countedOf[31 - Math.clz32(failed)];
        if (k >= 0) tally(k, d);
      }
    };
    if (text) {
      for (let i = 0; i < text.docs.length; i++) if (this.types[text.docs[i]] === f.type) visit(text.docs[i]);
    } else {
      for (const d of docs.name) visit(d);
    }

    const out: { id: string; rank: number }[] = [];
    if (f.sort === 'relevance' && text) {
      const rank = this.rankOf;
      if (text.rankAll) text.rankAll(results, rank);
      else for (const d of results) rank[d] = text.rank(d);
      results.sort((a, b) => rank[b] - rank[a] || a - b);
      const end = Math.min(results.length, page.offset + page.limit);
      for (let i = page.offset; i < end; i++) out.push({ id: this.ids[results[i]], rank: rank[results[i]] });
    } else {
      let skip = page.offset;
      for (const d of f.sort === '-published' ? docs.published : docs.name) {
        if (out.length >= page.limit) break;
        if (!hit[d]) continue;
        if (skip > 0) skip--;
        else out.push({ id: this.ids[d], rank: 0 });
      }
    }

    return { total: results.length, page: out, counted, counts };
  }
}

function column(facet: Facet, rows: IndexRow[]): FacetColumn {
  const valueId = new Map<string, number>();
  const values: string[] = [];
  const offsets = new Uint32Array(rows.length + 1);
  const ids: number[] = [];
  const docsOf: number[][] = [];
  rows.forEach((r, d) => {
    for (const raw of VALUES[facet](r)) {
      if (raw === null) continue;
      const value = String(raw);
      let v = valueId.get(value);
      if (v === undefined) {
        v = values.push(value) - 1;
        valueId.set(value, v);
        docsOf.push([]);
      }
      ids.push(v);
      const docs = docsOf[v];
      if (docs[docs.length - 1] !== d) docs.push(d);
    }
    offsets[d + 1] = ids.length;
  });
  const byKey = new Map<string, number[]>();
  values.forEach((value, v) => {
    const key = filterKey(facet, value);
    const selected = byKey.get(key);
    if (selected) selected.push(v);
    else byKey.set(key, [v]);
  });
  return { values, offsets, ids: Uint32Array.from(ids), postings: docsOf.map((d) => Uint32Array.from(d)), byKey };
}

/** One type's postings: per lexeme id, its docs, and their positions (offsets into positions per doc). */
interface Postings {
  docs: Uint32Array[];
  offsets: Uint32Array[];
  positions: Uint16Array[];
}

/** ts_rank_cd's weights as search.sql passes them ('{0.1,0.2,0.4,1.0}', D to A), inverted as PostgreSQL does, from float4. */
const INVERSE_WEIGHTS = [0.1, 0.2, 0.4, 1.0].map((w) => 1 / Math.fround(w));
const MAX_POSITION = (1 << 14) - 1;

type Query = { op: '&' | '|'; left: Query; right: Query } | { operand: number };

/**
 * The full text of the listed items, so that the common searches (words and prefixes joined by
 * AND/OR, as websearch_to_tsquery and textQuery produce them) are matched and ranked in process,
 * exactly as `document @@ tsq` and ts_rank_cd('{0.1,0.2,0.4,1.0}', document, tsq) would. Anything
 * else (phrases, NOT, weights, operands that share lexemes, documents with several lexemes at one
 * position) is left to PostgreSQL: match() answers null.
 */
export class TextIndex {
  /** Lexemes in code-unit order, so a prefix's lexemes are one range. */
  private readonly lexemes: string[];
  /**
   * Per type, per lexeme: its docs of that type, ascending, and per doc its positions (weight << 14 |
   * position). Split by type because a search is of one type (solutions are a sixth of the docs).
   */
  private readonly postings = new Map<string, Postings>();
  /** Docs whose rank in process could differ from PostgreSQL's (see the class comment). */
  private readonly unusual: Uint8Array;
  /** Scratch for match(), all zero between calls: bit k of has[d], doc d has a lexeme of operand k. */
  private readonly has: Uint32Array;
  /** Scratch for rank(). */
  private readonly entries: number[] = [];

  constructor(documents: string[], types: string[]) {
    const byLexeme = new Map<string, Map<string, { docs: number[]; offsets: number[]; positions: number[] }>>();
    this.unusual = new Uint8Array(documents.length);
    this.has = new Uint32Array(documents.length);
    // seenBy[pos] = 1 + the last doc seen with a lexeme at pos
    const seenBy = new Uint32Array(MAX_POSITION + 1);
    documents.forEach((document, d) => {
      for (const { lexeme, positions } of parseTsvector(document)) {
        let ofType = byLexeme.get(lexeme);
        if (!ofType) byLexeme.set(lexeme, (ofType = new Map()));
        let p = ofType.get(types[d]);
        if (!p) ofType.set(types[d], (p = { docs: [], offsets: [0], positions: [] }));
        p.docs.push(d);
        for (const wp of positions) {
          const pos = wp & MAX_POSITION;
          if (seenBy[pos] === d + 1 || pos === MAX_POSITION) this.unusual[d] = 1;
          seenBy[pos] = d + 1;
          p.positions.push(wp);
        }
        p.offsets.push(p.positions.length);
        if (!positions.length) this.unusual[d] = 1;
      }
    });
    this.lexemes = [...byLexeme.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const none = { docs: new Uint32Array(0), offsets: new Uint32Array(1), positions: new Uint16Array(0) };
    for (const type of new Set(types)) {
      const lists = this.lexemes.map((l) => byLexeme.get(l)!.get(type));
      this.postings.set(type, {
        docs: lists.map((p) => (p ? Uint32Array.from(p.docs) : none.docs)),
        offsets: lists.map((p) => (p ? Uint32Array.from(p.offsets) : none.offsets)),
        positions: lists.map((p) => (p ? Uint16Array.from(p.positions) : none.positions)),
      });
    }
  }

  /** Docs of `type` matching `tsquery` (PostgreSQL's text form of it), or null to ask PostgreSQL. */
  match(tsquery: string, type: string): TextMatch | null {
    const parsed = parseTsquery(tsquery);
    if (!parsed || parsed.operands.length > 30) return null;
    if (!parsed.query) return { docs: [], rank: () => 0 };
    const { operands } = parsed;
    const lexemesOf = operands.map((o) => this.find(o.lexeme, o.prefix));
    // Operands sharing a lexeme are merged by ts_rank_cd in ways not reproduced here.
    const owner = new Map<number, number>();
    for (let k = 0; k < operands.length; k++) {
      for (const l of lexemesOf[k]) {
        if (owner.has(l)) return null;
        owner.set(l, k);
      }
      for (let j = 0; j < k; j++) if (operands[j].lexeme === operands[k].lexeme) return null;
    }

    // Only docs with a lexeme of some operand can match (there is no NOT).
    const satisfies = compile(parsed.query);
    const postings = this.postings.get(type);
    if (!postings) return { docs: [], rank: () => 0 };
    const has = this.has;
    const candidates: number[] = [];
    lexemesOf.forEach((ls, k) => {
      for (const l of ls) {
        for (const d of postings.docs[l]) {
          if (has[d] === 0) candidates.push(d);
          has[d] |= 1 << k;
        }
      }
    });
    const docs: number[] = [];
    let unusual = false;
    for (const d of candidates) {
      if (satisfies(has[d])) {
        docs.push(d);
        if (this.unusual[d]) unusual = true;
      }
      has[d] = 0;
    }
    return unusual ? null : { docs, rank: (d) => this.rank(d, postings, satisfies, lexemesOf), rankAll: (ds, ranks) => this.rankAll(ds, ranks, postings, satisfies, lexemesOf) };
  }

  /** rank() for many docs: each operand's postings are walked once instead of searched per doc. */
  private rankAll(docs: ArrayLike<number>, ranks: Float64Array, postings: Postings, satisfies: (seen: number) => boolean, lexemesOf: number[][]): void {
    const slot = this.has; // all zero between calls, as match() leaves it
    for (let i = 0; i < docs.length; i++) slot[docs[i]] = i + 1;
    const start = new Uint32Array(docs.length + 1);
    for (const ls of lexemesOf) {
      for (const l of ls) {
        const ds = postings.docs[l];
        const offsets = postings.offsets[l];
        for (let i = 0; i < ds.length; i++) if (slot[ds[i]]) start[slot[ds[i]]] += offsets[i + 1] - offsets[i];
      }
    }
    for (let i = 0; i < docs.length; i++) start[i + 1] += start[i];
    const entries = new Int32Array(start[docs.length]);
    const fill = start.slice(0, docs.length);
    lexemesOf.forEach((ls, k) => {
      for (const l of ls) {
        const ds = postings.docs[l];
        const offsets = postings.offsets[l];
        const positions = postings.positions[l];
        for (let i = 0; i < ds.length; i++) {
          const s = slot[ds[i]];
          if (!s) continue;
          for (let j = offsets[i]; j < offsets[i + 1]; j++) {
            const wp = positions[j];
            entries[fill[s - 1]++] = ((wp & MAX_POSITION) << 7) | ((wp >> 14) << 5) | k;
          }
        }
      }
    });
    for (let i = 0; i < docs.length; i++) {
      slot[docs[i]] = 0;
      const doc = entries.subarray(start[i], start[i + 1]);
      doc.sort();
      ranks[docs[i]] = coverDensity(doc, satisfies);
    }
  }

  /** calc_rank_cd (tsrank.c) with no normalisation, for an AND/OR query whose operands own distinct lexemes. */
  private rank(d: number, postings: Postings, satisfies: (seen: number) => boolean, lexemesOf: number[][]): number {
    // The doc's representation: every position of every operand's lexemes, in position order, each
    // packed as position << 7 | weight << 5 | operand (positions are distinct: see `unusual`).
    const entries = this.entries;
    entries.length = 0;
    lexemesOf.forEach((ls, k) => {
      for (const l of ls) {
        const i = lowerBound(postings.docs[l], d);
        if (i === postings.docs[l].length || postings.docs[l][i] !== d) continue;
        for (let j = postings.offsets[l][i]; j < postings.offsets[l][i + 1]; j++) {
          const wp = postings.positions[l][j];
          entries.push(((wp & MAX_POSITION) << 7) | ((wp >> 14) << 5) | k);
        }
      }
    });
    entries.sort((a, b) => a - b);
    return coverDensity(entries, satisfies);
  }

  /** Lexeme ids equal to `lexeme`, or starting with it for a prefix. */
  private find(lexeme: string, prefix: boolean): number[] {
    let i = lowerBound(this.lexemes, lexeme);
    if (!prefix) return this.lexemes[i] === lexeme ? [i] : [];
    const out: number[] = [];
    for (; i < this.lexemes.length && this.lexemes[i].startsWith(lexeme); i++) out.push(i);
    return out;
  }
}

/**
 * calc_rank_cd's sum over covers for one doc's entries (sorted; position << 7 | weight << 5 | operand).
 */
function coverDensity(entries: ArrayLike<number>, satisfies: (seen: number) => boolean): number {
  if (!entries.length) return 0;
  const pos = (i: number) => entries[i] >> 7;

  let wdoc = 0;
  let from = 0;
  // Cover(): the shortest extents that satisfy the query, left to right.
  for (;;) {
    let seen = 0;
    let end = -1;
    for (let i = from; i < entries.length; i++) {
      seen |= 1 << (entries[i] & 31);
      if (satisfies(seen)) {
        end = i;
        break;
      }
    }
    if (end < 0) break;
    seen = 0;
    let begin = -1;
    for (let i = end; i >= from; i--) {
      seen |= 1 << (entries[i] & 31);
      if (satisfies(seen)) {
        begin = i;
        break;
      }
    }
    const p = pos(begin);
    const q = pos(end);
    if (p > q) {
      from++;
      continue;
    }
    let invSum = 0;
    for (let i = begin; i <= end; i++) invSum += INVERSE_WEIGHTS[(entries[i] >> 5) & 3];
    const cpos = (end - begin + 1) / invSum;
    let noise = q - p - (end - begin);
    if (noise < 0) noise = Math.trunc((end - begin) / 2);
    wdoc += cpos / (1 + noise);
    from = begin + 1;
  }
  return Math.fround(wdoc);
}

/** The query as a test of which operands are present (bit k: operand k). */
function compile(q: Query): (has: number) => boolean {
  if ('operand' in q) {
    const bit = 1 << q.operand;
    return (has) => (has & bit) !== 0;
  }
  const left = compile(q.left);
  const right = compile(q.right);
  return q.op === '&' ? (has) => left(has) && right(has) : (has) => left(has) || right(has);
}

function lowerBound<T>(sorted: ArrayLike<T>, x: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A quoted lexeme of tsvector/tsquery output ('' and \\ escape), from `at` (the opening quote). */
function quoted(s: string, at: number): { text: string; next: number } {
  const close = s.indexOf("'", at + 1);
  const escape = s.indexOf('\\', at + 1);
  if (close > at && s[close + 1] !== "'" && (escape < 0 || escape > close)) return { text: s.slice(at + 1, close), next: close + 1 };
  let text = '';
  let i = at + 1;
  for (;;) {
    const c = s[i];
    if (c === undefined) throw new Error(`unterminated lexeme in ${s}`);
    if (c === '\\') {
      text += s[i + 1];
      i += 2;
    } else if (c === "'") {
      if (s[i + 1] !== "'") return { text, next: i + 1 };
      text += "'";
      i += 2;
    } else {
      text += c;
      i++;
    }
  }
}

const POSITIONS = /[0-9A-D,]+/y;

/** tsvector output: `'lexeme':1A,5,7C …`; positions as WordEntryPos (weight A=3 … D=0 in the top bits). */
export function parseTsvector(s: string): { lexeme: string; positions: number[] }[] {
  const out: { lexeme: string; positions: number[] }[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === ' ') {
      i++;
      continue;
    }
    const { text, next } = quoted(s, i);
    i = next;
    const positions: number[] = [];
    if (s[i] === ':') {
      POSITIONS.lastIndex = i + 1;
      const list = POSITIONS.exec(s)![0];
      for (const p of list.split(',')) {
        const weight = 'DCBA'.indexOf(p[p.length - 1]);
        positions.push(weight >= 0 ? (weight << 14) | Number(p.slice(0, -1)) : Number(p));
      }
      i += 1 + list.length;
    }
    out.push({ lexeme: text, positions });
  }
  return out;
}

/**
 * tsquery output, when it is only (prefix) lexemes joined by & and |; null for anything else
 * (!, <->, <N>, weights). `query` is null for an empty query (stop words only), which matches nothing.
 */
export function parseTsquery(s: string): { query: Query | null; operands: { lexeme: string; prefix: boolean }[] } | null {
  const operands: { lexeme: string; prefix: boolean }[] = [];
  let i = 0;
  const skip = () => {
    while (s[i] === ' ') i++;
  };
  const primary = (): Query | null => {
    skip();
    if (s[i] === '(') {
      i++;
      const q = or();
      skip();
      if (!q || s[i] !== ')') return null;
      i++;
      return q;
    }
    if (s[i] !== "'") return null;
    const { text, next } = quoted(s, i);
    i = next;
    let prefix = false;
    if (s[i] === ':') {
      if (s[i + 1] !== '*' || (s[i + 2] !== undefined && s[i + 2] !== ' ' && s[i + 2] !== ')')) return null;
      prefix = true;
      i += 2;
    }
    return { operand: operands.push({ lexeme: text, prefix }) - 1 };
  };
  const binary = (op: '&' | '|', operand: () => Query | null) => (): Query | null => {
    let left = operand();
    for (;;) {
      if (!left) return null;
      skip();
      if (s[i] !== op) return left;
      i++;
      const right = operand();
      if (!right) return null;
      left = { op, left, right };
    }
  };
  const and = binary('&', primary);
  const or = binary('|', and);
  if (!s.trim()) return { query: null, operands };
  const query = or();
  skip();
  return query && i === s.length ? { query, operands } : null;
}
