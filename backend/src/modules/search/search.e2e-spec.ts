import { createTestApp, TestApp } from '../../../test/test-app';
import { FIXTURE, insertSearchFixture, publishNewVersion } from './search.fixtures';
import { resultsJson, SearchService } from './search.service';

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
const count = (facet: { value: string; count: number }[], value: string) => facet.find((f) => f.value === value)?.count;

describe('catalogue search, solution pages and compare (public)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await insertSearchFixture(t.db);
    // The template may hold the demo catalogue; counts below are exact for the fixture alone.
    await t.db.query(`DELETE FROM catalogue_search WHERE NOT (item_id = ANY($1::text[]))`, [Object.values(FIXTURE)]);
  });
  afterAll(() => t.close());

  describe('GET /api/catalogue/search', () => {
    it("finds 'appointments' filtered by capability and hosting type, with disjunctive facet counts", async () => {
      const res = await t.http().get('/api/catalogue/search?q=appointments&capability=C5&hostingType=PublicCloud').expect(200);
      expect(ids(res)).toEqual([FIXTURE.plus]);
      expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 20, fuzzy: false });
      expect(res.body.items[0]).toMatchObject({
        id: FIXTURE.plus,
        name: 'Appointments Plus',
        type: 'solution',
        supplier: { code: '10000', name: 'EMIS Health' },
        accreditationStatus: 'accredited',
        publicationStatus: 'published',
        capabilities: [
          { ref: 'C1', name: 'Appointments Management - Citizen' },
          { ref: 'C5', name: 'Appointments Management - GP' },
        ],
        frameworks: [{ id: 'TIF001' }],
        hostingTypes: [{ key: 'PublicCloud', name: 'Public cloud' }],
        applicationTypes: [{ key: 'browser-based', name: 'Browser-based' }],
        integrations: ['IM1: Bulk', 'GP Connect: Appointment Management'],
        publishedAt: '2026-01-10T09:00:00.000Z',
      });
      expect(res.body.items[0].highlight.some((h: { match: boolean; text: string }) => h.match && /appointments/i.test(h.text))).toBe(true);
      const f = res.body.facets;
      // capability counts apply the text and hosting filters, not the capability filter
      expect(f.capability).toEqual([
        { value: 'C1', label: 'Appointments Management - Citizen', count: 2, selected: false },
        { value: 'C5', label: 'Appointments Management - GP', count: 1, selected: true },
        { value: 'C14', label: 'Prescribing', count: 1, selected: false },
      ]);
      // hosting counts apply the text and capability filters
      expect(count(f.hostingType, 'PublicCloud')).toBe(1);
      expect(count(f.hostingType, 'OnPremise')).toBe(1);
      expect(f.hostingType).toHaveLength(2);
      expect(f.supplier).toEqual([{ value: '10000', label: 'EMIS Health', count: 1, selected: false }]);
      expect(f.accreditation).toEqual([{ value: 'accredited', label: 'Accredited', count: 1, selected: false }]);
      expect(f.framework).toEqual([{ value: 'TIF001', label: expect.any(String), count: 1, selected: false }]);
      expect(f.integration.map((x: { value: string }) => x.value).sort()).toEqual(['GP Connect: Appointment Management', 'IM1: Bulk']);
      expect(count(f.epic, 'E00109')).toBe(1);
    });

    it('lists every listed solution without words (drafts, unpublished and services left out), A–Z', async () => {
      const res = await t.http().get('/api/catalogue/search').expect(200);
      expect(ids(res)).toEqual([FIXTURE.reminders, FIXTURE.plus, FIXTURE.scheduler, FIXTURE.prescriptions]);
      expect(res.body.total).toBe(4);
      expect(res.body.items[0].publicationStatus).toBe('in_remediation');
      expect(count(res.body.facets.hostingType, 'PublicCloud')).toBe(3);
      expect(count(res.body.facets.accreditation, 'lapsed')).toBe(1);
      expect(count(res.body.facets.supplier, '10001')).toBe(2);
    });

    it('never returns drafts or unpublished items, whatever the words', async () => {
      for (const q of ['draft secret', 'retired', 'appointments']) {
        const res = await t.http().get(`/api/catalogue/search?q=${encodeURIComponent(q)}&pageSize=100`).expect(200);
        expect(ids(res)).not.toContain(FIXTURE.draft);
        expect(ids(res)).not.toContain(FIXTURE.retired);
      }
      const services = await t.http().get('/api/catalogue/search?type=additional_service').expect(200);
      expect(ids(services)).toEqual([FIXTURE.addOn]);
    });

    it('stems English words and ranks name matches first', async () => {
      const res = await t.http().get('/api/catalogue/search?q=appointment').expect(200);
      expect(res.body.total).toBe(4);
      // name (A) before summary (B) before description (C)
      expect(ids(res).slice(0, 2).sort()).toEqual([FIXTURE.plus, FIXTURE.reminders].sort());
      expect(ids(res)[3]).toBe(FIXTURE.prescriptions);
      const booking = await t.http().get('/api/catalogue/search?q=booked').expect(200);
      expect(ids(booking).sort()).toEqual([FIXTURE.plus, FIXTURE.scheduler, FIXTURE.prescriptions].sort()); // book / booking / booked
    });

    it('matches the last word as a prefix while typing, and supports web-search syntax', async () => {
      expect(ids(await t.http().get('/api/catalogue/search?q=presc').expect(200))).toEqual([FIXTURE.prescriptions]);
      expect(ids(await t.http().get('/api/catalogue/search?q=clinic%20sched').expect(200))).toEqual([FIXTURE.scheduler]);
      const not = await t.http().get('/api/catalogue/search?q=appointments%20-reminders').expect(200);
      expect(ids(not)).not.toContain(FIXTURE.reminders);
      expect(ids(not)).not.toContain(FIXTURE.scheduler);
      const phrase = await t.http().get('/api/catalogue/search?q=%22repeat%20prescriptions%22').expect(200);
      expect(ids(phrase)).toEqual([FIXTURE.prescriptions]);
    });

    it('falls back to close spellings when no word matches, and says so', async () => {
      const res = await t.http().get('/api/catalogue/search?q=apointmnts').expect(200);
      expect(res.body.fuzzy).toBe(true);
      expect(ids(res)).toContain(FIXTURE.plus);
      expect(res.body.didYouMean).toBe('appointments');
      const supplier = await t.http().get('/api/catalogue/search?q=involv').expect(200);
      expect(ids(supplier).sort()).toEqual([FIXTURE.prescriptions, FIXTURE.reminders].sort()); // prefix on supplier name (B)
      const nothing = await t.http().get('/api/catalogue/search?q=zzqxw').expect(200);
      expect(nothing.body).toMatchObject({ total: 0, items: [], fuzzy: false });
    });

    it('sorts by name and by recently published', async () => {
      const byName = await t.http().get('/api/catalogue/search?q=appointments&sort=name').expect(200);
      expect(ids(byName)).toEqual([FIXTURE.reminders, FIXTURE.plus, FIXTURE.scheduler, FIXTURE.prescriptions]);
      const recent = await t.http().get('/api/catalogue/search?sort=-published').expect(200);
      expect(ids(recent)).toEqual([FIXTURE.scheduler, FIXTURE.prescriptions, FIXTURE.plus, FIXTURE.reminders]);
    });

    it('pages', async () => {
      const p1 = await t.http().get('/api/catalogue/search?sort=name&pageSize=3').expect(200);
      const p2 = await t.http().get('/api/catalogue/search?sort=name&pageSize=3&page=2').expect(200);
      expect(ids(p1)).toHaveLength(3);
      expect(ids(p2)).toEqual([FIXTURE.prescriptions]);
      expect(p2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      const beyond = await t.http().get('/api/catalogue/search?page=9').expect(200);
      expect(beyond.body).toMatchObject({ total: 4, items: [] });
    });

    it('takes repeated or comma-separated values as alternatives, and combines filters', async () => {
      const both = await t.http().get('/api/catalogue/search?hostingType=OnPremise,Hybrid').expect(200);
      expect(ids(both).sort()).toEqual([FIXTURE.scheduler, FIXTURE.reminders].sort());
      const repeated = await t.http().get('/api/catalogue/search?supplier=10001&accreditation=lapsed&accreditation=accredited').expect(200);
      expect(ids(repeated).sort()).toEqual([FIXTURE.prescriptions, FIXTURE.reminders].sort());
      const fw = await t.http().get('/api/catalogue/search?framework=DFOCVC001&integration=IM1:%20Transactional&applicationType=native-desktop&epic=E00109').expect(200);
      expect(ids(fw)).toEqual([FIXTURE.scheduler]);
    });

    it('refuses unknown parameters and unknown or malformed values with field errors', async () => {
      const unknown = await t.http().get('/api/catalogue/search?colour=red').expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'colour', message: 'colour is not a recognised field' }]);
      const badRef = await t.http().get('/api/catalogue/search?capability=C999').expect(400);
      expect(badRef.body.errors).toEqual([{ field: 'capability', message: 'C999 is not a known capability' }]);
      const malformed = await t.http().get('/api/catalogue/search?capability=Z1').expect(400);
      expect(malformed.body.errors[0].field).toBe('capability');
      for (const q of ['hostingType=Moon', 'sort=price', 'pageSize=500', 'accreditation=great', 'integration=IM1:%20Nope', 'type=widget', 'page=0']) {
        const res = await t.http().get(`/api/catalogue/search?${q}`).expect(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      }
    });

    it('answers JSON.stringify of the results, byte for byte (the API assembles it from parts made once)', async () => {
      const search = t.app.get(SearchService);
      const queries = ['', 'q=appointments', 'q=appointments&capability=C5&hostingType=PublicCloud', 'q=apointments', 'q=appoint&sort=name&page=1&pageSize=1', 'capability=C1&epic=E00109', 'supplier=10000,99999', 'q=%22patient%20record%22'];
      for (const q of queries) {
        const res = await t.http().get(`/api/catalogue/search?${q}`).expect(200);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        const p = new URLSearchParams(q);
        const list = (k: string) => p.get(k)?.split(',');
        const filters = await search.resolve({
          q: p.get('q') ?? undefined,
          capability: list('capability'),
          epic: list('epic'),
          hostingType: list('hostingType'),
          supplier: list('supplier'),
          sort: (p.get('sort') ?? undefined) as 'name' | undefined,
        });
        const results = await search.run(filters, Number(p.get('page') ?? 1), Number(p.get('pageSize') ?? 20));
        expect({ q, text: res.text }).toEqual({ q, text: JSON.stringify(results) });
        expect({ q, text: resultsJson(results) }).toEqual({ q, text: JSON.stringify(results) });
      }
    });

    it('is safe with tsquery syntax in the words', async () => {
      for (const q of ["appoint:* | !x", "a & b", "'", '(', 'C++', '\\']) {
        await t.http().get(`/api/catalogue/search?q=${encodeURIComponent(q)}`).expect(200);
      }
    });
  });

  describe('GET /api/catalogue/suggest', () => {
    it('suggests listed names by prefix, fast and few', async () => {
      const res = await t.http().get('/api/catalogue/suggest?q=appo').expect(200);
      expect(res.body.map((s: { id: string }) => s.id)).toEqual([FIXTURE.reminders, FIXTURE.plus, FIXTURE.addOn]);
      expect(res.body[0]).toEqual({ id: FIXTURE.reminders, name: 'Appointment Reminders SMS', supplierName: 'Involve', type: 'solution' });
      const word = await t.http().get('/api/catalogue/suggest?q=sched').expect(200);
      expect(word.body.map((s: { id: string }) => s.id)).toEqual([FIXTURE.scheduler]);
      await t.http().get('/api/catalogue/suggest').expect(400);
      // The search box suggests solutions only.
      const solutions = await t.http().get('/api/catalogue/suggest?q=appo&type=solution').expect(200);
      expect(solutions.body.map((s: { id: string }) => s.id)).toEqual([FIXTURE.reminders, FIXTURE.plus]);
      await t.http().get('/api/catalogue/suggest?q=appo&type=widget').expect(400);
    });
  });

  describe('GET /api/catalogue/items/:id', () => {
    it('shows every section of a listed solution with conformance and prices', async () => {
      const res = await t.http().get(`/api/catalogue/items/${FIXTURE.plus}`).expect(200);
      const p = res.body;
      expect(p).toMatchObject({
        id: FIXTURE.plus,
        type: 'solution',
        publicationStatus: 'published',
        publicationStatusText: 'Published',
        version: 1,
        name: 'Appointments Plus',
        features: ['Book appointments online', 'Waiting list management'],
        supplier: { code: '10000', name: 'EMIS Health' },
        accreditation: { status: 'accredited', reason: null },
        implementation: expect.any(String),
        roadmap: expect.any(String),
        serviceLevels: { availability: '99.9% monthly' },
        dataProcessing: { dataLocation: 'UK only' },
        frameworks: [{ id: 'TIF001' }],
        additionalServices: [{ id: FIXTURE.addOn, name: 'Appointments Plus Text Messages' }],
        conformance: {
          latestAssessedOn: '2026-01-06',
          earliestExpiresOn: '2026-12-31',
          openWorkOffPlans: [{ standardId: 'S25', standardName: 'Clinical Safety', dueOn: '2027-01-31', overdue: false }],
        },
      });
      expect(p.versionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(p.prices).toEqual([expect.objectContaining({ provisioningType: 'per_patient', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 12600 }], display: '£1.26 per patient per year' })]);
      const c5 = p.capabilities.find((c: { ref: string }) => c.ref === 'C5');
      expect(c5).toMatchObject({ name: 'Appointments Management - GP', result: 'passed_full', assessedOn: '2026-01-05', mustMet: 2, mustTotal: 11, mayMet: 1, mayTotal: 25 });
      expect(c5.epics.find((e: { id: string }) => e.id === 'E00109')).toEqual({ id: 'E00109', name: expect.any(String), compliancy: 'MUST', claimed: true, met: true, result: 'passed' });
      expect(p.capabilities.map((c: { ref: string }) => c.ref)).toEqual(['C1', 'C5']);
      const std = Object.fromEntries(p.standards.map((s: { id: string; outcome: string }) => [s.id, s.outcome]));
      expect(std).toMatchObject({ S24: 'met', S25: 'work_off_plan', S26: 'not_assessed', S44: 'not_assessed' });
      expect(std.S36).toBeUndefined(); // a C14 standard: not required of this solution
      expect(p.integrations).toEqual([
        { integration: 'IM1', type: 'Bulk', role: 'consumer', key: 'IM1: Bulk' },
        { integration: 'GP Connect', type: 'Appointment Management', role: 'consumer', key: 'GP Connect: Appointment Management' },
      ]);
      expect(p.applicationTypes).toEqual([{ key: 'browser-based', name: 'Browser-based', details: { 'supported browsers (+minimum version)': 'Edge 120, Chrome 120' } }]);
      expect(p.hostingTypes).toEqual([{ key: 'PublicCloud', name: 'Public cloud', summary: 'Hosted in AWS London', requiresHscn: false }]);
    });

    it('says plainly when a solution is in remediation', async () => {
      const res = await t.http().get(`/api/catalogue/items/${FIXTURE.reminders}`).expect(200);
      expect(res.body).toMatchObject({ publicationStatus: 'in_remediation', publicationStatusText: 'In remediation', accreditation: { status: 'lapsed', reason: 'A work-off plan is overdue' } });
      expect(res.body.prices[0].display).toBe('£0.017 per SMS fragment per month');
    });

    it('shows a listed item whose live content has no capabilities, or capabilities as null', async () => {
      const [{ content }] = await t.db.query(
        `SELECT v.content FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id WHERE i.id = $1`,
        [FIXTURE.reminders],
      );
      try {
        for (const value of [null, undefined]) {
          const changed = { ...content };
          if (value === undefined) delete changed.capabilityIds;
          else changed.capabilityIds = value;
          await t.db.query(`UPDATE listing_versions v SET content = $2 FROM catalogue_items i WHERE i.id = $1 AND v.id = i.live_version_id`, [FIXTURE.reminders, changed]);
          const res = await t.http().get(`/api/catalogue/items/${FIXTURE.reminders}`).expect(200);
          expect(res.body.capabilities).toEqual([]);
        }
      } finally {
        await t.db.query(`UPDATE listing_versions v SET content = $2 FROM catalogue_items i WHERE i.id = $1 AND v.id = i.live_version_id`, [FIXTURE.reminders, content]);
      }
    });

    it('is 404 for drafts and unpublished items that exist, and 400 for malformed ids', async () => {
      await t.http().get(`/api/catalogue/items/${FIXTURE.draft}`).expect(404);
      await t.http().get(`/api/catalogue/items/${FIXTURE.retired}`).expect(404);
      await t.http().get('/api/catalogue/items/99999-999').expect(404);
      await t.http().get('/api/catalogue/items/nope').expect(400);
      await t.http().get(`/api/catalogue/items/${FIXTURE.plus}?x=1`).expect(400);
    });
  });

  describe('GET /api/catalogue/compare', () => {
    it('compares three side by side and flags the rows that differ', async () => {
      const res = await t.http().get(`/api/catalogue/compare?items=${FIXTURE.plus},${FIXTURE.scheduler},${FIXTURE.reminders}`).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([FIXTURE.plus, FIXTURE.scheduler, FIXTURE.reminders]);
      const section = (key: string) => res.body.sections.find((s: { key: string }) => s.key === key);
      const rowOf = (key: string, rowKey: string) => section(key).rows.find((r: { key: string }) => r.key === rowKey);
      expect(res.body.sections.map((s: { key: string }) => s.key)).toEqual(['capabilities', 'standards', 'integrations', 'applicationTypes', 'hostingTypes', 'serviceLevels', 'prices']);
      expect(rowOf('capabilities', 'C5')).toMatchObject({
        differs: true,
        cells: [
          { text: 'MUST 2/11, MAY 1/25', has: true, mustMet: 2, mustTotal: 11 },
          { text: 'MUST 1/11, MAY 0/25', has: true },
          { text: 'Not claimed', has: false },
        ],
      });
      expect(rowOf('standards', 'S24').cells.map((c: { text: string }) => c.text)).toEqual(['Met', 'Not met', 'Not yet assessed']);
      expect(rowOf('standards', 'S25').cells[0]).toEqual({ text: 'Work-off plan due 2027-01-31', outcome: 'work_off_plan' });
      expect(rowOf('standards', 'S44').cells.map((c: { outcome: string }) => c.outcome)).toEqual(['not_assessed', 'not_assessed', 'not_required']);
      expect(rowOf('serviceLevels', 'supportHours')).toMatchObject({ differs: true });
      expect(rowOf('integrations', 'GP Connect: Appointment Management').cells.map((c: { has: boolean }) => c.has)).toEqual([true, false, true]);
      expect(rowOf('hostingTypes', 'OnPremise').cells[1].text).toBe('Yes (needs HSCN)');
      expect(rowOf('prices', 'per_patient').cells.map((c: { text: string }) => c.text)).toEqual(['£1.26 per patient per year', '£0.90 per patient per year', 'No price']);
    });

    it('says rows are the same when they are', async () => {
      const res = await t.http().get(`/api/catalogue/compare?items=${FIXTURE.plus}&items=${FIXTURE.prescriptions}`).expect(200);
      const hosting = res.body.sections.find((s: { key: string }) => s.key === 'hostingTypes');
      expect(hosting.rows).toEqual([{ key: 'PublicCloud', label: 'Public cloud', differs: false, cells: [{ text: 'Yes', has: true }, { text: 'Yes', has: true }] }]);
      const overarching = res.body.sections.find((s: { key: string }) => s.key === 'standards').rows.find((r: { key: string }) => r.key === 'S26');
      expect(overarching.differs).toBe(false);
    });

    it('needs 2 to 4 listed items; drafts are refused', async () => {
      await t.http().get(`/api/catalogue/compare?items=${FIXTURE.plus}`).expect(400);
      await t.http().get(`/api/catalogue/compare?items=${FIXTURE.plus},${FIXTURE.plus}`).expect(400);
      await t.http().get(`/api/catalogue/compare?items=${FIXTURE.plus},${FIXTURE.scheduler},${FIXTURE.reminders},${FIXTURE.prescriptions},${FIXTURE.addOn}`).expect(400);
      const draft = await t.http().get(`/api/catalogue/compare?items=${FIXTURE.plus},${FIXTURE.draft}`).expect(400);
      expect(draft.body.errors).toEqual([{ field: 'items', message: `${FIXTURE.draft} is not a listed catalogue item` }]);
      expect(JSON.stringify(draft.body)).not.toContain('Secret');
      await t.http().get('/api/catalogue/compare').expect(400);
      await t.http().get('/api/catalogue/compare?items=x,y').expect(400);
    });

    it('exports the comparison as CSV with formulas neutralised', async () => {
      const res = await t.http().get(`/api/catalogue/compare.csv?items=${FIXTURE.plus},${FIXTURE.reminders}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="compare-${FIXTURE.plus}-${FIXTURE.reminders}.csv"`);
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe('Section,Row,Appointments Plus (EMIS Health),Appointment Reminders SMS (Involve),Differs');
      expect(lines).toContain("Service levels,Availability,99.9% monthly,'=1+1,Yes");
      expect(lines).toContain("Service levels,Response times,P1 within 1 hour,'-P1 within 1 hour,Yes");
      expect(lines).toContain('Capabilities,C5 Appointments Management - GP,"MUST 2/11, MAY 1/25",Not claimed,Yes');
      await t.http().get(`/api/catalogue/compare.csv?items=${FIXTURE.plus},${FIXTURE.draft}`).expect(400);
    });
  });

  // Last: it changes the fixture.
  describe('freshness', () => {
    it('shows a newly published version at once (cached results are dropped when the index changes)', async () => {
      const before = await t.http().get('/api/catalogue/search?q=teleconsultation&capability=C5').expect(200);
      expect(before.body.total).toBe(0);
      await t.http().get('/api/catalogue/search?q=teleconsultation&capability=C5').expect(200); // served again, maybe from cache
      await publishNewVersion(t.db, FIXTURE.scheduler, { summary: 'Schedules clinics and teleconsultation sessions.' });
      const after = await t.http().get('/api/catalogue/search?q=teleconsultation&capability=C5').expect(200);
      expect(ids(after)).toEqual([FIXTURE.scheduler]);
      expect(after.body.facets.capability.find((c: { value: string }) => c.value === 'C5')).toMatchObject({ count: 1, selected: true });
      const page = await t.http().get(`/api/catalogue/items/${FIXTURE.scheduler}`).expect(200);
      expect(page.body).toMatchObject({ version: 2, summary: 'Schedules clinics and teleconsultation sessions.' });
    });
  });
});
