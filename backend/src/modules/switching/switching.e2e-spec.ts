import { createTestApp, DEMO, TestApp } from '../../../test/test-app';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const OTHER_PRACTICE = 'manager@a81002.switching.test';
const OTHER_ICB = 'commissioner@qox.switching.test';
const SUB_ICB = 'commissioner@16c.switching.test'; // A81001's sub-ICB location
const OTHER_SUB_ICB = 'commissioner@01h.switching.test'; // another sub-ICB location of the same ICB
const MEDICUS_PRACTICE = 'manager@a82071.switching.test'; // ODS: Medicus, which has no catalogue listing
const SYSTMONE = '10052-002'; // TPP's GP clinical system (ATP001 framework, 90 days' notice)
const EMIS_WEB = '10000-001';

// ---- calendar days worked out here, independently of the application

function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function shift(day: string, months: number, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  // Months clamp to the month's last day (31 Jan + 1 month = 28/29 Feb), then days are added.
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last) + days)).toISOString().slice(0, 10);
}

describe('switching: switch plans from the current system to an accredited candidate', () => {
  let t: TestApp;
  let practice: Session;
  let commissioner: Session;
  let vendor: Session;
  let operator: Session;
  let otherPractice: Session;
  let otherIcb: Session;
  const today = todayInLondon();

  const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);

  async function addUser(email: string, orgCode: string, role: string) {
    await t.db.query(`INSERT INTO users (email, name, password_hash, status) SELECT $1::text, $1::text, password_hash, 'active' FROM users WHERE email = $2`, [email, DEMO.operator]);
    await t.db.query(`INSERT INTO memberships (user_id, organisation_id, role) SELECT u.id, o.id, $3 FROM users u, organisations o WHERE u.email = $1 AND o.code = $2`, [email, orgCode, role]);
  }

  /** A completed SystmOne GP contract for A81001 through the ordering API: commenced 2 months ago, 6 months' term. */
  async function systmOneContract(commencement: string) {
    const ref = (await post(practice, '/api/orders', { description: 'Current clinical system' }).expect(201)).body.ref;
    await put(practice, `/api/orders/${ref}/ordering-party`, { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test' } }).expect(200);
    await put(practice, `/api/orders/${ref}/supplier`, { supplierCode: '10052', contact: { name: 'Tia Supplier', email: 'orders@tpp.test' } }).expect(200);
    await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'ATP001', commencementDate: commencement, initialPeriodMonths: 3, maximumTermMonths: 6 }).expect(200);
    await post(practice, `/api/orders/${ref}/items`, { itemId: SYSTMONE, priceId: 'p1' }).expect(200);
    await put(practice, `/api/orders/${ref}/items/${SYSTMONE}/funding`, { fundingSource: 'local' }).expect(200);
    const done = (await post(practice, `/api/orders/${ref}/complete`).expect(200)).body;
    expect(done.status).toBe('completed');
    return done.contract as { id: string; endDate: string; noticeDeadline: string };
  }

  beforeAll(async () => {
    t = await createTestApp();
    await addUser(OTHER_PRACTICE, 'A81002', 'practice_manager');
    await addUser(OTHER_ICB, 'QOX', 'commissioner');
    await addUser(SUB_ICB, '16C', 'commissioner');
    await addUser(OTHER_SUB_ICB, '01H', 'commissioner');
    await addUser(MEDICUS_PRACTICE, 'A82071', 'practice_manager');
    [practice, commissioner, vendor, operator, otherPractice, otherIcb] = await Promise.all([
      t.signIn(DEMO.practiceManager),
      t.signIn(DEMO.commissioner),
      t.signIn(DEMO.vendor),
      t.signIn(DEMO.operator),
      t.signIn(OTHER_PRACTICE),
      t.signIn(OTHER_ICB),
    ]);
  });

  afterAll(() => t?.close());

  it('starts from ODS data without a contract: the supplier’s clinical system, a default lead time and accredited candidates by coverage', async () => {
    const options = (await practice.agent.get('/api/switch-plans/options').expect(200)).body;
    expect(options.current).toMatchObject({ source: 'ods', odsSupplier: 'TPP', contract: null });
    expect(options.current.system).toMatchObject({ id: SYSTMONE, name: 'SystmOne GP', supplier: { code: '10052' } });
    expect(options.earliestSwitch).toMatchObject({ basis: 'default_lead_time', date: shift(today, 0, 90), terminationDate: null });

    // Candidates: listed solutions, accredited or conditional, never the current one, most coverage first.
    const ids: string[] = options.candidates.map((c: any) => c.id);
    expect(ids).not.toContain(SYSTMONE);
    const statuses = await t.db.query(`SELECT item_id, accreditation_status FROM catalogue_search WHERE item_id = ANY($1::text[])`, [ids]);
    expect(statuses.every((r: any) => r.accreditation_status === 'accredited' || r.accreditation_status === 'conditional')).toBe(true);
    expect(ids).not.toContain('10000-002'); // lapsed
    expect(ids).not.toContain('10000-062'); // failed
    const coverage = options.candidates.map((c: any) => c.covered);
    expect([...coverage].sort((a: number, b: number) => b - a)).toEqual(coverage);

    // Coverage checked against the listings' capabilities directly.
    const [{ current, emis }] = await t.db.query(
      `SELECT (SELECT capability_ids FROM catalogue_search WHERE item_id = $1) AS current, (SELECT capability_ids FROM catalogue_search WHERE item_id = $2) AS emis`,
      [SYSTMONE, EMIS_WEB],
    );
    const shared = (emis as number[]).filter((c) => (current as number[]).includes(c)).length;
    const emisCandidate = options.candidates.find((c: any) => c.id === EMIS_WEB);
    expect(emisCandidate).toMatchObject({ covered: shared, of: current.length, clinicalSystem: true, orderable: true });
    expect(emisCandidate.missing).toHaveLength(current.length - shared);
    expect(emisCandidate.integrations).toEqual(expect.arrayContaining(['IM1: Bulk', 'GP Connect: Access Record HTML']));
    expect(options.candidates[0].id).toBe(EMIS_WEB);

    // Only practice managers plan switches.
    await commissioner.agent.get('/api/switch-plans/options').expect(403);
    await vendor.agent.get('/api/switch-plans/options').expect(403);
  });

  it('says the current system is not known when ODS names a supplier with no clinical system here, and offers GP clinical systems', async () => {
    const medicus = await t.signIn(MEDICUS_PRACTICE);
    const options = (await medicus.agent.get('/api/switch-plans/options').expect(200)).body;
    expect(options.current).toMatchObject({ source: 'unknown', odsSupplier: 'Medicus', system: null, contract: null });
    expect(options.earliestSwitch.basis).toBe('default_lead_time');
    expect(options.candidates.length).toBeGreaterThan(0);
    expect(options.candidates.every((c: any) => c.clinicalSystem)).toBe(true);
    expect(options.candidates.map((c: any) => c.id)).toEqual(expect.arrayContaining([EMIS_WEB, SYSTMONE]));
    const plan = (await post(medicus, '/api/switch-plans', { targetItemId: SYSTMONE }).expect(201)).body;
    expect(plan.steps.map((s: any) => s.key)).not.toContain('give_notice');
    expect(plan).toMatchObject({ currentName: 'Medicus', canScheduleTermination: false });
    await post(medicus, `/api/switch-plans/${plan.id}/terminate-current`, { reason: 'x', terminationDate: shift(today, 0, 100) }).expect(409);
  });

  let planId: string;
  let contract: { id: string; endDate: string; noticeDeadline: string };
  let earliest: string;

  it('starts from the practice’s contract: the earliest switch date follows its notice period and end date', async () => {
    const commencement = shift(today, -2, 0);
    contract = await systmOneContract(commencement);
    const end = shift(commencement, 6, -1);
    expect(contract.endDate).toBe(end);
    // 90 days' notice given today ends the contract on today + 90 if that is on or before its end date,
    // else it runs to its end and the switch is the day after.
    const byNotice = shift(today, 0, 90);
    earliest = byNotice <= end ? byNotice : shift(end, 0, 1);

    const options = (await practice.agent.get('/api/switch-plans/options').expect(200)).body;
    expect(options.current).toMatchObject({ source: 'contract', system: { id: SYSTMONE }, contract: { id: contract.id, endDate: end, noticePeriodDays: 90, practiceIsBuyer: true } });
    expect(options.earliestSwitch.date).toBe(earliest);
    expect(options.earliestSwitch.basis).toBe(byNotice <= end ? 'notice_period' : 'end_date');

    // The target must be a candidate.
    await post(practice, '/api/switch-plans', { targetItemId: '10000-062' }).expect(400);
    await post(practice, '/api/switch-plans', { targetItemId: SYSTMONE }).expect(400);
    await post(commissioner, '/api/switch-plans', { targetItemId: EMIS_WEB }).expect(403);

    const plan = (await post(practice, '/api/switch-plans', { targetItemId: EMIS_WEB }).expect(201)).body;
    planId = plan.id;
    expect(plan).toMatchObject({
      practice: { code: 'A81001' },
      currentName: 'SystmOne GP',
      targetName: 'Emis Web GP',
      earliestSwitchDate: earliest,
      goLiveDate: earliest,
      status: 'planned',
      orderRef: null,
      canEdit: true,
      canStartOrder: true,
      canScheduleTermination: true,
    });
    expect(plan.steps.map((s: any) => s.key)).toEqual(['give_notice', 'order', 'data_migration', 'integrations', 'training', 'go_live', 'decommission']);
    const due = Object.fromEntries(plan.steps.map((s: any) => [s.key, s.dueDate]));
    const notBeforeToday = (d: string) => (d < today ? today : d);
    expect(due).toEqual({
      give_notice: today,
      order: today,
      data_migration: notBeforeToday(shift(earliest, 0, -30)),
      integrations: notBeforeToday(shift(earliest, 0, -21)),
      training: notBeforeToday(shift(earliest, 0, -14)),
      go_live: earliest,
      decommission: shift(earliest, 0, 30),
    });
    // Side by side: capabilities, integrations, hosting, accreditation and price.
    expect(plan.comparison.map((s: any) => s.title)).toEqual(['Capabilities', 'Integrations (IM1 and GP Connect)', 'Hosting, accreditation and price']);
    const c13 = plan.comparison[0].rows.find((r: any) => r.label.startsWith('C13 '));
    expect(c13).toMatchObject({ current: 'Yes', target: 'Yes', differs: false });
    expect(plan.comparison[2].rows.find((r: any) => r.label === 'Accreditation')).toMatchObject({ current: 'Accredited', target: 'Accredited' });

    const audit = await t.db.query(`SELECT action FROM audit_events WHERE object_type = 'switch_plan' AND object_id = $1`, [planId]);
    expect(audit.map((a: any) => a.action)).toEqual(['switch-plan.created']);
  });

  it('lets the practice change dates and progress, within sensible rules, audited', async () => {
    const url = `/api/switch-plans/${planId}/steps`;
    let res = await put(practice, url, { steps: [{ key: 'training', dueDate: '2027-02-30', status: 'not_started' }] }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'steps.training.dueDate', message: expect.stringContaining('real date') }]);
    res = await put(practice, url, { steps: [{ key: 'training', dueDate: shift(earliest, 0, 1), status: 'not_started' }] }).expect(400);
    expect(res.body.errors[0].field).toBe('steps.training.dueDate');
    res = await put(practice, url, { steps: [{ key: 'decommission', dueDate: shift(earliest, 0, -1), status: 'not_started' }] }).expect(400);
    expect(res.body.errors[0].field).toBe('steps.decommission.dueDate');
    await put(practice, url, { steps: [{ key: 'nope', dueDate: today, status: 'done' }] }).expect(400);

    // Go-live before the earliest switch date only when paying for both systems is acknowledged.
    const early = shift(earliest, 0, -1);
    const moveEarly = { steps: [{ key: 'go_live', dueDate: early, status: 'not_started' }, { key: 'training', dueDate: shift(early, 0, -14) < today ? today : shift(early, 0, -14), status: 'not_started' }] };
    res = await put(practice, url, moveEarly).expect(400);
    expect(res.body.errors.map((e: any) => e.field)).toContain('steps.go_live.dueDate');
    res = await put(practice, url, { ...moveEarly, acknowledgeOverlap: true }).expect(200);
    expect(res.body.goLiveDate).toBe(early);

    // Back to the earliest date, and progress on a step.
    res = await put(practice, url, { steps: [{ key: 'go_live', dueDate: earliest, status: 'not_started' }, { key: 'data_migration', dueDate: res.body.steps[2].dueDate, status: 'in_progress' }] }).expect(200);
    expect(res.body.status).toBe('in_progress');
    expect(res.body.steps.find((s: any) => s.key === 'data_migration').status).toBe('in_progress');
    res = await put(practice, url, { steps: [{ key: 'data_migration', dueDate: res.body.steps[2].dueDate, status: 'done' }] }).expect(200);
    expect(res.body.steps.find((s: any) => s.key === 'data_migration').completedAt).toEqual(expect.any(String));

    const audit = await t.db.query(`SELECT before, after FROM audit_events WHERE action = 'switch-plan.steps-changed' AND object_id = $1 ORDER BY id`, [planId]);
    expect(audit).toHaveLength(3);
    expect(audit[0].after).toMatchObject({ go_live: { dueDate: early }, acknowledgeOverlap: true });
  });

  it('starts the order for the target from the plan, once', async () => {
    await post(practice, `/api/switch-plans/${planId}/order`, { supplierContact: { name: 'Alex Vendor', email: 'not-an-email' } }).expect(400);
    await post(practice, `/api/switch-plans/${planId}/order`, {}).expect(400); // no contact: refused, not a 500
    const ordersBefore = (await t.db.query(`SELECT count(*)::int AS n FROM orders`))[0].n;
    // A contact that is an array passed @ValidateNested and failed after the order was made (found by the hostile-input suite).
    await post(practice, `/api/switch-plans/${planId}/order`, { supplierContact: [] }).expect(400);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM orders`))[0].n).toBe(ordersBefore);
    // Two at once (a double click): one order.
    const both = await Promise.all([1, 2].map(() => post(practice, `/api/switch-plans/${planId}/order`, { supplierContact: { name: 'Alex Vendor', email: 'orders@emis.test' } })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM orders`))[0].n).toBe(ordersBefore + 1);
    const plan = both.find((r) => r.status === 200)!.body;
    expect(plan.orderRef).toMatch(/^C\d{6}-01$/);
    expect(plan.canStartOrder).toBe(false);
    expect(plan.steps.find((s: any) => s.key === 'order').status).toBe('in_progress');
    const order = (await practice.agent.get(`/api/orders/${plan.orderRef}`).expect(200)).body;
    expect(order).toMatchObject({ status: 'in_progress', supplier: { code: '10000' }, recipients: [{ odsCode: 'A81001' }] });
    expect(order.description).toBe('Switch to Emis Web GP from SystmOne GP');
    await post(practice, `/api/switch-plans/${planId}/order`, { supplierContact: { name: 'Alex Vendor', email: 'orders@emis.test' } }).expect(409);
  });

  it('schedules the old contract’s termination: at least the notice period away, on or before its end', async () => {
    const url = `/api/switch-plans/${planId}/terminate-current`;
    let res = await post(practice, url, { reason: 'Moving to Emis Web GP', terminationDate: shift(today, 0, 10) }).expect(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'terminationDate', message: expect.stringContaining('notice period') });
    res = await post(practice, url, { reason: 'Moving to Emis Web GP', terminationDate: shift(contract.endDate, 0, 1) }).expect(400);
    expect(res.body.errors[0].field).toBe('terminationDate');
    await post(practice, url, { reason: ' ', terminationDate: earliest }).expect(400);

    const plan = (await post(practice, url, { reason: 'Moving to Emis Web GP', terminationDate: earliest }).expect(200)).body;
    expect(plan.terminationDate).toBe(earliest);
    expect(plan.canScheduleTermination).toBe(false);
    expect(plan.steps.find((s: any) => s.key === 'give_notice').status).toBe('done');
    expect(plan.current.contract.terminationDate).toBe(earliest);
    expect(plan.earliestSwitch).toMatchObject({ basis: 'already_ending', date: earliest });
    const c = (await practice.agent.get(`/api/contracts/${contract.id}`).expect(200)).body;
    expect(c).toMatchObject({ terminationDate: earliest, terminationReason: 'Moving to Emis Web GP' });
    await post(practice, url, { reason: 'Again', terminationDate: earliest }).expect(409);
  });

  it('shows plans to commissioners in the area only, read-only; others get 403 or 404', async () => {
    const mine = (await practice.agent.get('/api/switch-plans').expect(200)).body;
    expect(mine.items.map((p: any) => p.id)).toContain(planId);

    const area = (await commissioner.agent.get('/api/switch-plans').expect(200)).body;
    expect(area.items.map((p: any) => p.id)).toContain(planId);
    const seen = (await commissioner.agent.get(`/api/switch-plans/${planId}`).expect(200)).body;
    expect(seen).toMatchObject({ canEdit: false, canStartOrder: false, canScheduleTermination: false });
    await put(commissioner, `/api/switch-plans/${planId}/steps`, { steps: [{ key: 'training', dueDate: today, status: 'done' }] }).expect(403);
    await post(commissioner, `/api/switch-plans/${planId}/order`, { supplierContact: { name: 'A', email: 'a@b.test' } }).expect(403);

    expect((await otherIcb.agent.get('/api/switch-plans').expect(200)).body.items.map((p: any) => p.id)).not.toContain(planId);
    await otherIcb.agent.get(`/api/switch-plans/${planId}`).expect(404);
    await otherPractice.agent.get(`/api/switch-plans/${planId}`).expect(404);
    await put(otherPractice, `/api/switch-plans/${planId}/steps`, { steps: [{ key: 'training', dueDate: today, status: 'done' }] }).expect(404);
    await post(otherPractice, `/api/switch-plans/${planId}/order`, { supplierContact: { name: 'A', email: 'a@b.test' } }).expect(404);
    expect((await otherPractice.agent.get('/api/switch-plans').expect(200)).body.items).toEqual([]);

    const [sub, otherSub] = await Promise.all([t.signIn(SUB_ICB), t.signIn(OTHER_SUB_ICB)]);
    await sub.agent.get(`/api/switch-plans/${planId}`).expect(200);
    expect((await sub.agent.get('/api/switch-plans').expect(200)).body.items.map((p: any) => p.id)).toContain(planId);
    await otherSub.agent.get(`/api/switch-plans/${planId}`).expect(404);
    expect((await otherSub.agent.get('/api/switch-plans').expect(200)).body.items.map((p: any) => p.id)).not.toContain(planId);

    await vendor.agent.get('/api/switch-plans').expect(403);
    await vendor.agent.get(`/api/switch-plans/${planId}`).expect(403);
    await operator.agent.get(`/api/switch-plans/${planId}`).expect(200);
    await practice.agent.get('/api/switch-plans/00000000-0000-4000-8000-000000000000').expect(404);
    await practice.agent.get('/api/switch-plans/not-a-uuid').expect(400);
    await t.http().get('/api/switch-plans').expect(401);
  });
});
