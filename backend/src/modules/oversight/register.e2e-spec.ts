import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { addDays, addMonths, LONDON_TODAY as LONDON_SQL_TODAY, todayInLondon } from '../ordering/order.rules';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const OTHER_ICB = 'commissioner.register@qox.test';
const SUB_ICB_USER = 'subicb.register@qhm.test';

describe('contract register: filters, scope, CSV and enforcement flags', () => {
  let t: TestApp;
  let practice: Session;
  let commissioner: Session;
  let vendor: Session;
  let operator: Session;
  let otherIcb: Session;
  let subIcb: Session;
  let apiContractId: string;
  let apiOrderRef: string;
  /** Reference data found at run time. */
  let home: { code: string; pcn_code: string; sub_icb_code: string; icb_code: string };
  let sibling: { code: string; pcn_code: string; sub_icb_code: string }; // QHM practice in another sub-ICB location
  let away: { code: string; sub_icb_code: string }; // a QOX practice
  let other: { id: string; supplier_id: string; supplier_code: string }; // another supplier's solution
  let capabilityRef: string; // claimed by 10000-001 but not by `other`
  const today = todayInLondon();
  const ids: Record<string, string> = {};

  const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const list = (s: Session, query = '') => s.agent.get(`/api/register/contracts${query}`);
  const refs = (body: any) => body.items.map((i: any) => i.id).sort();

  async function addUser(email: string, orgCode: string, role: string) {
    await t.db.query(`INSERT INTO users (email, name, password_hash, status) SELECT $1::text, $1::text, password_hash, 'active' FROM users WHERE email = $2`, [email, DEMO.operator]);
    await t.db.query(`INSERT INTO memberships (user_id, organisation_id, role) SELECT u.id, o.id, $3 FROM users u, organisations o WHERE u.email = $1 AND o.code = $2`, [email, orgCode, role]);
  }

  /** A contract straight in SQL (reusing the API order's row), for dates and areas the API would not allow today. */
  async function insertContract(o: { buyer: string; recipients: string[]; item?: string; supplierId?: string; start: string; end: string; notice: string; value: number }) {
    const [c] = await t.db.query(
      `INSERT INTO contracts (order_number, order_id, buyer_id, supplier_id, framework_id, solution_item_id, start_date, end_date, notice_period_days, notice_deadline, value_pence)
       SELECT nextval('order_number_seq'), ct.order_id, (SELECT id FROM organisations WHERE code = $1), coalesce($2::uuid, ct.supplier_id), ct.framework_id, coalesce($3, ct.solution_item_id), $4, $5, 90, $6, $7
         FROM contracts ct WHERE ct.id = $8 RETURNING id`,
      [o.buyer, o.supplierId ?? null, o.item ?? null, o.start, o.end, o.notice, o.value, apiContractId],
    );
    await t.db.query(`INSERT INTO contract_recipients (contract_id, practice_id) SELECT $1, id FROM organisations WHERE code = ANY($2::text[])`, [c.id, o.recipients]);
    return c.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    [home] = await t.db.query(`SELECT code, pcn_code, sub_icb_code, icb_code FROM organisations WHERE code = 'A81001'`);
    [sibling] = await t.db.query(
      `SELECT code, pcn_code, sub_icb_code FROM organisations WHERE type = 'practice' AND icb_code = $1 AND sub_icb_code <> $2 AND pcn_code IS NOT NULL ORDER BY code LIMIT 1`,
      [home.icb_code, home.sub_icb_code],
    );
    [away] = await t.db.query(`SELECT code, sub_icb_code FROM organisations WHERE type = 'practice' AND icb_code = 'QOX' ORDER BY code LIMIT 1`);
    [other] = await t.db.query(
      `SELECT i.id, i.supplier_id, s.code AS supplier_code FROM catalogue_items i JOIN organisations s ON s.id = i.supplier_id JOIN catalogue_search cs ON cs.item_id = i.id
        WHERE i.type = 'solution' AND s.code <> '10000' AND NOT cs.capability_ids && (SELECT capability_ids FROM catalogue_search WHERE item_id = '10000-001') ORDER BY i.id LIMIT 1`,
    );
    [{ ref: capabilityRef }] = await t.db.query(`SELECT c.ref FROM capabilities c, catalogue_search cs WHERE cs.item_id = '10000-001' AND c.id = ANY(cs.capability_ids) ORDER BY c.id LIMIT 1`);
    await addUser(OTHER_ICB, 'QOX', 'commissioner');
    await addUser(SUB_ICB_USER, home.sub_icb_code, 'commissioner');
    [practice, commissioner, vendor, operator, otherIcb, subIcb] = await Promise.all([
      t.signIn(DEMO.practiceManager), t.signIn(DEMO.commissioner), t.signIn(DEMO.vendor), t.signIn(DEMO.operator), t.signIn(OTHER_ICB), t.signIn(SUB_ICB_USER),
    ]);

    // One contract the real way: a practice order for Emis Web GP, completed.
    const created = await post(practice, '/api/orders', { description: 'Clinical system for the practice' }).expect(201);
    apiOrderRef = created.body.ref;
    await put(practice, `/api/orders/${apiOrderRef}/ordering-party`, { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test', telephone: '01234 567890' } }).expect(200);
    await put(practice, `/api/orders/${apiOrderRef}/supplier`, { supplierCode: '10000', contact: { name: 'Alex Vendor', email: 'orders@emis.test' } }).expect(200);
    await put(practice, `/api/orders/${apiOrderRef}/term`, { frameworkId: 'TIF001', commencementDate: addMonths(today, 1), initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);
    await post(practice, `/api/orders/${apiOrderRef}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await put(practice, `/api/orders/${apiOrderRef}/items/10000-001/funding`, { fundingSource: 'local' }).expect(200);
    await post(practice, `/api/orders/${apiOrderRef}/complete`).set('Idempotency-Key', `register-${Date.now()}`).expect(200);
    [{ id: apiContractId }] = await t.db.query(`SELECT id FROM contracts WHERE order_id = (SELECT id FROM orders WHERE number = $1 AND revision = 1)`, [Number(apiOrderRef.slice(1, 7))]);

    ids.soon = await insertContract({ buyer: home.code, recipients: [home.code], start: addMonths(today, -2), end: addDays(today, 100), notice: addDays(today, 10), value: 500_00 });
    ids.sibling = await insertContract({ buyer: home.icb_code, recipients: [sibling.code], item: other.id, supplierId: other.supplier_id, start: today, end: addDays(today, 500), notice: addDays(today, 410), value: 900_00 });
    ids.ended = await insertContract({ buyer: home.code, recipients: [home.code], start: addMonths(today, -14), end: addDays(today, -20), notice: addDays(today, -110), value: 100_00 });
    ids.away = await insertContract({ buyer: away.code, recipients: [away.code], start: today, end: addDays(today, 200), notice: addDays(today, 50), value: 700_00 });
  });

  afterAll(() => t?.close());

  it('shows a commissioner the contracts of their area, soonest notice deadline first, with a capped total', async () => {
    const res = await list(commissioner).expect(200);
    expect(refs(res.body)).toEqual([apiContractId, ids.soon, ids.sibling, ids.ended].sort());
    expect(res.body.items.map((i: any) => i.noticeDeadline)).toEqual([...res.body.items.map((i: any) => i.noticeDeadline)].sort());
    expect(res.body).toMatchObject({ total: 4, totalIsCapped: false, totalCap: 1000, page: 1, pageSize: 25 });
    const api = res.body.items.find((i: any) => i.id === apiContractId);
    expect(api).toMatchObject({ orderRef: apiOrderRef, buyer: { code: 'A81001' }, supplier: { code: '10000' }, solutionId: '10000-001', status: 'pending', recipientCount: 1, flag: null });
  });

  it('filters by sub-ICB location, PCN, practice, supplier, capability, status, notice deadline and sorts', async () => {
    expect(refs((await list(commissioner, `?subIcb=${sibling.sub_icb_code}`).expect(200)).body)).toEqual([ids.sibling]);
    expect(refs((await list(commissioner, `?pcn=${sibling.pcn_code}`).expect(200)).body)).toEqual([ids.sibling]);
    expect(refs((await list(commissioner, `?practice=${home.code.toLowerCase()}`).expect(200)).body)).toEqual([apiContractId, ids.soon, ids.ended].sort());
    expect(refs((await list(commissioner, `?practice=${home.code}&subIcb=${sibling.sub_icb_code}`).expect(200)).body)).toEqual([]);
    expect(refs((await list(commissioner, `?supplier=${other.supplier_code}`).expect(200)).body)).toEqual([ids.sibling]);
    expect(refs((await list(commissioner, `?capability=${capabilityRef}`).expect(200)).body)).toEqual([apiContractId, ids.soon, ids.ended].sort());
    expect(refs((await list(commissioner, '?status=ended').expect(200)).body)).toEqual([ids.ended]);
    expect(refs((await list(commissioner, '?status=active').expect(200)).body)).toEqual([ids.soon, ids.sibling].sort());
    expect(refs((await list(commissioner, '?noticeWithinDays=180').expect(200)).body)).toEqual([ids.soon]);
    expect(refs((await list(commissioner, '?noticeWithinDays=180&status=active&supplier=10000').expect(200)).body)).toEqual([ids.soon]);
    const byValue = (await list(commissioner, '?sort=-value').expect(200)).body.items.map((i: any) => i.valuePence);
    expect(byValue).toEqual([...byValue].sort((a: number, b: number) => b - a));
    const paged = (await list(commissioner, '?pageSize=2&page=2').expect(200)).body;
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
  });

  it('names each bad filter', async () => {
    const res = await list(commissioner, '?noticeWithinDays=abc&status=open&capability=X1&sort=buyer').expect(400);
    const fields = res.body.errors.map((e: any) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['noticeWithinDays', 'status', 'capability']));
    expect(res.body.errors.find((e: any) => e.field === 'noticeWithinDays').message).toMatch(/whole number of days/);
    expect((await list(commissioner, '?noticeWithinDays=5000').expect(400)).body.errors[0]).toMatchObject({ field: 'noticeWithinDays', message: expect.stringMatching(/1,095 days/) });
    expect((await list(commissioner, '?supplier=99999').expect(400)).body.errors[0].field).toBe('supplier');
    expect((await list(commissioner, '?sort=buyer').expect(400)).body.errors[0].field).toBe('sort');
  });

  it('keeps commissioners inside their area: other ICBs see none, out-of-area filters are 404 (also for CSV), others are 403', async () => {
    expect(refs((await list(otherIcb).expect(200)).body)).toEqual([ids.away]);
    await otherIcb.agent.get(`/api/register/contracts/${ids.soon}`).expect(404);
    await list(commissioner, `?subIcb=${away.sub_icb_code}`).expect(404);
    await list(commissioner, `?practice=${away.code}`).expect(404);
    await commissioner.agent.get(`/api/register/contracts.csv?practice=${away.code}`).expect(404);
    await otherIcb.agent.get(`/api/register/contracts.csv?subIcb=${home.sub_icb_code}`).expect(404);
    const otherCsv = await otherIcb.agent.get('/api/register/contracts.csv').expect(200);
    expect(otherCsv.text.trim().split('\r\n')).toHaveLength(2);
    expect(otherCsv.text).not.toContain('A81001');
    // A sub-ICB commissioner sees its own sub-ICB location only.
    expect(refs((await list(subIcb).expect(200)).body)).toEqual([apiContractId, ids.soon, ids.ended].sort());
    await list(subIcb, `?subIcb=${sibling.sub_icb_code}`).expect(404);
    await subIcb.agent.get(`/api/register/contracts/${ids.sibling}`).expect(404);
    // The operator sees everything; buyers and vendors nothing.
    expect(refs((await list(operator, '?pageSize=200').expect(200)).body)).toEqual(expect.arrayContaining([ids.away, ids.soon]));
    await list(practice).expect(403);
    await list(vendor).expect(403);
    await vendor.agent.get('/api/register/contracts.csv').expect(403);
    await practice.agent.get(`/api/register/contracts/${ids.soon}`).expect(403);
  });

  it('exports the filtered set as CSV, safe against formula injection', async () => {
    await t.db.query(`UPDATE organisations SET name = '=HYPERLINK("http://evil.test","x")' WHERE code = $1`, [home.code]);
    try {
      const res = await commissioner.agent.get(`/api/register/contracts.csv?practice=${home.code}&noticeWithinDays=180`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="contract-register-.*\.csv"/);
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toMatch(/^Order,Buyer ODS code,Buyer,/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil.test"",""x"")",`);
      expect(lines[1]).not.toMatch(/,=HYPERLINK/);
      const all = await commissioner.agent.get('/api/register/contracts.csv?sort=-value').expect(200);
      const page = (await list(commissioner, '?sort=-value').expect(200)).body.items;
      expect(all.text.trim().split('\r\n').slice(1).map((l: string) => l.split(',')[0])).toEqual(page.map((i: any) => i.orderRef));
    } finally {
      await t.db.query(`UPDATE organisations SET name = 'THE DENSHAM SURGERY' WHERE code = $1`, [home.code]);
    }
  });

  it('flags every contract of a Lapsed solution with the reason and date until it is accredited again', async () => {
    const [before] = await t.db.query(`SELECT accreditation_status, accreditation_reason FROM catalogue_items WHERE id = '10000-001'`);
    try {
      await t.db.query(`UPDATE catalogue_items SET accreditation_status = 'lapsed', accreditation_reason = 'DSPT assessment expired' WHERE id = '10000-001'`);
      const res = (await list(commissioner).expect(200)).body;
      const flagged = res.items.filter((i: any) => i.flag);
      expect(flagged.map((i: any) => i.id).sort()).toEqual([apiContractId, ids.soon, ids.ended].sort());
      expect(flagged[0].flag).toMatchObject({ status: 'lapsed', reason: 'DSPT assessment expired' });
      expect(new Date(flagged[0].flag.since).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(refs((await list(commissioner, '?flagged=true').expect(200)).body)).toEqual([apiContractId, ids.soon, ids.ended].sort());
      expect(refs((await list(commissioner, '?flagged=false').expect(200)).body)).toEqual([ids.sibling]);
      const detail = (await commissioner.agent.get(`/api/register/contracts/${ids.soon}`).expect(200)).body;
      expect(detail.flag.status).toBe('lapsed');
      const csv = (await commissioner.agent.get('/api/register/contracts.csv?flagged=true').expect(200)).text;
      expect(csv).toContain(',lapsed,DSPT assessment expired,');
      // Ordering refuses it already (orders spec); once accredited again the flag goes.
      await t.db.query(`UPDATE catalogue_items SET accreditation_status = 'accredited', accreditation_reason = NULL WHERE id = '10000-001'`);
      expect((await list(commissioner).expect(200)).body.items.every((i: any) => i.flag === null)).toBe(true);
      expect((await list(commissioner, '?flagged=true').expect(200)).body.items).toEqual([]);
    } finally {
      await t.db.query(`UPDATE catalogue_items SET accreditation_status = $1, accreditation_reason = $2 WHERE id = '10000-001'`, [before.accreditation_status, before.accreditation_reason]);
    }
  });

  it('shows a contract with its recipients, order revisions and audit history', async () => {
    const d = (await commissioner.agent.get(`/api/register/contracts/${apiContractId}`).expect(200)).body;
    expect(d).toMatchObject({ id: apiContractId, orderRef: apiOrderRef, noticePeriodDays: 90, recipients: [{ code: 'A81001' }] });
    expect(d.revisions).toEqual([expect.objectContaining({ ref: apiOrderRef, status: 'completed' })]);
    const actions = d.history.map((h: any) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['order.created', 'order.completed', 'contract.created']));
    expect(actions.indexOf('order.created')).toBeLessThan(actions.indexOf('contract.created'));
    expect(d.history.find((h: any) => h.action === 'contract.created')).toMatchObject({ objectType: 'contract', objectId: apiContractId, actorEmail: DEMO.practiceManager });
    await commissioner.agent.get('/api/register/contracts/00000000-0000-4000-8000-000000000000').expect(404);
    await commissioner.agent.get('/api/register/contracts/not-a-uuid').expect(400);
    (await operator.agent.get(`/api/register/contracts/${ids.away}`).expect(200));
  });

  it('keeps contract_areas in step with inserts, amendments adding recipients and notice-deadline changes', async () => {
    await t.db.query(`INSERT INTO contract_recipients (contract_id, practice_id) SELECT $1, id FROM organisations WHERE code = $2`, [ids.away, sibling.code]);
    expect(refs((await list(commissioner, `?practice=${sibling.code}`).expect(200)).body)).toEqual([ids.away, ids.sibling].sort());
    await t.db.query(`UPDATE contracts SET notice_deadline = $2 WHERE id = $1`, [ids.away, addDays(today, 5)]);
    expect(refs((await list(commissioner, '?noticeWithinDays=7').expect(200)).body)).toEqual([ids.away]);
    await t.db.query(`UPDATE contracts SET termination_date = $2, termination_reason = 'Moving' WHERE id = $1`, [ids.sibling, today]);
    expect(refs((await list(commissioner, '?status=terminated').expect(200)).body)).toEqual([ids.sibling]);
  });

  it('pages through supplier, capability and flagged filters in exactly the order of the whole register', async () => {
    // Two solutions' contracts with repeated deadlines (ties broken by contract id) and values.
    const deadlines = [30, 60, 60, 90, 120, 120];
    for (let k = 0; k < 24; k++) {
      const notice = addDays(today, deadlines[k % deadlines.length]);
      await insertContract({
        buyer: home.code, recipients: [home.code], ...(k % 3 === 0 ? { item: other.id, supplierId: other.supplier_id } : {}),
        start: addMonths(today, -1), end: addDays(notice, 90), notice, value: 1000_00 + (k % 5) * 100_00,
      });
    }
    const walk = async (query: string) => {
      const seen: string[] = [];
      for (let page = 1; page < 50; page++) {
        const body = (await list(commissioner, `${query}&page=${page}`).expect(200)).body;
        if (!body.items.length) return { seen, total: body.total };
        seen.push(...body.items.map((i: any) => i.id));
      }
      throw new Error('too many pages');
    };
    const expected = async (condition: string, order = 'c.notice_deadline, c.id') =>
      (
        await t.db.query(
          `SELECT c.id FROM contracts c JOIN catalogue_items ci ON ci.id = c.solution_item_id JOIN organisations s ON s.id = c.supplier_id
            WHERE EXISTS (SELECT 1 FROM contract_areas a WHERE a.contract_id = c.id AND a.area_code = $1) AND ${condition} ORDER BY ${order}`,
          [home.icb_code],
        )
      ).map((r: { id: string }) => r.id);
    const claims = `EXISTS (SELECT 1 FROM catalogue_search cs JOIN capabilities cap ON cap.id = ANY(cs.capability_ids) WHERE cs.item_id = c.solution_item_id AND cap.ref = '${capabilityRef}')`;
    const cases: [string, string, string?][] = [
      ['?supplier=10000&pageSize=5', `s.code = '10000'`],
      [`?supplier=${other.supplier_code}&pageSize=4`, `s.code = '${other.supplier_code}'`],
      [`?capability=${capabilityRef}&pageSize=6`, claims],
      ['?supplier=10000&status=active&pageSize=3', `s.code = '10000' AND contract_status(c.start_date, c.end_date, c.termination_date, ${LONDON_SQL_TODAY}) = 'active'`],
      ['?supplier=10000&noticeWithinDays=100&pageSize=4', `s.code = '10000' AND c.notice_deadline BETWEEN ${LONDON_SQL_TODAY} AND ${LONDON_SQL_TODAY} + 100`],
      ['?supplier=10000&sort=-noticeDeadline&pageSize=5', `s.code = '10000'`, 'c.notice_deadline DESC, c.id'],
      ['?supplier=10000&sort=value&pageSize=5', `s.code = '10000'`, 'c.value_pence, c.notice_deadline, c.id'],
    ];
    for (const [query, condition, order] of cases) {
      const want = await expected(condition, order);
      expect(want.length).toBeGreaterThan(3);
      const got = await walk(query);
      expect({ query, ids: got.seen }).toEqual({ query, ids: want });
      expect(got.total).toBe(want.length);
    }
    const [before] = await t.db.query(`SELECT accreditation_status FROM catalogue_items WHERE id = $1`, [other.id]);
    try {
      await t.db.query(`UPDATE catalogue_items SET accreditation_status = 'failed' WHERE id = $1`, [other.id]);
      expect((await walk('?flagged=true&pageSize=3')).seen).toEqual(await expected(`ci.accreditation_status IN ('lapsed','failed')`));
      expect((await walk('?flagged=false&pageSize=7')).seen).toEqual(await expected(`ci.accreditation_status NOT IN ('lapsed','failed')`));
      // A supplier with no flagged solution: nothing, without reading the register.
      expect(await walk('?flagged=true&supplier=10000&pageSize=3')).toEqual({ seen: [], total: 0 });
    } finally {
      await t.db.query(`UPDATE catalogue_items SET accreditation_status = $2 WHERE id = $1`, [other.id, before.accreditation_status]);
    }
  });
});
