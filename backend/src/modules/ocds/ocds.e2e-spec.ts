import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { addDays, addMonths, todayInLondon } from '../ordering/order.rules';
import { recordPackageErrors, releaseErrors, releasePackageErrors } from './ocds-schema';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const OTHER_ICB = 'commissioner@qox.test';

/** Every OCDS output is checked against the official 1.1.5 schemas (backend/data/ocds). */
function expectValidReleasePackage(body: any) {
  expect(releasePackageErrors(body)).toEqual([]);
  for (const r of body.releases) expect(releaseErrors(r)).toEqual([]);
}
function expectValidRecordPackage(body: any) {
  expect(recordPackageErrors(body)).toEqual([]);
  for (const rec of body.records) expect(releaseErrors(rec.compiledRelease)).toEqual([]);
}

describe('open contract data (OCDS 1.1.5)', () => {
  let t: TestApp;
  let practice: Session;
  let commissioner: Session;
  let otherIcb: Session;

  const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const commencement = addMonths(todayInLondon(), 1);
  const contact = { name: 'Sam Patel', email: 'sam.patel@nhs.test', telephone: '01234 567890' };
  const supplierContact = { name: 'Alex Vendor', email: 'orders@emis.test' };

  /** A completed order (Emis Web GP for the given practices) through the API; returns its ref and body. */
  async function completeOrder(s: Session, odsCodes?: string[], funding: 'local' | 'central' = 'local'): Promise<{ ref: string; done: any }> {
    const p = (url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
    const po = (url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);
    const ref = (await po('/api/orders', { description: 'Clinical system' }).expect(201)).body.ref;
    if (odsCodes) await p(`/api/orders/${ref}/recipients`, { odsCodes }).expect(200);
    await p(`/api/orders/${ref}/ordering-party`, { contact }).expect(200);
    await p(`/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(200);
    await p(`/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);
    await po(`/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await p(`/api/orders/${ref}/items/10000-001/funding`, { fundingSource: funding }).expect(200);
    const done = (await po(`/api/orders/${ref}/complete`).expect(200)).body;
    expect(done.status).toBe(funding === 'local' ? 'completed' : 'awaiting_approval');
    return { ref, done };
  }

  const ocidOf = (prefix: string, ref: string) => `${prefix}-${ref.slice(0, 7)}`;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.query(`INSERT INTO users (email, name, password_hash, status) SELECT $1::text, $1::text, password_hash, 'active' FROM users WHERE email = $2`, [OTHER_ICB, DEMO.operator]);
    await t.db.query(`INSERT INTO memberships (user_id, organisation_id, role) SELECT u.id, o.id, 'commissioner' FROM users u, organisations o WHERE u.email = $1 AND o.code = 'QOX'`, [OTHER_ICB]);
    [practice, commissioner, otherIcb] = await Promise.all([t.signIn(DEMO.practiceManager), t.signIn(DEMO.commissioner), t.signIn(OTHER_ICB)]);
  });

  afterAll(() => t?.close());

  it('publishes an award and contract release when an order completes, as a valid release package and record', async () => {
    const { ref, done } = await completeOrder(practice);
    const ocid = ocidOf('ocds-gpitm', ref);
    const pkg = (await t.http().get(`/api/ocds/releases/${ocid}`).expect(200)).body;
    expectValidReleasePackage(pkg);
    expect(pkg).toMatchObject({ version: '1.1', publisher: { name: 'GP IT Marketplace' }, uri: expect.stringContaining(`/api/ocds/releases/${ocid}`) });
    expect(pkg.releases).toHaveLength(1);
    const [release] = pkg.releases;
    expect(release).toMatchObject({ ocid, id: `${ref}-award`, tag: ['award', 'contract'], initiationType: 'tender', language: 'en', buyer: { id: 'GB-NHS-A81001' } });
    const amount = done.contract.valuePence / 100;
    expect(release.awards[0]).toMatchObject({ status: 'active', value: { amount, currency: 'GBP' }, suppliers: [{ id: 'GPITM-SUPPLIER-10000' }] });
    expect(release.contracts[0]).toMatchObject({ id: ref.slice(0, 7), awardID: ref.slice(0, 7), status: 'active', value: { amount, currency: 'GBP' } });
    expect(release.contracts[0].period.startDate.slice(0, 10)).toBe(done.contract.startDate);
    expect(release.contracts[0].period.endDate.slice(0, 10)).toBe(done.contract.endDate);
    expect(release.contracts[0].items[0]).toMatchObject({ id: '10000-001', quantity: 3904, classification: { scheme: 'CPV', id: '48000000' } });
    expect(release.relatedProcesses).toEqual([expect.objectContaining({ relationship: ['framework'], identifier: 'TIF001' })]);
    const roles = Object.fromEntries(release.parties.map((p: any) => [p.id, p.roles]));
    expect(roles).toEqual({ 'GB-NHS-A81001': ['buyer', 'procuringEntity'], 'GB-NHS-QHM': ['interestedParty'], 'GPITM-SUPPLIER-10000': ['supplier', 'payee'] });
    expect(release.tender).toMatchObject({ procurementMethod: 'direct', status: 'complete' });

    const record = (await t.http().get(`/api/ocds/records/${ocid}`).expect(200)).body;
    expectValidRecordPackage(record);
    expect(record.records[0].compiledRelease).toMatchObject({ ocid, tag: ['compiled'], awards: release.awards });

    // Completing again appends nothing.
    await post(practice, `/api/orders/${ref}/complete`).expect(200);
    expect((await t.http().get(`/api/ocds/releases/${ocid}`).expect(200)).body.releases).toHaveLength(1);
  });

  it('appends an amendment release, and a termination release; the record compiles them', async () => {
    const { ref, done: first } = await completeOrder(commissioner, ['A81001']);
    const ocid = ocidOf('ocds-gpitm', ref);
    const ref2 = (await post(commissioner, `/api/orders/${ref}/amendments`).expect(201)).body.ref;
    await put(commissioner, `/api/orders/${ref2}/recipients`, { odsCodes: ['A81001', 'A81002'] }).expect(200);
    await post(commissioner, `/api/orders/${ref2}/items`, { itemId: '10000-S-003', priceId: 'p1' }).expect(200);
    await put(commissioner, `/api/orders/${ref2}/items/10000-S-003/quantities`, { quantity: 1 }).expect(200);
    await put(commissioner, `/api/orders/${ref2}/items/10000-S-003/funding`, { fundingSource: 'local' }).expect(200);
    const done = (await post(commissioner, `/api/orders/${ref2}/complete`).expect(200)).body;

    const pkg = (await t.http().get(`/api/ocds/releases/${ocid}`).expect(200)).body;
    expectValidReleasePackage(pkg);
    expect(pkg.releases.map((r: any) => r.tag)).toEqual([['award', 'contract'], ['contractAmendment']]);
    const amendment = pkg.releases[1].contracts[0].amendments[0];
    expect(amendment).toMatchObject({ id: ref2, amendsReleaseID: `${ref}-award`, releaseID: `${ref2}-amendment` });
    expect(amendment.description).toContain(String(first.contract.valuePence / 100));

    let record = (await t.http().get(`/api/ocds/records/${ocid}`).expect(200)).body;
    expectValidRecordPackage(record);
    let compiled = record.records[0].compiledRelease;
    expect(compiled.contracts).toHaveLength(1);
    expect(compiled.contracts[0].value.amount).toBe(done.contract.valuePence / 100);
    expect(compiled.contracts[0].amendments).toEqual([amendment]);
    expect(compiled.contracts[0].items.map((i: any) => i.id)).toEqual(['10000-001', '10000-S-003']);
    expect(compiled.awards[0].value.amount).toBe(first.contract.valuePence / 100); // the award is what was awarded
    expect(record.records[0].releases).toHaveLength(2);

    const date = addDays(todayInLondon(), 60);
    await post(commissioner, `/api/contracts/${done.contract.id}/terminate`, { reason: 'Switching to another system', terminationDate: date }).expect(200);
    const after = (await t.http().get(`/api/ocds/releases/${ocid}`).expect(200)).body;
    expectValidReleasePackage(after);
    expect(after.releases.at(-1)).toMatchObject({ id: `${ref2}-termination`, tag: ['contractTermination'] });
    record = (await t.http().get(`/api/ocds/records/${ocid}`).expect(200)).body;
    expectValidRecordPackage(record);
    compiled = record.records[0].compiledRelease;
    expect(compiled.contracts[0].status).toBe('terminated');
    expect(compiled.contracts[0].period.endDate.slice(0, 10)).toBe(date);
    expect(compiled.contracts[0].amendments).toHaveLength(1);
  });

  it('serves a bulk package per ICB and date range, paged, and keeps commissioners to their own ICB', async () => {
    const { ref } = await completeOrder(practice);
    const today = todayInLondon();
    const range = `from=${addDays(today, -1)}&to=${addDays(today, 1)}`;
    const all = (await t.http().get(`/api/ocds/releases?icb=QHM&${range}`).expect(200)).body;
    expectValidReleasePackage(all);
    expect(all.releases.map((r: any) => r.ocid)).toContain(ocidOf('ocds-gpitm', ref));
    expect(all.releases.length).toBeGreaterThanOrEqual(5);
    expect(all.links).toBeUndefined();

    const first = (await t.http().get(`/api/ocds/releases?icb=QHM&${range}&pageSize=2`).expect(200)).body;
    expectValidReleasePackage(first);
    expect(first.releases).toHaveLength(2);
    expect(first.links.next).toContain('page=2');
    const second = (await t.http().get(new URL(first.links.next).pathname + new URL(first.links.next).search).expect(200)).body;
    expectValidReleasePackage(second);
    expect(second.releases.map((r: any) => r.id)).toEqual(all.releases.slice(2, 4).map((r: any) => r.id));
    expect(second.links.prev).toContain('page=1');

    // Dates: nothing tomorrow onwards.
    const none = (await t.http().get(`/api/ocds/releases?icb=QHM&from=${addDays(today, 1)}`).expect(200)).body;
    expect(none.releases).toEqual([]);

    // A commissioner sees their own ICB; another ICB's commissioner is refused QHM and finds nothing in theirs.
    expectValidReleasePackage((await commissioner.agent.get(`/api/ocds/releases?icb=QHM&${range}`).expect(200)).body);
    const refused = await otherIcb.agent.get(`/api/ocds/releases?icb=QHM&${range}`).expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await otherIcb.agent.get(`/api/ocds/releases?icb=qhm`).expect(403);
    expect((await otherIcb.agent.get(`/api/ocds/releases?icb=QOX&${range}`).expect(200)).body.releases).toEqual([]);

    await t.http().get('/api/ocds/releases').expect(400);
    await t.http().get('/api/ocds/releases?icb=QHM&from=2027-02-30').expect(400);
    await t.http().get(`/api/ocds/releases?icb=QHM&from=${today}&to=${addDays(today, -1)}`).expect(400);
    await t.http().get('/api/ocds/releases?icb=A81001').expect(404);
    const missing = await t.http().get('/api/ocds/releases/ocds-gpitm-C999999').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    await t.http().get('/api/ocds/records/ocds-gpitm-C999999').expect(404);
    await t.http().get('/api/ocds/records/not-an-ocid').expect(400);
  });

  it('publishes a centrally funded order when the ICB approves it, with the ICB as funder', async () => {
    const { ref } = await completeOrder(practice, undefined, 'central');
    const ocid = ocidOf('ocds-gpitm', ref);
    await t.http().get(`/api/ocds/releases/${ocid}`).expect(404); // nothing until it completes
    const approved = (await post(commissioner, `/api/orders/${ref}/approve`).expect(200)).body;
    expect(approved.status).toBe('completed');
    const pkg = (await t.http().get(`/api/ocds/releases/${ocid}`).expect(200)).body;
    expectValidReleasePackage(pkg);
    const roles = Object.fromEntries(pkg.releases[0].parties.map((p: any) => [p.id, p.roles]));
    expect(roles).toEqual({ 'GB-NHS-A81001': ['buyer', 'procuringEntity'], 'GB-NHS-QHM': ['funder', 'interestedParty'], 'GPITM-SUPPLIER-10000': ['supplier', 'payee'] });
    expectValidRecordPackage((await t.http().get(`/api/ocds/records/${ocid}`).expect(200)).body);
  });

  it('keeps releases immutable in the database', async () => {
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM ocds_releases`);
    expect(count).toBeGreaterThan(0);
    await expect(t.db.query(`UPDATE ocds_releases SET tag = ARRAY['tender']`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM ocds_releases`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE ocds_releases`)).rejects.toThrow(/append-only/);
    expect((await t.db.query(`SELECT count(*)::int AS count FROM ocds_releases`))[0].count).toBe(count);
  });

  it('takes the ocid prefix from configuration', async () => {
    const custom = await createTestApp({ OCDS_OCID_PREFIX: 'ocds-test01' });
    try {
      const s = await custom.signIn(DEMO.practiceManager);
      const { ref } = await completeOrder(s);
      const ocid = ocidOf('ocds-test01', ref);
      const pkg = (await custom.http().get(`/api/ocds/releases/${ocid}`).expect(200)).body;
      expectValidReleasePackage(pkg);
      expect(pkg.releases[0].ocid).toBe(ocid);
      expectValidRecordPackage((await custom.http().get(`/api/ocds/records/${ocid}`).expect(200)).body);
      await custom.http().get(`/api/ocds/releases/${ocidOf('ocds-gpitm', ref)}`).expect(404);
    } finally {
      await custom.close();
    }
  });
});
