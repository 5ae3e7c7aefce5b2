import { buildSearchStatement, buildStateStatement, buildTextStatement, ResolvedFilters, statementName, textQuery } from './search.sql';
import { highlightParts } from './search.service';

const none: ResolvedFilters = {
  capability: [], epic: [], framework: [], integration: [], applicationType: [], hostingType: [], accreditation: [], supplier: [],
  type: 'solution', sort: 'relevance',
};

function tsq(q: string) {
  const values: unknown[] = [];
  const sql = textQuery(q, (v) => {
    values.push(v);
    return `$${values.length}`;
  });
  return { sql, values };
}

describe('search SQL', () => {
  it('prefix-matches the last word and keeps tsquery syntax out of it', () => {
    expect(tsq('appoint')).toEqual({ sql: "to_tsquery('english', $1)", values: ['appoint:*'] });
    expect(tsq('online appoint')).toEqual({ sql: "(websearch_to_tsquery('english', $2) && to_tsquery('english', $1))", values: ['appoint:*', 'online'] });
    expect(tsq("x appoint:*|!'")).toEqual({ sql: "(websearch_to_tsquery('english', $2) && to_tsquery('english', $1))", values: ['appoint:*', 'x'] });
    // web-search syntax, a finished word, or nothing usable: websearch_to_tsquery only
    expect(tsq('"repeat prescriptions"').sql).toBe("websearch_to_tsquery('english', $1)");
    expect(tsq('appointments -reminders').sql).toBe("websearch_to_tsquery('english', $1)");
    expect(tsq('sms or text').sql).toBe("websearch_to_tsquery('english', $1)");
    expect(tsq('appointments ').sql).toBe("websearch_to_tsquery('english', $1)");
    expect(tsq('&&').sql).toBe("websearch_to_tsquery('english', $1)");
  });

  it('passes every filter value as a parameter, never in the SQL text', () => {
    const s = buildSearchStatement({ ...none, q: "'; DROP TABLE x; --", supplier: ["1' OR '1'='1"], capability: [5] }, { limit: 20, offset: 0 });
    expect(s.text).not.toContain('DROP');
    expect(s.text).not.toContain("1' OR");
    expect(s.values).toContainEqual(["1' OR '1'='1"]);
    expect(s.values).toContainEqual([5]);
  });

  it('counts each facet with every other filter but its own (disjunctive)', () => {
    const s = buildSearchStatement({ ...none, capability: [5], hostingType: ['PublicCloud'] }, { limit: 20, offset: 0 });
    expect(s.text).toMatch(/SELECT 'capability' .* WHERE b\.f_hostingType GROUP BY 2/);
    expect(s.text).toMatch(/SELECT 'hostingType' .* WHERE b\.f_capability GROUP BY 2/);
    expect(s.text).toMatch(/SELECT 'supplier' .* WHERE b\.f_capability AND b\.f_hostingType GROUP BY 2/);
    expect(s.text).toContain("SELECT 'epic'"); // a capability is chosen, so its epics are counted
    expect(buildSearchStatement(none, { limit: 20, offset: 0 }).text).not.toContain("SELECT 'epic'");
  });

  it('names prepared statements by their text', () => {
    const a = buildSearchStatement({ ...none, capability: [1] }, { limit: 20, offset: 0 });
    const b = buildSearchStatement({ ...none, capability: [9] }, { limit: 5, offset: 10 });
    const c = buildSearchStatement({ ...none, hostingType: ['Hybrid'] }, { limit: 20, offset: 0 });
    expect(a.name).toBe(b.name);
    expect(a.name).not.toBe(c.name);
    expect(statementName('x')).toMatch(/^search_[0-9a-z]+$/);
  });

  it('matches words for the facet index, ranking only rows that pass every filter, and only to order by relevance', () => {
    const plain = buildTextStatement({ ...none, q: 'appoint' }, 'text');
    expect(plain.text).toContain("json_agg(ts_rank_cd('{0.1,0.2,0.4,1.0}', s.document, q.tsq))");
    expect(plain.text).toContain('SELECT version::text FROM catalogue_search_state');
    expect(plain.values).toEqual(['solution', 'appoint:*']);
    const filtered = buildTextStatement({ ...none, q: "'; DROP", capability: [5], supplier: ['10001'] }, 'text');
    expect(filtered.text).toMatch(/json_agg\(CASE WHEN \(s\.capability_ids && \$\d::int\[\]\) AND \(s\.supplier_code = ANY\(\$\d::text\[\]\)\) THEN ts_rank_cd/);
    expect(filtered.text).not.toContain('DROP');
    expect(buildTextStatement({ ...none, q: 'appoint', capability: [5], sort: 'name' }, 'text').text).toContain('json_agg(0::real)');
    expect(buildTextStatement({ ...none, q: 'appointmnts' }, 'fuzzy').text).toContain('word_similarity');
  });

  it('reads the change counter, with the words as a tsquery when there are any', () => {
    expect(buildStateStatement(undefined)).toMatchObject({ text: 'SELECT version::text AS version FROM catalogue_search_state', values: [] });
    const s = buildStateStatement('online appoint');
    expect(s.text).toBe(
      "SELECT version::text AS version, ((websearch_to_tsquery('english', $2) && to_tsquery('english', $1)))::text AS tsquery FROM catalogue_search_state",
    );
    expect(s.values).toEqual(['appoint:*', 'online']);
  });

  it('splits ts_headline output into marked parts', () => {
    expect(highlightParts('Book \u0001appointments\u0002 online')).toEqual([
      { text: 'Book ', match: false },
      { text: 'appointments', match: true },
      { text: ' online', match: false },
    ]);
  });
});
