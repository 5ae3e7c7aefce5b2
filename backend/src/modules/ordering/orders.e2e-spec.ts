import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { addDays, addMonths, contractDates, todayInLondon } from './order.rules';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const APPROVER = DEMO.approver;
const OTHER_PRACTICE = 'manager@a81002.test';
const OTHER_ICB = 'commissioner@qox.test';

describe('orders: drafting, completion, approval and contracts', () => {
  let t: TestApp;
  let practice: Session;
  let commissioner: Session;
  let approver: Session;
  let vendor: Session;
  let operator: Session;
  let otherPractice: Session;
  let otherIcb: Session;
  let emisPricePerPatient: number;

  const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const del = (s: Session, url: string) => s.agent.delete(url).set('X-CSRF-Token', s.csrf);
  const commencement = addMonths(todayInLondon(), 1);
  const contact = { name: 'Sam Patel', email: 'sam.patel@nhs.test', telephone: '01234 567890' };
  const supplierContact = { name: 'Alex Vendor', email: 'orders@emis.test' };

  async function addUser(email: string, orgCode: string, role: string) {
    await t.db.query(`INSERT INTO users (email, name, password_hash, status) SELECT $1::text, $1::text, password_hash, 'active' FROM users WHERE email = $2`, [email, DEMO.operator]);
    await t.db.query(
      `INSERT INTO memberships (user_id, organisation_id, role) SELECT u.id, o.id, $3 FROM users u, organisations o WHERE u.email = $1 AND o.code = $2`,
      [email, orgCode, role],
    );
  }

  /** A practice order for Emis Web GP (per patient) ready to complete, with the given funding. */
  async function draftPracticeOrder(funding: 'central' | 'local' = 'local'): Promise<string> {
    const created = await post(practice, '/api/orders', { description: 'Clinical system for the practice' }).expect(201);
    const ref = created.body.ref;
    await put(practice, `/api/orders/${ref}/ordering-party`, { contact }).expect(200);
    await put(practice, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(200);
    await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);
    await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await put(practice, `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: funding }).expect(200);
    return ref;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await addUser(OTHER_PRACTICE, 'A81002', 'practice_manager');
    await addUser(OTHER_ICB, 'QOX', 'commissioner');
    [practice, commissioner, approver, vendor, operator, otherPractice, otherIcb] = await Promise.all([
      t.signIn(DEMO.practiceManager),
      t.signIn(DEMO.commissioner),
      t.signIn(APPROVER),
      t.signIn(DEMO.vendor),
      t.signIn(DEMO.operator),
      t.signIn(OTHER_PRACTICE),
      t.signIn(OTHER_ICB),
    ]);
    const [row] = await t.db.query(
      `SELECT (v.content->'prices'->0->'tiers'->0->>'priceHundredthsOfPenny')::int AS price FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id WHERE i.id = '10000-001'`,
    );
    emisPricePerPatient = row.price;
  });

  afterAll(() => t?.close());

  it('takes a practice through every step to a completed order and a contract with its dates', async () => {
    const created = await post(practice, '/api/orders', { description: 'Clinical system for the practice' }).expect(201);
    const ref: string = created.body.ref;
    expect(ref).toMatch(/^C\d{6}-01$/);
    expect(created.body.recipients).toEqual([{ odsCode: 'A81001', name: 'THE DENSHAM SURGERY', registeredPatients: 3904 }]);
    expect(created.body.tasks.find((x: any) => x.key === 'items').status).toBe('cannot_start');
    expect(created.body.canEdit).toBe(true);

    await put(practice, `/api/orders/${ref}/ordering-party`, {}).expect(400); // no contact: refused, not a 500
    await put(practice, `/api/orders/${ref}/ordering-party`, { contact: [] }).expect(400); // an array is not a contact (hostile-input suite)
    await put(practice, `/api/orders/${ref}/ordering-party`, { contact }).expect(200);
    await put(practice, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(200);
    await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);

    const offer = await practice.agent.get(`/api/orders/${ref}/catalogue`).expect(200);
    expect(offer.body.items.find((i: any) => i.id === '10000-001')).toMatchObject({ orderable: true });
    expect(offer.body.items.find((i: any) => i.id === '10000-002')).toMatchObject({ orderable: false });

    await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-S-003', priceId: 'p1' }).expect(200);
    let order = (await put(practice, `/api/orders/${ref}/items/10000-S-003/quantities`, { quantity: 2 }).expect(200)).body;
    expect(order.tasks.find((x: any) => x.key === 'items').status).toBe('completed');
    expect(order.tasks.find((x: any) => x.key === 'funding').status).toBe('not_started');

    await put(practice, `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: 'local' }).expect(200);
    order = (await put(practice, `/api/orders/${ref}/items/10000-S-003/funding`, { fundingSource: 'local' }).expect(200)).body;
    expect(order.tasks.every((x: any) => x.status === 'completed' || x.key === 'review')).toBe(true);
    expect(order.blockers).toEqual([]);
    expect(order.needsApproval).toBe(false);

    const annual = Math.round((emisPricePerPatient * 3904) / 100);
    const trainingDay = (await t.db.query(`SELECT (v.content->'prices'->0->'tiers'->0->>'priceHundredthsOfPenny')::int AS p FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id WHERE i.id = '10000-S-003'`))[0].p;
    const oneOff = Math.round((trainingDay * 2) / 100);
    expect(order.totals).toEqual({ oneOffPence: oneOff, monthlyPence: Math.round(annual / 12), annualPence: annual, wholeTermPence: oneOff + annual * 3 });

    const done = (await post(practice, `/api/orders/${ref}/complete`).expect(200)).body;
    expect(done.status).toBe('completed');
    const dates = contractDates(commencement, 36, 90);
    expect(done.contract).toMatchObject({ startDate: dates.startDate, endDate: dates.endDate, noticeDeadline: dates.noticeDeadline, valuePence: oneOff + annual * 3, status: 'pending' });
    expect(done.totals).toEqual(order.totals);
    expect(done.canEdit).toBe(false);

    // Snapshots: patients and prices are kept on the order.
    const [rec] = await t.db.query(`SELECT r.registered_patients FROM order_recipients r JOIN orders o ON o.id = r.order_id WHERE o.number = $1`, [Number(ref.slice(1, 7))]);
    expect(rec.registered_patients).toBe(3904);

    // The contract is on the practice's contracts page, and the vendor sees the order and contract.
    const contracts = (await practice.agent.get('/api/contracts').expect(200)).body;
    expect(contracts.items.map((c: any) => c.orderRef)).toContain(ref);
    expect((await vendor.agent.get('/api/orders').expect(200)).body.items.map((o: any) => o.ref)).toContain(ref);
    expect((await vendor.agent.get(`/api/contracts/${done.contract.id}`).expect(200)).body.supplier.code).toBe('10000');
    await vendor.agent.get(`/api/orders/${ref}`).expect(200);

    // Emails to the buyer and the supplier, through the outbox.
    const mail = await t.db.query(`SELECT to_address, template FROM email_outbox WHERE subject LIKE $1 ORDER BY to_address`, [`%${ref}%`]);
    expect(mail).toEqual(
      expect.arrayContaining([
        { to_address: 'orders@emis.test', template: 'order-received' },
        { to_address: 'sam.patel@nhs.test', template: 'order-completed' },
        { to_address: DEMO.practiceManager, template: 'order-completed' },
      ]),
    );

    // Audited: created, each step, completed, contract created.
    const actions = (await t.db.query(`SELECT action FROM audit_events WHERE object_id IN ($1, $2) ORDER BY id`, [ref, done.contract.id])).map((r: any) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['order.created', 'order.term-changed', 'order.item-added', 'order.completed', 'contract.created']));

    // Completed orders are not editable; completing again changes nothing.
    await put(practice, `/api/orders/${ref}/description`, { description: 'Changed' }).expect(409);
    const again = (await post(practice, `/api/orders/${ref}/complete`).expect(200)).body;
    expect(again.contract.id).toBe(done.contract.id);
  });

  it('renders the order summary PDF with the items, recipients and totals of the order', async () => {
    const ref = (await post(commissioner, '/api/orders', { description: 'PDF check' }).expect(201)).body.ref;
    await put(commissioner, `/api/orders/${ref}/recipients`, { odsCodes: ['A81001', 'A81002'] }).expect(200);
    await put(commissioner, `/api/orders/${ref}/ordering-party`, { contact }).expect(200);
    await put(commissioner, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(200);
    await put(commissioner, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);
    await post(commissioner, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await post(commissioner, `/api/orders/${ref}/items`, { itemId: '10000-S-003', priceId: 'p1' }).expect(200);
    await put(commissioner, `/api/orders/${ref}/items/10000-S-003/quantities`, { quantity: 3 }).expect(200);
    await put(commissioner, `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: 'local' }).expect(200);
    await put(commissioner, `/api/orders/${ref}/items/10000-S-003/funding`, { fundingSource: 'local' }).expect(200);
    const order = (await post(commissioner, `/api/orders/${ref}/complete`).expect(200)).body;
    expect(order.status).toBe('completed');

    const res = await commissioner.agent
      .get(`/api/orders/${ref}/summary.pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, '../../../test/pdf-text.mjs')], { input: res.body }).toString());
    const text = pdf.pages.join(' ').replace(/\s+/g, ' ');
    expect(pdf.info.Title).toBe(`Order summary ${ref}`);
    const pounds = (p: number) => `£${Math.floor(p / 100).toLocaleString('en-GB')}.${String(p % 100).padStart(2, '0')}`;
    for (const expected of [
      ref,
      'THE DENSHAM SURGERY',
      'QUEENS PARK MEDICAL CENTRE',
      '3,904',
      '18,758',
      'Emis Web GP (10000-001)',
      'Training Day at Practice (10000-S-003)',
      pounds(order.totals.oneOffPence),
      pounds(order.totals.annualPence),
      pounds(order.totals.wholeTermPence),
      pounds(order.items[0].cost.annualPence),
      contractDates(commencement, 36, 90).endDate.slice(0, 4),
    ]) {
      expect(text).toContain(expected);
    }
    // The solution page's estimate for the same practices and term gives the same figures.
    const estimate = (await commissioner.agent.get('/api/catalogue/items/10000-001/estimate?practices=A81001,A81002&termMonths=36').expect(200)).body;
    expect(estimate.totals).toEqual(order.items.find((i: any) => i.itemId === '10000-001').cost);
    expect(text).toContain(pounds(estimate.totals.annualPence));
    // Others cannot fetch it.
    await otherPractice.agent.get(`/api/orders/${ref}/summary.pdf`).expect(404);
    await vendor.agent.get(`/api/orders/${ref}/summary.pdf`).expect(200);
  });

  it('refuses a lapsed solution, a commencement over 3 months ago and a term beyond the framework maximum', async () => {
    const ref = (await post(practice, '/api/orders', { description: 'Refusals' }).expect(201)).body.ref;
    await put(practice, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(200);

    const past = await put(practice, `/api/orders/${ref}/term`, {
      frameworkId: 'TIF001',
      commencementDate: addDays(addMonths(todayInLondon(), -3), -1),
      initialPeriodMonths: 3,
      maximumTermMonths: 36,
    }).expect(400);
    expect(past.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'commencementDate', message: expect.stringContaining('no more than 3 months in the past') })]);

    const long = await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 37 }).expect(400);
    expect(long.body.errors).toEqual([{ field: 'maximumTermMonths', message: "Maximum term must be 36 months or less (the framework's maximum)" }]);

    const shorter = await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 12, maximumTermMonths: 12 }).expect(400);
    expect(shorter.body.errors[0].field).toBe('maximumTermMonths');

    const expired = await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'NHSDGP001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 24 }).expect(400);
    expect(expired.body.errors[0]).toMatchObject({ field: 'frameworkId', message: 'This framework is not live; choose a live framework' });

    await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);
    const lapsed = await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-002', priceId: 'p1' }).expect(400);
    expect(lapsed.body.errors[0].message).toMatch(/Anywhere Consult cannot be ordered: its accreditation is lapsed/);
    const otherSupplier = await post(practice, `/api/orders/${ref}/items`, { itemId: '10030-001', priceId: 'p1' }).expect(400);
    expect(otherSupplier.body.errors[0].message).toMatch(/not from this order’s supplier/);
    await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'nope' }).expect(400);
    await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-001A005', priceId: 'p1' }).expect(400); // its solution first

    // Nothing was added; completing lists what is missing.
    const incomplete = await post(practice, `/api/orders/${ref}/complete`).expect(422);
    expect(incomplete.body.errors.map((e: any) => e.message)).toEqual(['Solutions, services and quantities: not completed', 'Funding source: not completed']);
  });

  it('refuses completion when the solution lapsed after it was added', async () => {
    const ref = await draftPracticeOrder();
    const before = await t.db.query(`SELECT accreditation_status FROM catalogue_items WHERE id = '10000-001'`);
    await t.db.query(`UPDATE catalogue_items SET accreditation_status = 'lapsed' WHERE id = '10000-001'`);
    try {
      const res = await post(practice, `/api/orders/${ref}/complete`).expect(422);
      expect(res.body.detail).toMatch(/Emis Web GP cannot be ordered: its accreditation is lapsed/);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM contracts c JOIN orders o ON o.id = c.order_id WHERE o.number = $1`, [Number(ref.slice(1, 7))]))[0].n).toBe(0);
    } finally {
      await t.db.query(`UPDATE catalogue_items SET accreditation_status = $1 WHERE id = '10000-001'`, [before[0].accreditation_status]);
    }
  });

  it('completes exactly once when two completions race', async () => {
    const ref = await draftPracticeOrder();
    const [a, b] = await Promise.all([post(practice, `/api/orders/${ref}/complete`), post(practice, `/api/orders/${ref}/complete`)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.contract.id).toBe(b.body.contract.id);
    const number = Number(ref.slice(1, 7));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM contracts WHERE order_number = $1`, [number]))[0].n).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE object_id = $1 AND action = 'order.completed'`, [ref]))[0].n).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM email_outbox WHERE template = 'order-received' AND subject LIKE $1`, [`%${ref}%`]))[0].n).toBe(1);
  });

  it('replays a completion sent twice with the same Idempotency-Key, and starts one order per key', async () => {
    const ref = await draftPracticeOrder();
    const first = await post(practice, `/api/orders/${ref}/complete`).set('Idempotency-Key', `complete-${ref}`).expect(200);
    const second = await post(practice, `/api/orders/${ref}/complete`).set('Idempotency-Key', `complete-${ref}`).expect(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.contract.id).toBe(first.body.contract.id);

    const key = `new-order-${Date.now()}`;
    const a = await post(practice, '/api/orders', { description: 'Once only' }).set('Idempotency-Key', key).expect(201);
    const b = await post(practice, '/api/orders', { description: 'Once only' }).set('Idempotency-Key', key).expect(201);
    expect(b.body.ref).toBe(a.body.ref);
    await post(practice, '/api/orders', { description: 'Something else' }).set('Idempotency-Key', key).expect(422);
  });

  it('sends centrally funded practice orders to the ICB, which returns or approves them', async () => {
    const ref = await draftPracticeOrder('central');
    const waiting = (await post(practice, `/api/orders/${ref}/complete`).expect(200)).body;
    expect(waiting).toMatchObject({ status: 'awaiting_approval', approvalStatus: 'pending', contract: null, canEdit: false });
    await put(practice, `/api/orders/${ref}/description`, { description: 'x' }).expect(409);
    expect((await t.db.query(`SELECT to_address FROM email_outbox WHERE template = 'order-approval-requested' AND subject LIKE $1`, [`%${ref}%`])).map((r: any) => r.to_address).sort()).toEqual(
      [APPROVER, DEMO.commissioner].sort(),
    );

    // The practice cannot approve its own order; another ICB's commissioner cannot even see it.
    await post(practice, `/api/orders/${ref}/approve`).expect(403);
    await post(otherIcb, `/api/orders/${ref}/approve`).expect(404);
    await otherPractice.agent.get(`/api/orders/${ref}`).expect(404);

    const queue = (await commissioner.agent.get('/api/orders/approvals').expect(200)).body;
    expect(queue.items.map((o: any) => o.ref)).toContain(ref);
    expect((await commissioner.agent.get(`/api/orders/${ref}`).expect(200)).body.canApprove).toBe(true);

    await post(commissioner, `/api/orders/${ref}/return`, { reason: ' ' }).expect(400);
    const returned = (await post(commissioner, `/api/orders/${ref}/return`, { reason: 'Use local funding for this one' }).expect(200)).body;
    expect(returned).toMatchObject({ status: 'in_progress', approvalStatus: 'returned', approval: { reason: 'Use local funding for this one' } });
    expect((await practice.agent.get(`/api/orders/${ref}`).expect(200)).body.canEdit).toBe(true);

    await post(practice, `/api/orders/${ref}/complete`).expect(200);
    const approved = (await post(commissioner, `/api/orders/${ref}/approve`).expect(200)).body;
    expect(approved).toMatchObject({ status: 'completed', approvalStatus: 'approved', approval: { decidedByName: expect.any(String) } });
    expect(approved.contract).not.toBeNull();
    await post(approver, `/api/orders/${ref}/approve`).expect(200); // approving again changes nothing
    expect((await t.db.query(`SELECT count(*)::int AS n FROM contracts WHERE order_number = $1`, [Number(ref.slice(1, 7))]))[0].n).toBe(1);
  });

  it('lets a commissioner order for practices from a CSV, all or nothing, approved by a colleague', async () => {
    const ref = (await post(commissioner, '/api/orders', { description: 'ICB-wide clinical system' }).expect(201)).body.ref;
    expect((await commissioner.agent.get(`/api/orders/${ref}`).expect(200)).body.recipients).toEqual([]);

    const bad = await put(commissioner, `/api/orders/${ref}/recipients/csv`, { csv: 'ODS code\nA81001\nZZZ999\nA81002\n' }).expect(400);
    expect(bad.body.detail).toBe('Some rows of the CSV file are wrong; nothing was changed.');
    expect(bad.body.errors).toEqual([{ field: 'csv.line3', message: 'line 3: ZZZ999 is not an active practice you can order for' }]);
    expect((await commissioner.agent.get(`/api/orders/${ref}`).expect(200)).body.recipients).toEqual([]);
    // A NUL character (a UTF-16 file read as text) is refused, not a 500 (found by the hostile-input suite).
    await put(commissioner, `/api/orders/${ref}/recipients/csv`, { csv: 'ODS code\nA81\u0000001\n' }).expect(400);
    expect((await commissioner.agent.get(`/api/orders/${ref}`).expect(200)).body.recipients).toEqual([]);

    // A practice of another ICB is refused the same way; a repeated code too.
    const foreign = (await t.db.query(`SELECT code FROM organisations WHERE type = 'practice' AND icb_code <> 'QHM' LIMIT 1`))[0].code;
    const dup = await put(commissioner, `/api/orders/${ref}/recipients`, { odsCodes: ['A81001', 'A81001', foreign] }).expect(400);
    expect(dup.body.errors.map((e: any) => e.field)).toEqual(['odsCodes[1]', 'odsCodes[2]']);

    const ok = (await put(commissioner, `/api/orders/${ref}/recipients/csv`, { csv: 'ODS code\r\nA81001\r\nA81004\r\nA81002\r\n' }).expect(200)).body;
    expect(ok.recipients.map((r: any) => r.odsCode).sort()).toEqual(['A81001', 'A81002', 'A81004']);

    await put(commissioner, `/api/orders/${ref}/ordering-party`, { contact }).expect(200);
    await put(commissioner, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(200);
    await put(commissioner, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 6, maximumTermMonths: 24 }).expect(200);
    await post(commissioner, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await post(commissioner, `/api/orders/${ref}/items`, { itemId: '10000-S-040', priceId: 'p1' }).expect(200);
    // Per-recipient quantities: every recipient needs one, and only recipients.
    const missing = await put(commissioner, `/api/orders/${ref}/items/10000-S-040/quantities`, { recipients: [{ odsCode: 'A81001', quantity: 1 }] }).expect(400);
    expect(missing.body.errors.map((e: any) => e.field).sort()).toEqual(['quantity.A81002', 'quantity.A81004']);
    await put(commissioner, `/api/orders/${ref}/items/10000-S-040/quantities`, {
      recipients: [{ odsCode: 'A81001', quantity: 1 }, { odsCode: 'A81002', quantity: 0 }, { odsCode: 'A81004', quantity: 2 }],
    }).expect(200);
    await put(commissioner, `/api/orders/${ref}/items/10000-001/quantities`, { quantity: 5 }).expect(400); // per patient
    await put(commissioner, `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: 'central' }).expect(200);
    const draft = (await put(commissioner, `/api/orders/${ref}/items/10000-S-040/funding`, { fundingSource: 'central' }).expect(200)).body;
    const patients = 3904 + 18758 + 11346;
    const perPatientAnnual = [3904, 18758, 11346].reduce((s, n) => s + Math.round((emisPricePerPatient * n) / 100), 0);
    expect(draft.totals).toEqual({ oneOffPence: 3 * 150000, monthlyPence: expect.any(Number), annualPence: perPatientAnnual, wholeTermPence: 3 * 150000 + perPatientAnnual * 2 });
    expect(patients).toBeGreaterThan(0);

    await post(commissioner, `/api/orders/${ref}/complete`).expect(200);
    await post(commissioner, `/api/orders/${ref}/approve`).expect(403); // not the person who asked
    const approved = (await post(approver, `/api/orders/${ref}/approve`).expect(200)).body;
    expect(approved.status).toBe('completed');
    const contract = (await commissioner.agent.get(`/api/contracts/${approved.contract.id}`).expect(200)).body;
    expect(contract.recipients.map((r: any) => r.code).sort()).toEqual(['A81001', 'A81002', 'A81004']);
    expect(contract.endDate).toBe(contractDates(commencement, 24, 90).endDate);
    // Each recipient practice sees the contract.
    expect((await otherPractice.agent.get('/api/contracts').expect(200)).body.items.map((c: any) => c.id)).toContain(approved.contract.id);
  });

  it('keeps orders and contracts to those allowed to see them', async () => {
    const ref = (await post(practice, '/api/orders', { description: 'Private' }).expect(201)).body.ref;
    await otherPractice.agent.get(`/api/orders/${ref}`).expect(404);
    await vendor.agent.get(`/api/orders/${ref}`).expect(404); // drafts are not the supplier's business
    await otherIcb.agent.get(`/api/orders/${ref}`).expect(404);
    await operator.agent.get(`/api/orders/${ref}`).expect(200);
    await post(vendor, '/api/orders', { description: 'x' }).expect(403);
    await put(commissioner, `/api/orders/${ref}/description`, { description: 'Not mine' }).expect(403);
    await practice.agent.get('/api/orders/C12-1').expect(400);
    await post(practice, '/api/orders', { description: '', extra: 1 }).expect(400);
    await del(practice, `/api/orders/${ref}`).expect(204);
    await practice.agent.get(`/api/orders/${ref}`).expect(404);
  });

  it('amends a completed order as a new revision that may only add', async () => {
    const ref = (await post(commissioner, '/api/orders', { description: 'Amend me' }).expect(201)).body.ref;
    await put(commissioner, `/api/orders/${ref}/recipients`, { odsCodes: ['A81001'] }).expect(200);
    await put(commissioner, `/api/orders/${ref}/ordering-party`, { contact }).expect(200);
    await put(commissioner, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(200);
    await put(commissioner, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);
    await post(commissioner, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await put(commissioner, `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: 'local' }).expect(200);
    const first = (await post(commissioner, `/api/orders/${ref}/complete`).expect(200)).body;
    await post(practice, `/api/orders/${ref}/amendments`).expect(404); // the practice only receives it

    const amendment = (await post(commissioner, `/api/orders/${ref}/amendments`).expect(201)).body;
    const ref2: string = amendment.ref;
    expect(ref2).toBe(ref.replace(/-01$/, '-02'));
    expect(amendment).toMatchObject({ status: 'in_progress', previousRevisionRef: ref, recipients: [expect.objectContaining({ odsCode: 'A81001' })] });
    await post(commissioner, `/api/orders/${ref}/amendments`).expect(409); // one open amendment at a time

    // Never remove recipients, change agreed prices, or change the supplier or term.
    const removed = await put(commissioner, `/api/orders/${ref2}/recipients`, { odsCodes: ['A81002'] }).expect(400);
    expect(removed.body.errors[0].message).toMatch(/A81001 .* cannot remove it/);
    await post(commissioner, `/api/orders/${ref2}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(400);
    await del(commissioner, `/api/orders/${ref2}/items/10000-001`).expect(409);
    await put(commissioner, `/api/orders/${ref2}/term`, { frameworkId: 'TIF001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 24 }).expect(409);
    await put(commissioner, `/api/orders/${ref2}/supplier`, { supplierCode: '10000', contact: supplierContact }).expect(409);

    // Adding a recipient and a service is fine; the contract follows the new revision.
    await put(commissioner, `/api/orders/${ref2}/recipients`, { odsCodes: ['A81001', 'A81002'] }).expect(200);
    await post(commissioner, `/api/orders/${ref2}/items`, { itemId: '10000-S-003', priceId: 'p1' }).expect(200);
    await put(commissioner, `/api/orders/${ref2}/items/10000-S-003/quantities`, { quantity: 1 }).expect(200);
    await put(commissioner, `/api/orders/${ref2}/items/10000-S-003/funding`, { fundingSource: 'local' }).expect(200);
    const done = (await post(commissioner, `/api/orders/${ref2}/complete`).expect(200)).body;
    expect(done.status).toBe('completed');
    expect(done.contract.id).toBe(first.contract.id);
    expect(done.contract.endDate).toBe(first.contract.endDate);
    expect(done.contract.valuePence).toBe(done.totals.wholeTermPence);
    expect(done.totals.wholeTermPence).toBeGreaterThan(first.totals.wholeTermPence);
    expect((await commissioner.agent.get(`/api/orders/${ref}`).expect(200)).body.status).toBe('superseded');
    const contract = (await commissioner.agent.get(`/api/contracts/${done.contract.id}`).expect(200)).body;
    expect(contract.orderRef).toBe(ref2);
    expect(contract.recipients.map((r: any) => r.code).sort()).toEqual(['A81001', 'A81002']);
    expect(contract.revisions.map((r: any) => [r.ref, r.status])).toEqual([[ref, 'superseded'], [ref2, 'completed']]);
    const [audit] = await t.db.query(`SELECT before, after FROM audit_events WHERE action = 'contract.amended' AND object_id = $1`, [done.contract.id]);
    expect(audit.before.recipients).toEqual(['A81001']);
    expect(audit.after.recipients).toEqual(['A81001', 'A81002']);
  });

  it('terminates a contract with a reason and a future date', async () => {
    const ref = await draftPracticeOrder();
    const done = (await post(practice, `/api/orders/${ref}/complete`).expect(200)).body;
    const id = done.contract.id;
    await post(practice, `/api/contracts/${id}/terminate`, { reason: 'Switching', terminationDate: todayInLondon() }).expect(400);
    await post(practice, `/api/contracts/${id}/terminate`, { reason: 'Switching', terminationDate: addDays(done.contract.endDate, 1) }).expect(400);
    await post(practice, `/api/contracts/${id}/terminate`, { reason: '', terminationDate: addDays(todayInLondon(), 60) }).expect(400);
    await post(vendor, `/api/contracts/${id}/terminate`, { reason: 'x', terminationDate: addDays(todayInLondon(), 60) }).expect(403);
    const date = addDays(todayInLondon(), 60);
    const ended = (await post(practice, `/api/contracts/${id}/terminate`, { reason: 'Switching to another system', terminationDate: date }).expect(200)).body;
    expect(ended).toMatchObject({ terminationDate: date, terminationReason: 'Switching to another system', canTerminate: false });
    await post(practice, `/api/contracts/${id}/terminate`, { reason: 'again', terminationDate: date }).expect(409);
    const [audit] = await t.db.query(`SELECT before, after FROM audit_events WHERE action = 'contract.terminated' AND object_id = $1`, [id]);
    expect(audit.after).toMatchObject({ terminationDate: date, reason: 'Switching to another system' });
    expect((await practice.agent.get(`/api/orders/${ref}`).expect(200)).body.status).toBe('terminated');
  });

  it('lists a practice’s contracts soonest notice deadline first', async () => {
    const list = (await practice.agent.get('/api/contracts').expect(200)).body.items;
    const deadlines = list.map((c: any) => c.noticeDeadline);
    expect(deadlines).toEqual([...deadlines].sort());
    await practice.agent.get('/api/contracts?sort=bogus').expect(400);
  });
});
