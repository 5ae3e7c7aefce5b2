import { buildSearchStatement, ResolvedFilters, statementName, textQuery } from './search.sql';
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

  it('splits ts_headline output into marked parts', () => {
    expect(highlightParts('Book \u0001appointments\u0002 online')).toEqual([
      { text: 'Book ', match: false },
      { text: 'appointments', match: true },
      { text: ' online', match: false },
    ]);
  });
});
