import { createTestApp, DEMO, TestApp } from '../../../test/test-app';

describe('organisations: lookup, directory and scope', () => {
  let t: TestApp;
  let commissioner: Awaited<ReturnType<TestApp['signIn']>>;
  let operator: Awaited<ReturnType<TestApp['signIn']>>;
  let practice: Awaited<ReturnType<TestApp['signIn']>>;
  let vendor: Awaited<ReturnType<TestApp['signIn']>>;

  beforeAll(async () => {
    t = await createTestApp();
    [commissioner, operator, practice, vendor] = await Promise.all([
      t.signIn(DEMO.commissioner),
      t.signIn(DEMO.operator),
      t.signIn(DEMO.practiceManager),
      t.signIn(DEMO.vendor),
    ]);
  });
  afterAll(() => t.close());

  it('looks up practice A81001 with its ODS hierarchy and registered patients', async () => {
    const res = await commissioner.agent.get('/api/organisations/A81001').expect(200);
    expect(res.body).toMatchObject({
      code: 'A81001',
      type: 'practice',
      name: 'THE DENSHAM SURGERY',
      postcode: 'TS18 1HU',
      registeredPatients: 3904,
      registeredPatientsDate: '2025-04-01',
      openDate: '1974-04-01',
      telephone: '01642 672351',
      addressLines: ['HEALTH CENTRE', 'LAWSON STREET'],
      town: 'STOCKTON-ON-TEES',
      clinicalSystemSupplier: 'TPP',
      pcn: { code: 'U89141', name: 'STOCKTON PCN' },
      subIcb: { code: '16C' },
      icb: { code: 'QHM', name: 'NHS North East and North Cumbria Integrated Care Board' },
      region: { code: 'Y63' },
    });
  });

  it('lists all 6,129 practices to an operator', async () => {
    const res = await operator.agent.get('/api/organisations').query({ type: 'practice', pageSize: 5 }).expect(200);
    expect(res.body.total).toBe(6129);
    expect(res.body.items).toHaveLength(5);
    expect(res.body).toMatchObject({ page: 1, pageSize: 5 });
  });

  it('limits a commissioner to its ICB', async () => {
    const res = await commissioner.agent.get('/api/organisations').query({ type: 'practice', pageSize: 200 }).expect(200);
    expect(res.body.total).toBe(337);
    expect(res.body.items.every((o: { icbCode: string }) => o.icbCode === 'QHM')).toBe(true);
    const outside = await commissioner.agent.get('/api/organisations/E85029').expect(404);
    expect(outside.headers['content-type']).toMatch(/problem\+json/);
    await operator.agent.get('/api/organisations/E85029').expect(200);
  });

  it('searches by ODS code, postcode and name in one box', async () => {
    const byCode = await commissioner.agent.get('/api/organisations').query({ q: 'a81001' }).expect(200);
    expect(byCode.body.items[0].code).toBe('A81001');
    const byPostcode = await commissioner.agent.get('/api/organisations').query({ q: 'ts181hu' }).expect(200);
    expect(byPostcode.body.items.map((o: { code: string }) => o.code)).toContain('A81001');
    const byName = await commissioner.agent.get('/api/organisations').query({ q: 'densham' }).expect(200);
    expect(byName.body.items.map((o: { code: string }) => o.code)).toEqual(['A81001']);
    const wildcard = await commissioner.agent.get('/api/organisations').query({ q: '%' }).expect(200);
    expect(wildcard.body.total).toBe(0);
  });

  it('sorts and pages consistently, and refuses unknown sort fields', async () => {
    const res = await operator.agent.get('/api/organisations').query({ type: 'icb', sort: '-name', pageSize: 50 }).expect(200);
    expect(res.body.total).toBe(36);
    const names = res.body.items.map((o: { name: string }) => o.name);
    expect(names).toEqual([...names].sort().reverse());
    const bad = await operator.agent.get('/api/organisations').query({ sort: 'password' }).expect(400);
    expect(bad.body.errors[0].field).toBe('sort');
    await operator.agent.get('/api/organisations').query({ pageSize: 1000 }).expect(400);
    await operator.agent.get('/api/organisations').query({ colour: 'blue' }).expect(400);
  });

  it('shows a practice manager only its own practice', async () => {
    await practice.agent.get('/api/organisations/A81001').expect(200);
    await practice.agent.get('/api/organisations/A81002').expect(404);
    const res = await practice.agent.get('/api/organisations').expect(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('shows a vendor only its supplier', async () => {
    const res = await vendor.agent.get('/api/organisations/10000').expect(200);
    expect(res.body).toMatchObject({ type: 'supplier', code: '10000' });
    await vendor.agent.get('/api/organisations/A81001').expect(404);
  });

  it('refuses a vendor calling an operator endpoint with 403 problem+json', async () => {
    const res = await vendor.agent.get('/api/audit-events').expect(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('requires sign-in', async () => {
    await t.http().get('/api/organisations/A81001').expect(401);
  });
});
