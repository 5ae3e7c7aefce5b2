import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { addMonths, contractDates, todayInLondon } from '../ordering/order.rules';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const OTHER_ICB = 'commissioner@qox.dashboard.test';
const SUB_ICB = 'commissioner@16c.dashboard.test';

/** Market share and HHI worked out here from the practices' ODS data, independently of the service. */
function expectedMarket(practices: { code: string; patients: number; ods: string | null }[], overrides: Record<string, string>, odsToKey: (label: string) => string) {
  const by = new Map<string, { practices: number; patients: number }>();
  let n = 0;
  let pts = 0;
  for (const p of practices) {
    const key = overrides[p.code] ?? (p.ods ? odsToKey(p.ods) : null);
    if (!key) continue;
    const a = by.get(key) ?? { practices: 0, patients: 0 };
    a.practices++;
    a.patients += p.patients;
    by.set(key, a);
    n++;
    pts += p.patients;
  }
  let hp = 0;
  let hq = 0;
  for (const a of by.values()) {
    hp += ((a.practices / n) * 100) ** 2;
    hq += ((a.patients / pts) * 100) ** 2;
  }
  return { by, hhiByPractices: Math.round(hp), hhiByPatients: Math.round(hq) };
}

describe('commissioner dashboard', () => {
  let t: TestApp;
  let practice: Session;
  let commissioner: Session;
  let operator: Session;
  let otherIcb: Session;
  let subIcb: Session;
  let baseline: any;
  let annual: number;
  let contractId: string;
  const today = todayInLondon();
  const commencement = addMonths(today, -2);
  const dates = contractDates(commencement, 12, 90);

  const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);

  async function addUser(email: string, orgCode: string, role: string) {
    await t.db.query(`INSERT INTO users (email, name, password_hash, status) SELECT $1::text, $1::text, password_hash, 'active' FROM users WHERE email = $2`, [email, DEMO.operator]);
    await t.db.query(`INSERT INTO memberships (user_id, organisation_id, role) SELECT u.id, o.id, $3 FROM users u, organisations o WHERE u.email = $1 AND o.code = $2`, [email, orgCode, role]);
  }

  async function practicesOf(area: string) {
    return (
      await t.db.query(
        `SELECT code, coalesce(registered_patients, 0) AS patients, nullif(trim(clinical_system_supplier), '') AS ods FROM organisations
          WHERE type = 'practice' AND status = 'active' AND (icb_code = $1 OR sub_icb_code = $1)`,
        [area],
      )
    ).map((r: any) => ({ code: r.code, patients: Number(r.patients), ods: r.ods }));
  }
  const odsToKey = (label: string) => (label.toUpperCase() === 'EMIS' ? '10000' : label.toUpperCase() === 'TPP' ? '10052' : `ods:${label}`);

  beforeAll(async () => {
    t = await createTestApp();
    await addUser(OTHER_ICB, 'QOX', 'commissioner');
    await addUser(SUB_ICB, '16C', 'commissioner');
    [practice, commissioner, operator, otherIcb, subIcb] = await Promise.all([
      t.signIn(DEMO.practiceManager),
      t.signIn(DEMO.commissioner),
      t.signIn(DEMO.operator),
      t.signIn(OTHER_ICB),
      t.signIn(SUB_ICB),
    ]);
    baseline = (await commissioner.agent.get('/api/dashboard').expect(200)).body;

    // A81001 (ODS: TPP) takes Emis Web GP, started two months ago for 12 months, so it is active now
    // and its notice deadline falls within the next 24 months.
    const ref = (await post(practice, '/api/orders', { description: 'Clinical system switch' }).expect(201)).body.ref;
    await put(practice, `/api/orders/${ref}/ordering-party`, { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test', telephone: '01234 567890' } }).expect(200);
    await put(practice, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: { name: 'Alex Vendor', email: 'orders@emis.test' } }).expect(200);
    await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 12 }).expect(200);
    await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await put(practice, `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: 'local' }).expect(200);
    const done = (await post(practice, `/api/orders/${ref}/complete`).expect(200)).body;
    expect(done.contract).toMatchObject({ status: 'active', noticeDeadline: dates.noticeDeadline });
    annual = done.totals.annualPence;
    contractId = done.contract.id;
    expect(annual).toBeGreaterThan(0);
  });

  afterAll(() => t?.close());

  it('shows annual spend by supplier and by capability for the area’s active contracts', async () => {
    const d = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    expect(d.area).toEqual({ code: 'QHM', name: expect.any(String), type: 'icb' });
    expect(d.asOf).toBe(today);
    const before = baseline.spendBySupplier.find((s: any) => s.supplierCode === '10000') ?? { annualPence: 0, contracts: 0 };
    expect(d.spendBySupplier.find((s: any) => s.supplierCode === '10000')).toMatchObject({ annualPence: before.annualPence + annual, contracts: before.contracts + 1 });
    // Emis Web GP claims C13 among others: its annual cost counts in full under each.
    const capBefore = baseline.spendByCapability.find((c: any) => c.capabilityRef === 'C13') ?? { annualPence: 0, contracts: 0 };
    expect(d.spendByCapability.find((c: any) => c.capabilityRef === 'C13')).toMatchObject({
      capabilityName: 'Patient Information Maintenance - GP',
      annualPence: capBefore.annualPence + annual,
      contracts: capBefore.contracts + 1,
    });
  });

  it('counts contracts by the month of their notice deadline over the next 24 months', async () => {
    const d = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    expect(d.noticeDeadlines).toHaveLength(24);
    expect(d.noticeDeadlines[0].month).toBe(today.slice(0, 7));
    const month = dates.noticeDeadline.slice(0, 7);
    const was = baseline.noticeDeadlines.find((m: any) => m.month === month);
    expect(d.noticeDeadlines.find((m: any) => m.month === month)).toEqual({ month, contracts: was.contracts + 1, annualPence: was.annualPence + annual });
  });

  it('computes clinical-system market share and HHI from ODS data overridden by contracts, with a trend', async () => {
    const d = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    const practices = await practicesOf('QHM');
    const want = expectedMarket(practices, { A81001: '10000' }, odsToKey);
    expect(d.marketShare.practices).toBe(practices.length);
    expect(d.marketShare.hhiByPractices).toBe(want.hhiByPractices);
    expect(d.marketShare.hhiByPatients).toBe(want.hhiByPatients);
    const emis = d.marketShare.suppliers.find((s: any) => s.key === '10000');
    expect(emis).toMatchObject({ name: 'EMIS Health', practices: want.by.get('10000')!.practices, patients: want.by.get('10000')!.patients });
    expect(emis.underContract).toBeGreaterThanOrEqual(1);
    const tpp = d.marketShare.suppliers.find((s: any) => s.key === '10052');
    expect(tpp.practices).toBe(want.by.get('10052')!.practices);

    // Trend: 24 month ends then today; before the contract started the ODS picture holds.
    expect(d.marketShare.trend).toHaveLength(25);
    expect(d.marketShare.trend.at(-1)).toEqual({ date: today, byPractices: want.hhiByPractices, byPatients: want.hhiByPatients });
    const ods = expectedMarket(practices, {}, odsToKey);
    const beforeStart = d.marketShare.trend.filter((p: any) => p.date < commencement).at(-1);
    expect(beforeStart).toMatchObject({ byPractices: ods.hhiByPractices, byPatients: ods.hhiByPatients });
    const afterStart = d.marketShare.trend.find((p: any) => p.date >= commencement && p.date < today);
    if (afterStart) expect(afterStart.byPractices).toBe(want.hhiByPractices);
  });

  it('shows exposure to solutions that become lapsed, and recomputes when accreditation changes', async () => {
    const first = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    const again = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    expect(again.computedAt).toBe(first.computedAt); // served from the snapshot
    expect(first.exposure.totals.find((x: any) => x.status === 'lapsed').contracts).toBe(baseline.exposure.totals.find((x: any) => x.status === 'lapsed').contracts);

    await t.db.query(`UPDATE catalogue_items SET accreditation_status = 'lapsed' WHERE id = '10000-001'`);
    const d = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    expect(d.computedAt).not.toBe(first.computedAt);
    const lapsed = d.exposure.totals.find((x: any) => x.status === 'lapsed');
    expect(lapsed.contracts).toBeGreaterThanOrEqual(1);
    expect(lapsed.annualPence).toBeGreaterThanOrEqual(annual);
    expect(d.exposure.solutions.find((s: any) => s.solutionId === '10000-001')).toMatchObject({
      status: 'lapsed',
      solutionName: 'Emis Web GP',
      supplierName: 'EMIS Health',
      since: expect.any(String),
      practices: expect.any(Number),
    });
    await t.db.query(`UPDATE catalogue_items SET accreditation_status = 'accredited' WHERE id = '10000-001'`);
  });

  it('recomputes after a contract changes (termination)', async () => {
    const before = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    await post(practice, `/api/contracts/${contractId}/terminate`, { reason: 'Moving on', terminationDate: addMonths(today, 1) }).expect(200);
    const after = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    expect(after.computedAt).not.toBe(before.computedAt);
    // A terminated contract has no notice deadline left to act on.
    const month = dates.noticeDeadline.slice(0, 7);
    expect(after.noticeDeadlines.find((m: any) => m.month === month).contracts).toBe(before.noticeDeadlines.find((m: any) => m.month === month).contracts - 1);
  });

  it('keeps commissioners to their own area and lets operators choose any', async () => {
    await otherIcb.agent.get('/api/dashboard?area=QHM').expect(403);
    const own = (await otherIcb.agent.get('/api/dashboard').expect(200)).body;
    expect(own.area.code).toBe('QOX');
    expect(own.spendBySupplier.find((s: any) => s.supplierCode === '10000')?.contracts ?? 0).toBe(0);
    await commissioner.agent.get('/api/dashboard?area=QOX').expect(403);
    expect((await commissioner.agent.get('/api/dashboard?area=16c').expect(200)).body.area).toMatchObject({ code: '16C', type: 'sub_icb' });
    await subIcb.agent.get('/api/dashboard?area=QHM').expect(403);
    expect((await subIcb.agent.get('/api/dashboard').expect(200)).body.area.code).toBe('16C');
    await commissioner.agent.get('/api/dashboard?area=ZZZ99').expect(404);
    await commissioner.agent.get('/api/dashboard?area=not a code').expect(400);
    await practice.agent.get('/api/dashboard').expect(403);
    await t.http().get('/api/dashboard').expect(401);

    await operator.agent.get('/api/dashboard').expect(400);
    const op = (await operator.agent.get('/api/dashboard?area=QHM').expect(200)).body;
    const com = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    expect(op.marketShare).toEqual(com.marketShare);
    expect(op.spendBySupplier).toEqual(com.spendBySupplier);
  });

  it('serves a large area’s previous figures, marked updating, while it recomputes them in the background', async () => {
    const before = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    expect(before.updating).toBe(false);
    // As if QHM took seconds to compute (it does at 100×), then a change in the area.
    await t.db.query(`UPDATE dashboard_snapshots SET compute_ms = 5000 WHERE area_code = 'QHM'`);
    await t.db.query(`INSERT INTO dashboard_changes (area_code) VALUES ('QHM')`);
    const served = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    expect(served).toMatchObject({ updating: true, computedAt: before.computedAt });
    // The background recompute lands; the next read is fresh again.
    let after = served;
    for (let i = 0; i < 50 && after.computedAt === before.computedAt; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const [row] = await t.db.query(`SELECT data->>'computedAt' AS at FROM dashboard_snapshots WHERE area_code = 'QHM'`);
      if (row.at !== before.computedAt) after = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    }
    expect(after.computedAt).not.toBe(before.computedAt);
    expect(after.updating).toBe(false);
    // A small area (its last recompute was quick) is recomputed inline: never served stale.
    await t.db.query(`INSERT INTO dashboard_changes (area_code) VALUES ('QHM')`);
    const inline = (await commissioner.agent.get('/api/dashboard').expect(200)).body;
    expect(inline.updating).toBe(false);
    expect(inline.computedAt).not.toBe(after.computedAt);
  });

  it('computes an area once when several readers ask at the same time', async () => {
    await t.db.query(`DELETE FROM dashboard_snapshots WHERE area_code = 'QHM'`);
    const answers = await Promise.all([1, 2, 3, 4].map(() => commissioner.agent.get('/api/dashboard').expect(200)));
    expect(new Set(answers.map((a) => a.body.computedAt)).size).toBe(1);
  });

  it('the refresh job recomputes stale snapshots', async () => {
    await t.db.query(`UPDATE dashboard_snapshots SET computed_on = computed_on - 1`);
    const { DashboardService } = await import('./dashboard.service');
    const svc = t.app.get(DashboardService);
    const n = await svc.refreshStale(1);
    expect(n).toBeGreaterThan(0);
    const [row] = await t.db.query(`SELECT computed_on FROM dashboard_snapshots WHERE area_code = 'QHM'`);
    expect(row.computed_on).toBe(today);
  });
});
