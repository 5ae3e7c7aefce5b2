import { createTestApp, TestApp } from '../../../test/test-app';

describe('public reference-data API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const get = (url: string, status = 200) => t.http().get(url).expect(status);
  const problem = async (url: string, status: number) => {
    const res = await get(url, status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^urn:gpit:problem:/), title: expect.any(String) });
    return res.body;
  };

  describe('GET /api/capabilities', () => {
    it('pages the 46 capabilities in ref order, without signing in', async () => {
      const first = await get('/api/capabilities');
      expect(first.body).toMatchObject({ total: 46, page: 1, pageSize: 25 });
      expect(first.body.items).toHaveLength(25);
      expect(first.body.items.slice(0, 3).map((c: { ref: string }) => c.ref)).toEqual(['C1', 'C2', 'C3']);
      expect(first.body.items[0]).toEqual({
        id: 1, ref: 'C1', name: 'Appointments Management - Citizen', description: expect.any(String), category: 'Citizen services', categoryId: 3,
        status: 'Effective', version: '1.0.2', isFoundation: false, mustEpicCount: 3, mayEpicCount: 17,
      });
      const second = await get('/api/capabilities?page=2&pageSize=25');
      expect(second.body).toMatchObject({ total: 46, page: 2 });
      expect(second.body.items).toHaveLength(21);
      expect(second.body.items.at(-1).ref).toBe('C50');
    });

    it('filters by status, framework, category (id or name) and text', async () => {
      expect((await get('/api/capabilities?status=Expired')).body.total).toBe(2);
      const dfocvc = await get('/api/capabilities?framework=DFOCVC001');
      expect(dfocvc.body.items.map((c: { ref: string }) => c.ref)).toEqual(['C43', 'C44']);
      const byId = await get('/api/capabilities?category=3&pageSize=100');
      const byName = await get('/api/capabilities?category=citizen%20services&pageSize=100');
      expect(byId.body.total).toBeGreaterThan(0);
      expect(byName.body).toEqual(byId.body);
      const q = await get('/api/capabilities?q=appointments&pageSize=100');
      expect(q.body.items.every((c: { name: string; description: string }) => /appointments/i.test(c.name + c.description))).toBe(true);
      expect((await get('/api/capabilities?q=c1')).body.items.map((c: { ref: string }) => c.ref)).toContain('C1');
    });

    it('sorts by whitelisted fields only', async () => {
      const names = async (sort: string) => (await get(`/api/capabilities?sort=${sort}&pageSize=100`)).body.items.map((c: { name: string }) => c.name);
      const ascending = await names('name');
      expect(ascending).toHaveLength(46);
      expect(await names('-name')).toEqual([...ascending].reverse());
      expect((await names('status,ref'))[0]).toBe('Appointments Management - Citizen');
      const bad = await problem('/api/capabilities?sort=password', 400);
      expect(bad.errors).toEqual([{ field: 'sort', message: expect.stringContaining('not supported') }]);
    });

    it('refuses unknown and malformed query parameters with problem+json', async () => {
      expect((await problem('/api/capabilities?colour=red', 400)).errors).toEqual([{ field: 'colour', message: 'colour is not a recognised field' }]);
      expect((await problem('/api/capabilities?status=Live', 400)).errors[0].field).toBe('status');
      expect((await problem('/api/capabilities?pageSize=500', 400)).errors[0].field).toBe('pageSize');
      expect((await problem('/api/capabilities?page=abc', 400)).errors[0].field).toBe('page');
      expect((await problem("/api/capabilities?framework=x';drop", 400)).errors[0].field).toBe('framework');
    });
  });

  describe('GET /api/capabilities/:ref', () => {
    it('returns C1 with its active epics by compliancy, standards and frameworks', async () => {
      const { body } = await get('/api/capabilities/C1');
      expect(body).toMatchObject({ ref: 'C1', mustEpicCount: 3, mayEpicCount: 17, sourceUrl: expect.stringMatching(/^https:/) });
      expect(body.epics.must).toHaveLength(3);
      expect(body.epics.may).toHaveLength(17);
      expect(body.epics.should).toEqual([]);
      expect(body.epics.must[0]).toEqual({ id: expect.any(String), name: expect.any(String), supplierDefined: expect.any(Boolean) });
      expect(body.epics.must.map((e: { id: string }) => e.id)).toContain('E00109');
      expect(body.frameworks.map((f: { id: string }) => f.id)).toEqual(['NHSDGP001', 'TIF001']);
      expect(body.frameworks[0]).toEqual({ id: 'NHSDGP001', name: expect.any(String), shortName: 'GP IT Futures', status: 'expired' });
      const standards = body.standards.map((s: { id: string }) => s.id);
      expect(standards).toEqual(expect.arrayContaining(['S24', 'S47', 'S69']));
      expect(body.standards[0].type).toBe('Overarching');
      // S1 (the old C1 capability standard) is deleted, so not listed.
      expect(standards).not.toContain('S1');
    });

    it('accepts a lower-case ref', async () => {
      expect((await get('/api/capabilities/c1')).body.ref).toBe('C1');
    });

    it('answers an unknown ref with 404 and a malformed one with 400, as problem+json', async () => {
      expect(await problem('/api/capabilities/C999', 404)).toMatchObject({ code: 'not-found' });
      expect((await problem('/api/capabilities/XYZ', 400)).errors).toEqual([{ field: 'ref', message: 'ref must be a capability reference such as C1' }]);
      expect((await problem('/api/capabilities/C99999999999', 400)).code).toBe('validation-error');
      await problem('/api/capabilities/C1?expand=all', 400);
    });
  });

  it('GET /api/capability-categories lists the 12 categories with capability counts', async () => {
    const { body } = await get('/api/capability-categories');
    expect(body).toHaveLength(12);
    expect(body.find((c: { id: number }) => c.id === 3)).toEqual({ id: 3, name: 'Citizen services', capabilityCount: expect.any(Number) });
    expect(body.reduce((n: number, c: { capabilityCount: number }) => n + c.capabilityCount, 0)).toBe(46);
    await problem('/api/capability-categories?page=1', 400);
  });

  describe('GET /api/epics', () => {
    it('pages all 768 epics with their capability links', async () => {
      const { body } = await get('/api/epics?pageSize=200&page=4');
      expect(body).toMatchObject({ total: 768, page: 4, pageSize: 200 });
      expect(body.items).toHaveLength(168);
      const e = (await get('/api/epics?q=E00109')).body.items[0];
      expect(e).toMatchObject({ id: 'E00109', isActive: true, supplierDefined: false });
      expect(e.capabilities).toContainEqual({ ref: 'C1', name: 'Appointments Management - Citizen', compliancy: 'MUST' });
    });

    it('filters by capability, compliancy and active', async () => {
      expect((await get('/api/epics?capability=C1&compliancy=MUST&active=true')).body.total).toBe(3);
      expect((await get('/api/epics?capability=C1&compliancy=MAY&active=true')).body.total).toBe(17);
      const all = (await get('/api/epics?capability=C1')).body.total;
      const inactive = (await get('/api/epics?capability=C1&active=false')).body.total;
      expect(all).toBe(20 + inactive);
      expect((await get('/api/epics?active=true&pageSize=1')).body.total + (await get('/api/epics?active=false&pageSize=1')).body.total).toBe(768);
    });

    it('refuses bad filter values', async () => {
      expect((await problem('/api/epics?active=yes', 400)).errors).toEqual([{ field: 'active', message: 'active must be true or false' }]);
      expect((await problem('/api/epics?compliancy=SHALL', 400)).errors[0].field).toBe('compliancy');
      expect((await problem('/api/epics?capability=1', 400)).errors[0].field).toBe('capability');
    });
  });

  describe('GET /api/standards', () => {
    it('hides deleted standards unless asked: 47 of 67', async () => {
      const live = await get('/api/standards?pageSize=100');
      expect(live.body.total).toBe(47);
      expect(live.body.items.every((s: { isDeleted: boolean }) => !s.isDeleted)).toBe(true);
      const all = await get('/api/standards?pageSize=100&includeDeleted=true');
      expect(all.body.total).toBe(67);
      expect(all.body.items.filter((s: { isDeleted: boolean }) => s.isDeleted)).toHaveLength(20);
      expect((await get('/api/standards?includeDeleted=false')).body.total).toBe(47);
    });

    it('filters by type, the pre-October-2024 category and capability', async () => {
      const overarching = await get('/api/standards?type=Overarching&pageSize=100');
      expect(overarching.body.total).toBe(12);
      expect(overarching.body.items[0]).toMatchObject({ type: 'Overarching', category: 'Overarching', capabilityCount: 44 });
      expect((await get('/api/standards?category=Interoperability')).body.total).toBe(30);
      const c1 = (await get('/api/capabilities/C1')).body.standards.length;
      expect((await get('/api/standards?capability=C1&pageSize=100')).body.total).toBe(c1);
      expect((await problem('/api/standards?includeDeleted=1', 400)).errors[0].field).toBe('includeDeleted');
      expect((await problem('/api/standards?category=Other', 400)).errors[0].field).toBe('category');
    });

    it('GET /api/standards/:id returns a standard with its capabilities, deleted ones included', async () => {
      const { body } = await get('/api/standards/S24');
      expect(body).toMatchObject({ id: 'S24', isDeleted: false, capabilityCount: body.capabilities.length });
      expect(body.capabilities[0]).toEqual({ id: expect.any(Number), ref: expect.stringMatching(/^C\d+$/), name: expect.any(String), category: expect.any(String), status: expect.any(String) });
      expect((await get('/api/standards/S1')).body).toMatchObject({ id: 'S1', isDeleted: true });
      await problem('/api/standards/S999', 404);
      expect((await problem('/api/standards/not-a-standard', 400)).errors[0].field).toBe('id');
    });
  });

  describe('GET /api/frameworks', () => {
    it('lists the 4 frameworks', async () => {
      const { body } = await get('/api/frameworks');
      // The 4 imported frameworks and the demo onboarding round (PCF2027, open for applications).
      expect(body.total).toBe(5);
      expect(body.items.filter((f: { id: string }) => f.id !== 'PCF2027')).toHaveLength(4);
      expect(body.items.find((f: { id: string }) => f.id === 'NHSDGP001')).toEqual({
        id: 'NHSDGP001', name: 'NHS Digital GP IT Futures Framework 1', shortName: 'GP IT Futures', status: 'expired', owner: 'NHS Digital',
        fundingTypes: ['GPIT funding', 'Local funding'], maximumTermMonths: 36, capabilityCount: 41,
      });
      expect((await get('/api/frameworks?status=live')).body.total).toBe(3);
      expect((await problem('/api/frameworks?status=closed', 400)).errors[0].field).toBe('status');
    });

    it('GET /api/frameworks/:id returns the capabilities on the framework', async () => {
      const { body } = await get('/api/frameworks/TIF001');
      expect(body).toMatchObject({ id: 'TIF001', status: 'live', capabilityCount: 38 });
      expect(body.capabilities).toHaveLength(38);
      expect(body.capabilities[0]).toMatchObject({ ref: 'C1' });
      expect((await get('/api/frameworks/ATP001')).body.capabilities).toEqual([]);
      await problem('/api/frameworks/NOPE001', 404);
      await problem('/api/frameworks/TIF-001', 400);
    });
  });

  it('GET /api/integration-types lists IM1, GP Connect and NHS App types; NHS App ones are described', async () => {
    const { body } = await get('/api/integration-types');
    expect(body).toHaveLength(12);
    expect(body[0]).toEqual({ id: expect.any(Number), integration: 'IM1', name: 'Bulk', description: null });
    const nhsApp = body.filter((x: { integration: string }) => x.integration === 'NHS App');
    expect(nhsApp).toHaveLength(4);
    expect(nhsApp.every((x: { description: string | null }) => !!x.description)).toBe(true);
  });

  it('GET /api/application-types and /api/hosting-types list the listing vocabularies', async () => {
    const apps = (await get('/api/application-types')).body;
    expect(apps.map((a: { key: string }) => a.key).sort()).toEqual(['browser-based', 'native-desktop', 'native-mobile']);
    expect(apps.find((a: { key: string }) => a.key === 'browser-based')).toMatchObject({ name: 'Browser-based', detailFields: expect.arrayContaining(['mobile responsive']) });
    const hosting = (await get('/api/hosting-types')).body;
    expect(hosting.map((h: { key: string }) => h.key).sort()).toEqual(['Hybrid', 'OnPremise', 'PrivateCloud', 'PublicCloud']);
    await problem('/api/hosting-types?x=1', 400);
  });

  it('documents every route with real schemas', async () => {
    const { body } = await get('/api/docs-json');
    for (const p of [
      '/api/capabilities', '/api/capabilities/{ref}', '/api/capability-categories', '/api/epics', '/api/standards', '/api/standards/{id}',
      '/api/frameworks', '/api/frameworks/{id}', '/api/integration-types', '/api/application-types', '/api/hosting-types',
    ]) {
      expect(body.paths[p]?.get?.tags).toEqual(['reference']);
    }
    expect(body.components.schemas.CapabilityDetail.properties).toHaveProperty('epics');
    expect(body.components.schemas.CapabilityListItem.required).toEqual(expect.arrayContaining(['ref', 'mustEpicCount']));
    const params = body.paths['/api/capabilities'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['page', 'pageSize', 'sort', 'q', 'category', 'framework', 'status']));
  });
});
