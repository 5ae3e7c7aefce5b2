/**
 * The search-with-facets statement, built from already validated filters. Pure (no Nest, no
 * DataSource) so the benchmark's bare-`pg` floor server runs exactly the same SQL.
 */

export const FACETS = ['capability', 'epic', 'framework', 'integration', 'applicationType', 'hostingType', 'accreditation', 'supplier'] as const;
export type Facet = (typeof FACETS)[number];

export interface ResolvedFilters {
  q?: string;
  capability: number[];
  epic: string[];
  framework: string[];
  integration: string[];
  applicationType: string[];
  hostingType: string[];
  accreditation: string[];
  supplier: string[];
  type: string;
  sort: 'relevance' | 'name' | '-published';
}

/** How a facet's filter reads against one row of catalogue_search, and how its values are counted. */
const FACET_SQL: Record<Facet, { filter: (p: string) => string; values: string }> = {
  capability: { filter: (p) => `s.capability_ids && ${p}::int[]`, values: 'unnest(b.capability_ids)' },
  epic: { filter: (p) => `s.epic_ids && ${p}::text[]`, values: 'unnest(b.epic_ids)' },
  framework: { filter: (p) => `s.framework_ids && ${p}::text[]`, values: 'unnest(b.framework_ids)' },
  integration: { filter: (p) => `s.integration_types && ${p}::text[]`, values: 'unnest(b.integration_types)' },
  applicationType: { filter: (p) => `s.application_types && ${p}::text[]`, values: 'unnest(b.application_types)' },
  hostingType: { filter: (p) => `s.hosting_types && ${p}::text[]`, values: 'unnest(b.hosting_types)' },
  accreditation: { filter: (p) => `s.accreditation_status = ANY(${p}::text[])`, values: 'b.accreditation_status' },
  supplier: { filter: (p) => `s.supplier_code = ANY(${p}::text[])`, values: `b.supplier_code || chr(1) || b.supplier_name` },
};

const HAS_OPERATORS = /["]|(^|\s)-\S|(^|\s)or(\s|$)/i;

/**
 * The tsquery for what the user typed: websearch_to_tsquery for the words (phrases, or, -not), and
 * the last word also as a prefix (to_tsquery 'word:*'), so "appoint" finds "appointments" while
 * typing. The prefix word is reduced to letters and digits, so no tsquery syntax can get in.
 */
export function textQuery(q: string, param: (value: unknown) => string): string {
  const text = q.trim();
  if (!text || HAS_OPERATORS.test(text) || /\s$/.test(q)) return `websearch_to_tsquery('english', ${param(text)})`;
  const words = text.split(/\s+/);
  const last = words.pop()!.replace(/[^\p{L}\p{N}]/gu, '');
  if (!last) return `websearch_to_tsquery('english', ${param(text)})`;
  const prefix = `to_tsquery('english', ${param(`${last}:*`)})`;
  return words.length ? `(websearch_to_tsquery('english', ${param(words.join(' '))}) && ${prefix})` : prefix;
}

export interface SearchStatement {
  /** A name for a prepared statement: the same text always gets the same name. */
  name: string;
  text: string;
  values: unknown[];
}

/** Statement names for pg's per-connection prepared statements (parse once per connection). */
export function statementName(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `search_${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}

/**
 * One statement returning one row: { total, page: [{id, rank}], facets: [{facet, value, count}] }.
 * Facet counts are disjunctive: each facet's counts apply every other active filter but not its own,
 * so they say how many results choosing that value would add. Values of one facet are alternatives.
 * `mode: 'fuzzy'` swaps full text for pg_trgm word similarity on name and supplier name.
 */
export function buildSearchStatement(f: ResolvedFilters, page: { limit: number; offset: number }, mode: 'text' | 'fuzzy' = 'text', withFacets = true): SearchStatement {
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };

  const where = [`s.type = ${param(f.type)}`, `s.publication_status IN ('published','in_remediation')`];
  let rank = '0::real';
  let from = 'catalogue_search s';
  if (f.q && f.q.trim()) {
    if (mode === 'text') {
      from = `catalogue_search s CROSS JOIN (SELECT ${textQuery(f.q, param)} AS tsq) q`;
      where.push('s.document @@ q.tsq');
      rank = `ts_rank_cd('{0.1,0.2,0.4,1.0}', s.document, q.tsq)`;
    } else {
      const q = param(f.q.trim().toLowerCase());
      where.push(`(word_similarity(${q}, lower(s.name)) >= 0.3 OR word_similarity(${q}, lower(s.supplier_name)) >= 0.3)`);
      rank = `greatest(word_similarity(${q}, lower(s.name)), word_similarity(${q}, lower(s.supplier_name)) * 0.8)`;
    }
  }

  const active = FACETS.filter((facet) => f[facet].length > 0);
  const flags = active.map((facet) => `(${FACET_SQL[facet].filter(param(f[facet]))}) AS f_${facet}`);
  const all = (except?: Facet) => {
    const terms = active.filter((x) => x !== except).map((x) => `b.f_${x}`);
    return terms.length ? terms.join(' AND ') : 'true';
  };

  const order =
    f.sort === 'name' || (f.sort === 'relevance' && !f.q?.trim())
      ? 'b.sort_name, b.item_id'
      : f.sort === '-published'
        ? 'b.published_at DESC NULLS LAST, b.item_id'
        : 'b.rank DESC, b.sort_name, b.item_id';

  // Epics number in the hundreds; they are offered (and counted) only once a capability or epic is
  // chosen, which also keeps the unfiltered browse page cheap.
  const counted = FACETS.filter((facet) => facet !== 'epic' || f.capability.length > 0 || f.epic.length > 0);
  const facetSql = counted.map(
    (facet) =>
      `SELECT '${facet}' AS facet, (${FACET_SQL[facet].values})::text AS value, count(*)::int AS count FROM base b WHERE ${all(facet)} GROUP BY 2`,
  ).join('\n      UNION ALL ');

  const text = `
    WITH base AS MATERIALIZED (
      SELECT s.item_id, lower(s.name) AS sort_name, s.published_at, ${rank} AS rank,
             s.capability_ids, s.epic_ids, s.framework_ids, s.integration_types, s.application_types, s.hosting_types,
             s.accreditation_status, s.supplier_code, s.supplier_name${flags.length ? ',\n             ' + flags.join(', ') : ''}
        FROM ${from}
       WHERE ${where.join(' AND ')}
    )
    SELECT (SELECT count(*)::int FROM base b WHERE ${all()}) AS total,
           (SELECT coalesce(json_agg(json_build_object('id', p.item_id, 'rank', p.rank)), '[]') FROM (
              SELECT b.item_id, b.rank FROM base b WHERE ${all()} ORDER BY ${order} LIMIT ${param(page.limit)} OFFSET ${param(page.offset)}
           ) p) AS page,
           ${withFacets ? `(SELECT coalesce(json_agg(x), '[]') FROM (${facetSql}) x WHERE x.value IS NOT NULL)` : `'[]'::json`} AS facets`;
  return { name: statementName(text), text, values };
}

/**
 * The listed rows the in-process facet index is built from, in name order, with the search index's
 * change counter read by the same statement (one snapshot), so the index is exactly that version.
 * The LEFT JOIN keeps one row (with a NULL item) when nothing is listed.
 */
export const INDEX_ROWS: SearchStatement = (() => {
  const text = `
      SELECT v.version::text AS version, s.item_id, s.type, s.name, s.summary, s.publication_status, s.published_at,
             (row_number() OVER (ORDER BY s.published_at DESC NULLS LAST, s.item_id) - 1)::int AS published_rank,
             s.capability_ids, s.epic_ids, s.framework_ids, s.integration_types, s.application_types, s.hosting_types,
             s.accreditation_status, s.supplier_code, s.supplier_name, s.document::text AS document
        FROM catalogue_search_state v
        LEFT JOIN catalogue_search s ON s.publication_status IN ('published','in_remediation')
       ORDER BY lower(s.name), s.item_id`;
  return { name: statementName(text), text, values: [] };
})();

/**
 * The full-text (or, `mode: 'fuzzy'`, pg_trgm) part of a search, when the facet index cannot match
 * the words itself (phrases, NOT, …; see TextIndex) and for the fuzzy retry: ids and ranks of the
 * listed items of the type that match, as in buildSearchStatement, and the change counter from the
 * same snapshot, for the index to do the rest. Ranking is most of the cost (each document is
 * decompressed), so ranks are computed only when they order the results, and only for rows that
 * pass every facet filter (the others are needed for facet counts but are never results; NULL).
 */
export function buildTextStatement(f: ResolvedFilters, mode: 'text' | 'fuzzy'): SearchStatement {
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where = [`s.type = ${param(f.type)}`, `s.publication_status IN ('published','in_remediation')`];
  let from = 'catalogue_search s';
  let rank: string;
  if (mode === 'text') {
    from = `catalogue_search s CROSS JOIN (SELECT ${textQuery(f.q ?? '', param)} AS tsq) q`;
    where.push('s.document @@ q.tsq');
    rank = `ts_rank_cd('{0.1,0.2,0.4,1.0}', s.document, q.tsq)`;
  } else {
    const q = param((f.q ?? '').trim().toLowerCase());
    where.push(`(word_similarity(${q}, lower(s.name)) >= 0.3 OR word_similarity(${q}, lower(s.supplier_name)) >= 0.3)`);
    rank = `greatest(word_similarity(${q}, lower(s.name)), word_similarity(${q}, lower(s.supplier_name)) * 0.8)`;
  }
  if (f.sort !== 'relevance') rank = '0::real';
  else {
    const filters = FACETS.filter((facet) => f[facet].length > 0).map((facet) => `(${FACET_SQL[facet].filter(param(f[facet]))})`);
    if (filters.length) rank = `CASE WHEN ${filters.join(' AND ')} THEN ${rank} END`;
  }
  const text = `
      SELECT (SELECT version::text FROM catalogue_search_state) AS version,
             coalesce(json_agg(s.item_id), '[]') AS ids, coalesce(json_agg(${rank}), '[]') AS ranks
        FROM ${from}
       WHERE ${where.join(' AND ')}`;
  return { name: statementName(text), text, values };
}

/**
 * The search index's change counter and, when there are words, their tsquery as text (PostgreSQL's
 * parser and stemmer, for the facet index to match in process): one read per search.
 */
export function buildStateStatement(q: string | undefined): SearchStatement {
  const values: unknown[] = [];
  const tsquery = q?.trim()
    ? `, (${textQuery(q, (v) => {
        values.push(v);
        return `$${values.length}`;
      })})::text AS tsquery`
    : '';
  const text = `SELECT version::text AS version${tsquery} FROM catalogue_search_state`;
  return { name: statementName(text), text, values };
}

/** Details of the rows on one page (a second, primary-key lookup), with a highlighted summary. */
export function buildPageStatement(ids: string[], q: string | undefined, mode: 'text' | 'fuzzy'): SearchStatement {
  const values: unknown[] = [ids];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const headline =
    q?.trim() && mode === 'text'
      ? `ts_headline('english', s.summary, ${textQuery(q, param)}, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=40, MinWords=15, MaxFragments=2')`
      : 'NULL';
  const text = `
      SELECT s.item_id AS id, s.name, s.type, s.summary, s.supplier_code, s.supplier_name, s.accreditation_status,
             s.publication_status, s.capability_ids, s.framework_ids, s.hosting_types, s.application_types,
             s.integration_types, s.published_at, ${headline} AS headline
        FROM catalogue_search s
       WHERE s.item_id = ANY($1::text[])`;
  return { name: statementName(text), text, values };
}

/**
 * The highlighted summaries of a page whose other details the facet index holds: the same
 * ts_headline as buildPageStatement's, and only that.
 */
export function buildHeadlineStatement(ids: string[], q: string): SearchStatement {
  const values: unknown[] = [ids];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const text = `
      SELECT s.item_id AS id,
             ts_headline('english', s.summary, ${textQuery(q, param)}, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=40, MinWords=15, MaxFragments=2') AS headline
        FROM catalogue_search s
       WHERE s.item_id = ANY($1::text[])`;
  return { name: statementName(text), text, values };
}
