import { FacetCount, FacetIndex, IndexRow, IndexResult, parseTsvector } from './facet-index';
import { Facet, FACETS, ResolvedFilters } from './search.sql';

interface Doc extends Omit<IndexRow, 'published_rank' | 'published_at'> {
  published_at: number | null;
}

const none: ResolvedFilters = {
  capability: [], epic: [], framework: [], integration: [], applicationType: [], hostingType: [], accreditation: [], supplier: [],
  type: 'solution', sort: 'relevance',
};
const first = { limit: 20, offset: 0 };

function doc(id: string, name: string, over: Partial<Doc> = {}): Doc {
  return {
    item_id: id, name, type: 'solution', summary: '', publication_status: 'published', published_at: null,
    capability_ids: [], epic_ids: [], framework_ids: [], integration_types: [], application_types: [], hosting_types: [],
    accreditation_status: null, supplier_code: '10001', supplier_name: 'Acme', document: '', ...over,
  };
}

/** Rows as INDEX_ROWS returns them: name order, with the rank in published order. */
function indexOf(docs: Doc[], version = '1'): FacetIndex {
  const byName = [...docs].sort((a, b) => cmp(a.name, b.name) || cmp(a.item_id, b.item_id));
  const byPublished = [...docs].sort(publishedOrder);
  return new FacetIndex(
    version,
    byName.map((d) => ({ ...d, published_at: d.published_at === null ? null : new Date(d.published_at), published_rank: byPublished.indexOf(d) })),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function publishedOrder(a: Doc, b: Doc): number {
  if (a.published_at !== b.published_at) {
    if (a.published_at === null) return 1;
    if (b.published_at === null) return -1;
    return b.published_at - a.published_at;
  }
  return cmp(a.item_id, b.item_id);
}

const VALUES: Record<Facet, (d: Doc) => (string | number | null)[]> = {
  capability: (d) => d.capability_ids,
  epic: (d) => d.epic_ids,
  framework: (d) => d.framework_ids,
  integration: (d) => d.integration_types,
  applicationType: (d) => d.application_types,
  hostingType: (d) => d.hosting_types,
  accreditation: (d) => [d.accreditation_status],
  supplier: (d) => [`${d.supplier_code}\u0001${d.supplier_name}`],
};

/** buildSearchStatement, read literally: filter, order, page, then one GROUP BY per facet. */
function reference(docs: Doc[], f: ResolvedFilters, ranks: Map<string, number> | null, page: { limit: number; offset: number }, withFacets = true): IndexResult {
  const base = docs.filter((d) => d.type === f.type && (!ranks || ranks.has(d.item_id))).map((d) => ({ d, rank: ranks?.get(d.item_id) ?? 0 }));
  const passes = (facet: Facet, d: Doc) => {
    const chosen = f[facet].map(String);
    if (facet === 'supplier') return chosen.includes(d.supplier_code);
    return VALUES[facet](d).some((v) => v !== null && chosen.includes(String(v)));
  };
  const active = FACETS.filter((facet) => f[facet].length > 0);
  const all = (d: Doc, except?: Facet) => active.every((facet) => facet === except || passes(facet, d));
  const results = base.filter((b) => all(b.d));
  const byName = (a: { d: Doc }, b: { d: Doc }) => cmp(a.d.name, b.d.name) || cmp(a.d.item_id, b.d.item_id);
  results.sort(
    f.sort === 'name' || (f.sort === 'relevance' && !ranks)
      ? byName
      : f.sort === '-published'
        ? (a, b) => publishedOrder(a.d, b.d)
        : (a, b) => b.rank - a.rank || byName(a, b),
  );
  const facets: FacetCount[] = [];
  if (withFacets) {
    for (const facet of FACETS.filter((x) => x !== 'epic' || f.capability.length > 0 || f.epic.length > 0)) {
      const counts = new Map<string, number>();
      for (const b of base.filter((x) => all(x.d, facet))) {
        for (const v of VALUES[facet](b.d)) if (v !== null) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
      }
      for (const [value, count] of counts) facets.push({ facet, value, count });
    }
  }
  return {
    total: results.length,
    // ranks are only asked for to order by relevance
    page: results.slice(page.offset, page.offset + page.limit).map((b) => ({ id: b.d.item_id, rank: f.sort === 'relevance' ? b.rank : 0 })),
    facets,
  };
}

const sorted = (r: IndexResult) => ({
  ...r,
  facets: [...r.facets].sort((a, b) => cmp(a.facet, b.facet) || cmp(a.value, b.value)),
});
/** Matches as PostgreSQL returns them (ids and ranks). */
const text = (index: FacetIndex, ranks: Map<string, number>) => index.fromIds([...ranks.keys()], [...ranks.values()]);
const counts = (r: IndexResult, facet: Facet) => Object.fromEntries(r.facets.filter((x) => x.facet === facet).map((x) => [x.value, x.count]));
const ids = (r: IndexResult) => r.page.map((p) => p.id);

describe('FacetIndex', () => {
  const docs = [
    doc('10001-001', 'bravo', { capability_ids: [1, 2], epic_ids: ['E1'], hosting_types: ['PublicCloud'], published_at: 3, accreditation_status: 'accredited' }),
    doc('10001-002', 'alpha', { capability_ids: [1], epic_ids: ['E1', 'E2'], hosting_types: ['Hybrid'], published_at: 5 }),
    doc('10002-001', 'charlie', { capability_ids: [2], hosting_types: ['PublicCloud', 'Hybrid'], supplier_code: '10002', supplier_name: 'Beta', published_at: null }),
    doc('10002-002', 'alpha', { capability_ids: [3], supplier_code: '10002', supplier_name: 'Beta', published_at: 5 }),
    doc('10003-001', 'delta', { type: 'additional_service', capability_ids: [1], supplier_code: '10003', supplier_name: 'Gamma' }),
  ];
  const index = indexOf(docs);

  it('counts each facet with every other filter but its own', () => {
    const r = index.search({ ...none, capability: [1], hostingType: ['PublicCloud'] }, null, first);
    expect(r.total).toBe(1);
    expect(ids(r)).toEqual(['10001-001']);
    // capability counts ignore the capability filter: the PublicCloud solutions
    expect(counts(r, 'capability')).toEqual({ 1: 1, 2: 2 });
    // hosting counts ignore the hosting filter: the capability-1 solutions
    expect(counts(r, 'hostingType')).toEqual({ PublicCloud: 1, Hybrid: 1 });
    expect(counts(r, 'supplier')).toEqual({ '10001\u0001Acme': 1 });
    expect(counts(r, 'accreditation')).toEqual({ accredited: 1 });
  });

  it('ORs values within a facet and ANDs facets', () => {
    expect(index.search({ ...none, capability: [1, 3] }, null, first).total).toBe(3);
    expect(index.search({ ...none, capability: [1, 3], supplier: ['10002'] }, null, first).total).toBe(1);
  });

  it('counts epics only once a capability or epic is chosen', () => {
    expect(counts(index.search(none, null, first), 'epic')).toEqual({});
    expect(counts(index.search({ ...none, capability: [2] }, null, first), 'epic')).toEqual({ E1: 1 });
    expect(counts(index.search({ ...none, epic: ['E2'] }, null, first), 'epic')).toEqual({ E1: 2, E2: 1 });
  });

  it('filters suppliers by code and counts them by code and name', () => {
    const r = index.search({ ...none, supplier: ['10002'] }, null, first);
    expect(ids(r)).toEqual(['10002-002', '10002-001']);
    expect(counts(r, 'supplier')).toEqual({ '10001\u0001Acme': 2, '10002\u0001Beta': 2 });
  });

  it('sorts by name, by publication and by relevance, and pages', () => {
    expect(ids(index.search(none, null, first))).toEqual(['10001-002', '10002-002', '10001-001', '10002-001']);
    expect(ids(index.search({ ...none, sort: '-published' }, null, first))).toEqual(['10001-002', '10002-002', '10001-001', '10002-001']);
    const ranks = new Map([['10001-001', 0.5], ['10002-001', 0.5], ['10002-002', 0.9], ['10003-001', 1]]);
    const r = index.search({ ...none, q: 'x' }, text(index, ranks), first);
    expect(r.page).toEqual([{ id: '10002-002', rank: 0.9 }, { id: '10001-001', rank: 0.5 }, { id: '10002-001', rank: 0.5 }]);
    expect(ids(index.search({ ...none, q: 'x', sort: 'name' }, text(index, ranks), first))).toEqual(['10002-002', '10001-001', '10002-001']);
    expect(ids(index.search(none, null, { limit: 2, offset: 1 }))).toEqual(['10002-002', '10001-001']);
    expect(ids(index.search({ ...none, q: 'x' }, text(index, ranks), { limit: 1, offset: 2 }))).toEqual(['10002-001']);
  });

  it('answers empty sets', () => {
    expect(index.search({ ...none, type: 'associated_service' }, null, first)).toEqual({ total: 0, page: [], facets: [] });
    expect(index.search({ ...none, q: 'x' }, text(index, new Map()), first)).toEqual({ total: 0, page: [], facets: [] });
    expect(new FacetIndex('0', []).search(none, null, first)).toEqual({ total: 0, page: [], facets: [] });
    const r = index.search({ ...none, capability: [99] }, null, first);
    expect(r.total).toBe(0);
    expect(counts(r, 'capability')).toEqual({ 1: 2, 2: 2, 3: 1 });
    expect(index.search(none, null, first, false).facets).toEqual([]);
  });

  it('agrees with a literal reading of the SQL on random catalogues and searches', () => {
    let seed = 42;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const int = (n: number) => Math.floor(random() * n);
    const some = <T>(pool: T[], max: number) => Array.from({ length: int(max + 1) }, () => pool[int(pool.length)]);
    const pick = <T>(pool: T[]) => pool[int(pool.length)];
    const hostings = ['PublicCloud', 'Hybrid', 'OnPremise'];
    const apps = ['browser-based', 'desktop', 'mobile'];
    const integrations = ['IM1: Bulk', 'GP Connect: Access Record'];
    const frameworks = ['TIF001', 'DFOCVC001'];
    const epics = ['E1', 'E2', 'E3', 'E4'];
    const accreditations = ['accredited', 'conditional', 'lapsed', null];
    const types = ['solution', 'additional_service'];
    const sorts: ResolvedFilters['sort'][] = ['relevance', 'name', '-published'];

    for (let round = 0; round < 200; round++) {
      const docs = Array.from({ length: int(60) }, (_, i) => {
        const supplier = int(5);
        return doc(`1000${supplier}-${String(i).padStart(3, '0')}`, pick(['a', 'b', 'ab', 'c', 'ba']), {
          type: pick(types),
          capability_ids: some([1, 2, 3, 4, 5], 3),
          epic_ids: some(epics, 2),
          framework_ids: some(frameworks, 2),
          integration_types: some(integrations, 2),
          application_types: some(apps, 2),
          hosting_types: some(hostings, 2),
          accreditation_status: pick(accreditations),
          supplier_code: `1000${supplier}`,
          supplier_name: `Supplier ${supplier}`,
          published_at: random() < 0.2 ? null : int(10),
        });
      });
      const index = indexOf(docs, String(round));
      for (let search = 0; search < 20; search++) {
        const chosen = <T>(pool: T[]) => (random() < 0.6 ? [] : [...new Set(some(pool, 2))]);
        const f: ResolvedFilters = {
          capability: chosen([1, 2, 3, 4, 5, 6]),
          epic: chosen(epics),
          framework: chosen(frameworks),
          integration: chosen(integrations),
          applicationType: chosen(apps),
          hostingType: chosen(hostings),
          accreditation: chosen(['accredited', 'conditional', 'lapsed', 'failed']),
          supplier: chosen(['10000', '10001', '10002', '10003', '10009']),
          type: pick([...types, 'associated_service']),
          sort: pick(sorts),
        };
        let ranks: Map<string, number> | null = null;
        if (random() < 0.5) {
          f.q = 'words';
          ranks = new Map(docs.filter(() => random() < 0.6).map((d) => [d.item_id, int(4) / 4]));
        }
        const page = { limit: 1 + int(10), offset: int(3) * 5 };
        const withFacets = random() < 0.9;
        expect(sorted(index.search(f, ranks && text(index, ranks), page, withFacets))).toEqual(sorted(reference(docs, f, ranks, page, withFacets)));
      }
    }
  });

  it('holds what a page shows of each doc, unless its arrays hold NULLs', () => {
    expect(index.row('10002-001')).toEqual({
      item_id: '10002-001', type: 'solution', name: 'charlie', summary: '', publication_status: 'published', published_at: null,
      accreditation_status: null, supplier_code: '10002', supplier_name: 'Beta',
      capability_ids: [2], framework_ids: [], integration_types: [], application_types: [], hosting_types: ['PublicCloud', 'Hybrid'],
    });
    expect(index.row('nope')).toBeUndefined();
    expect(indexOf([doc('10001-001', 'a', { hosting_types: ['Hybrid', null] })]).row('10001-001')).toBeUndefined();
  });

  describe('full text', () => {
    // Documents, queries, and what PostgreSQL 17 answers for `document @@ query` and
    // ts_rank_cd('{0.1,0.2,0.4,1.0}', document, query).
    const documents = [
      "'appoint':1A,9B 'book':2A 'onlin':8B 'remind':12C",
      "'book':3 'consult':2A,7 'onlin':1A",
      "'appoint':4C 'appointment':5 'video':1A,2B,30",
      "'back\\\\slash':2 'it''s':1A",
    ];
    const postgres: [string, Record<number, number>][] = [
      ["'appoint':*", { 0: 1.4, 2: 0.3 }],
      ["'onlin' & 'consult':*", { 1: 1 }],
      ["'book' | 'video'", { 0: 1, 1: 0.1, 2: 1.5 }],
      ["'appoint' & ( 'book' | 'remind' )", { 0: 1.1705215 }],
      ["'onlin' & 'book'", { 0: 0.0952381, 1: 0.09090909 }],
      ["'it''s' | 'back\\\\slash'", { 3: 1.1 }],
    ];
    const index = indexOf(documents.map((document, i) => doc(`10001-00${i}`, `n${i}`, { document })));

    it('matches and ranks as PostgreSQL does', () => {
      for (const [query, want] of postgres) {
        const m = index.text.match(query, 'solution')!;
        const got = Object.fromEntries(Array.from(m.docs, (d) => [d, m.rank(d)]));
        expect(got).toEqual(Object.fromEntries(Object.entries(want).map(([d, r]) => [d, Math.fround(r)])));
      }
      expect(index.text.match("'appoint':*", 'additional_service')!.docs).toEqual([]);
    });

    it('leaves phrases, NOT, weights and shared lexemes to PostgreSQL, and matches nothing for no words', () => {
      expect(index.text.match("'repeat' <-> 'prescript' & !'sms'", 'solution')).toBeNull();
      expect(index.text.match("'book' & !'video'", 'solution')).toBeNull();
      expect(index.text.match("'book':A", 'solution')).toBeNull();
      expect(index.text.match("'appoint' & 'appoint':*", 'solution')).toBeNull();
      expect(index.text.match('', 'solution')!.docs).toEqual([]);
    });

    it('leaves documents with two lexemes at one position to PostgreSQL', () => {
      const odd = indexOf([doc('10001-001', 'a', { document: "'book':1 'onlin':1" }), doc('10001-002', 'b', { document: "'video':1" })]);
      expect(odd.text.match("'book'", 'solution')).toBeNull();
      expect(odd.text.match("'video'", 'solution')!.docs).toEqual([1]);
    });

    it('reads tsvector output', () => {
      expect(parseTsvector("'a''b':1A,2,3B 'c\\\\d' 'e':4C")).toEqual([
        { lexeme: "a'b", positions: [(3 << 14) | 1, 2, (2 << 14) | 3] },
        { lexeme: 'c\\d', positions: [] },
        { lexeme: 'e', positions: [(1 << 14) | 4] },
      ]);
    });
  });
});
