import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { JobsService } from '../../core/jobs/jobs.service';
import { addDays, addMonths, todayInLondon } from '../ordering/order.rules';
import { ALERTS_JOB } from './alerts.module';
import { AlertsService } from './alerts.service';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const OTHER_PRACTICE = 'manager@a81002.alerts.test';

describe('alerts: contract deadlines and accreditation changes', () => {
  let t: TestApp;
  let alerts: AlertsService;
  let practice: Session;
  let commissioner: Session;
  let vendor: Session;
  let operator: Session;
  let otherPractice: Session;

  const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const today = todayInLondon();

  /** A completed practice contract for Emis Web GP, then its dates moved to the ones the test needs. */
  async function contract(noticeDeadline: string, endDate: string): Promise<string> {
    const created = await post(practice, '/api/orders', { description: 'Clinical system for the practice' }).expect(201);
    const ref = created.body.ref;
    await put(practice, `/api/orders/${ref}/ordering-party`, { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test', telephone: '01234 567890' } }).expect(200);
    await put(practice, `/api/orders/${ref}/supplier`, { supplierCode: '10000', contact: { name: 'Alex Vendor', email: 'orders@emis.test' } }).expect(200);
    await put(practice, `/api/orders/${ref}/term`, { frameworkId: 'TIF001', commencementDate: addMonths(today, 1), initialPeriodMonths: 3, maximumTermMonths: 36 }).expect(200);
    await post(practice, `/api/orders/${ref}/items`, { itemId: '10000-001', priceId: 'p1' }).expect(200);
    await put(practice, `/api/orders/${ref}/items/10000-001/funding`, { fundingSource: 'local' }).expect(200);
    const done = (await post(practice, `/api/orders/${ref}/complete`).expect(200)).body;
    await t.db.query(`UPDATE contracts SET start_date = $2, notice_deadline = $3, end_date = $4 WHERE id = $1`, [done.contract.id, addDays(today, -30), noticeDeadline, endDate]);
    return done.contract.id;
  }

  const raised = (contractId: string) =>
    t.db.query(
      `SELECT u.email, n.kind, n.target_date AS "targetDate", n.in_app AS "inApp", n.emailed FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.contract_id = $1 ORDER BY n.kind, u.email`,
      [contractId],
    );
  const emailsTo = async (email: string, templates = ['contract-alert', 'accreditation-alert']) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM email_outbox WHERE to_address = $1 AND template = ANY($2)`, [email, templates]))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    alerts = t.app.get(AlertsService);
    await t.db.query(`INSERT INTO users (email, name, password_hash, status) SELECT $1::text, 'Other practice', password_hash, 'active' FROM users WHERE email = $2`, [
      OTHER_PRACTICE,
      DEMO.operator,
    ]);
    await t.db.query(`INSERT INTO memberships (user_id, organisation_id, role) SELECT u.id, o.id, 'practice_manager' FROM users u, organisations o WHERE u.email = $1 AND o.code = 'A81002'`, [
      OTHER_PRACTICE,
    ]);
    [practice, commissioner, vendor, operator, otherPractice] = await Promise.all([
      t.signIn(DEMO.practiceManager),
      t.signIn(DEMO.commissioner),
      t.signIn(DEMO.vendor),
      t.signIn(DEMO.operator),
      t.signIn(OTHER_PRACTICE),
    ]);
  });

  afterAll(() => t?.close());

  it('raises each notice-deadline and end-date milestone exactly once, to the buyer and the area’s commissioners', async () => {
    const notice = addDays(today, 400);
    const end = addDays(today, 700);
    const id = await contract(notice, end);

    // Not yet: 181 days before the notice deadline.
    await alerts.run(addDays(notice, -181));
    expect(await raised(id)).toEqual([]);

    const mailBefore = await emailsTo(DEMO.practiceManager);
    await alerts.run(addDays(notice, -180));
    const first = await raised(id);
    expect(first.map((r: any) => `${r.kind} ${r.email}`)).toEqual([`notice-180 ${DEMO.approver}`, `notice-180 ${DEMO.commissioner}`, `notice-180 ${DEMO.practiceManager}`]);
    expect(first.every((r: any) => r.targetDate === notice && r.inApp && r.emailed)).toBe(true);
    expect(await emailsTo(DEMO.practiceManager)).toBe(mailBefore + 1);

    // Again the same day, and the days after: nothing new.
    await alerts.run(addDays(notice, -180));
    await alerts.run(addDays(notice, -179));
    await alerts.run(addDays(notice, -91));
    expect(await raised(id)).toHaveLength(3);
    expect(await emailsTo(DEMO.practiceManager)).toBe(mailBefore + 1);

    // 90 days out; then the 30-day one caught up on day 20 (the job did not run for a while), once.
    await alerts.run(addDays(notice, -90));
    await alerts.run(addDays(notice, -20));
    await alerts.run(addDays(notice, -19));
    const kinds = (await raised(id)).filter((r: any) => r.email === DEMO.practiceManager).map((r: any) => r.kind);
    expect(kinds).toEqual(['notice-180', 'notice-30', 'notice-90']);

    // The end date: caught up at 85 days out, the 180-day milestone is then stale and never raised.
    await alerts.run(addDays(end, -85));
    await alerts.run(addDays(end, -84));
    await alerts.run(addDays(end, -1));
    const ends = (await raised(id)).filter((r: any) => r.email === DEMO.practiceManager && r.kind.startsWith('end-')).map((r: any) => r.kind);
    expect(ends).toEqual(['end-30', 'end-90']);

    // Not on or after the date itself.
    const late = await contract(addDays(today, 10), addDays(today, 100));
    await alerts.run(addDays(today, 10));
    expect((await raised(late)).map((r: any) => r.kind)).not.toContain('notice-30');

    // Nobody outside the contract: the vendor and another practice hear nothing about deadlines.
    const emails = new Set((await raised(id)).map((r: any) => r.email));
    expect(emails.has(DEMO.vendor)).toBe(false);
    expect(emails.has(OTHER_PRACTICE)).toBe(false);
  });

  it('does not raise deadline alerts for a contract ending early', async () => {
    const notice = addDays(today, 300);
    const id = await contract(notice, addDays(today, 600));
    await t.db.query(`UPDATE contracts SET termination_date = $2, termination_reason = 'Switching' WHERE id = $1`, [id, addDays(today, 200)]);
    await alerts.run(addDays(notice, -30));
    expect(await raised(id)).toEqual([]);
  });

  it('raises once when the job runs twice at the same time', async () => {
    const notice = addDays(today, 250);
    const id = await contract(notice, addDays(today, 700));
    const mailBefore = await emailsTo(DEMO.commissioner);
    const runs = await Promise.all([alerts.run(addDays(notice, -90)), alerts.run(addDays(notice, -90)), alerts.run(addDays(notice, -90))]);
    expect(await raised(id)).toHaveLength(3);
    expect(runs.reduce((n, r) => n + r.raised, 0)).toBeGreaterThanOrEqual(3);
    expect(await emailsTo(DEMO.commissioner)).toBe(mailBefore + 1);
  });

  it('honours each user’s preferences for in-app and email', async () => {
    const defaults = (await practice.agent.get('/api/notification-preferences').expect(200)).body;
    expect(defaults.preferences.map((p: any) => [p.group, p.inApp, p.email])).toEqual([
      ['notice-deadlines', true, true],
      ['end-dates', true, true],
      ['accreditation', true, true],
    ]);
    await put(practice, '/api/notification-preferences', { preferences: [{ group: 'notice-deadlines', inApp: true, email: false }] }).expect(200);
    const saved = (await put(commissioner, '/api/notification-preferences', { preferences: [{ group: 'notice-deadlines', inApp: false, email: true }] }).expect(200)).body;
    expect(saved.preferences[0]).toMatchObject({ group: 'notice-deadlines', inApp: false, email: true, label: 'Notice deadlines' });
    await put(practice, '/api/notification-preferences', { preferences: [{ group: 'weekly', inApp: true, email: true }] }).expect(400);
    await put(practice, '/api/notification-preferences', { preferences: [{ group: 'end-dates', inApp: 'yes', email: true }] }).expect(400);
    await put(practice, '/api/notification-preferences', { preferences: [{ group: 'end-dates', inApp: true, email: true, sms: true }] }).expect(400);

    const notice = addDays(today, 350);
    const id = await contract(notice, addDays(today, 800));
    const practiceMail = await emailsTo(DEMO.practiceManager);
    const commissionerMail = await emailsTo(DEMO.commissioner);
    await alerts.run(addDays(notice, -30));
    const rows = await raised(id);
    expect(rows.find((r: any) => r.email === DEMO.practiceManager)).toMatchObject({ inApp: true, emailed: false });
    expect(rows.find((r: any) => r.email === DEMO.commissioner)).toMatchObject({ inApp: false, emailed: true });
    expect(await emailsTo(DEMO.practiceManager)).toBe(practiceMail);
    expect(await emailsTo(DEMO.commissioner)).toBe(commissionerMail + 1);

    const listed = (ses: Session) => ses.agent.get('/api/notifications?pageSize=100').expect(200);
    expect((await listed(practice)).body.items.some((n: any) => n.contractId === id && n.kind === 'notice-30')).toBe(true);
    expect((await listed(commissioner)).body.items.some((n: any) => n.contractId === id && n.kind === 'notice-30')).toBe(false);

    await put(practice, '/api/notification-preferences', { preferences: [{ group: 'notice-deadlines', inApp: true, email: true }] }).expect(200);
    await put(commissioner, '/api/notification-preferences', { preferences: [{ group: 'notice-deadlines', inApp: true, email: true }] }).expect(200);
  });

  it('lists only your own notifications, newest first, and marks them read', async () => {
    const list = (await practice.agent.get('/api/notifications?pageSize=2').expect(200)).body;
    expect(list.items).toHaveLength(2);
    expect(list.total).toBeGreaterThan(2);
    expect(list.unread).toBe(list.total);
    expect(list.items[0].createdAt >= list.items[1].createdAt).toBe(true);
    expect(list.items[0].link).toMatch(/^\/contracts\/[0-9a-f-]{36}$/);
    expect((await practice.agent.get('/api/notifications/unread-count').expect(200)).body).toEqual({ unread: list.unread });

    const mine = list.items[0].id;
    expect((await otherPractice.agent.get('/api/notifications').expect(200)).body.total).toBe(0);
    await post(otherPractice, `/api/notifications/${mine}/read`).expect(404);
    await post(otherPractice, '/api/notifications/not-a-uuid/read').expect(400);
    await practice.agent.post(`/api/notifications/${mine}/read`).expect(403); // no CSRF token
    await t.http().get('/api/notifications').expect(401);

    const read = (await post(practice, `/api/notifications/${mine}/read`).expect(200)).body;
    expect(read.readAt).not.toBeNull();
    expect((await post(practice, `/api/notifications/${mine}/read`).expect(200)).body.readAt).toBe(read.readAt);
    expect((await practice.agent.get('/api/notifications/unread-count').expect(200)).body.unread).toBe(list.unread - 1);
    expect((await practice.agent.get('/api/notifications?unread=true&pageSize=100').expect(200)).body.items.map((n: any) => n.id)).not.toContain(mine);

    await post(practice, '/api/notifications/read-all').expect(200);
    expect((await practice.agent.get('/api/notifications/unread-count').expect(200)).body.unread).toBe(0);
    expect((await commissioner.agent.get('/api/notifications/unread-count').expect(200)).body.unread).toBeGreaterThan(0);
  });

  it('alerts the buyer, the commissioner and the supplier as soon as the operator’s result makes a contracted solution Lapsed, once', async () => {
    const id = await contract(addDays(today, 900), addDays(today, 1000));
    const assessment = (await operator.agent.get('/api/assessments/10000-001').expect(200)).body;
    expect(['accredited', 'conditional']).toContain(assessment.accreditation.status);
    const capabilityId = assessment.capabilities[0].id;
    const mail = await emailsTo(DEMO.practiceManager, ['accreditation-alert']);

    const expired = addDays(today, -1);
    await put(operator, `/api/assessments/10000-001/capabilities/${capabilityId}`, {
      result: 'passed_full',
      assessor: 'Assurance team',
      assessedOn: addDays(expired, -1095),
      expiresOn: expired,
    }).expect(200);
    const [item] = await t.db.query(`SELECT accreditation_status FROM catalogue_items WHERE id = '10000-001'`);
    expect(item.accreditation_status).toBe('lapsed');

    const told = async () =>
      t.db.query(
        `SELECT u.email, n.contract_id AS "contractId", n.link, n.title FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.item_id = '10000-001' AND n.kind = 'accreditation-lapsed' ORDER BY u.email`,
      );
    const rows = await told();
    const emails = rows.map((r: any) => r.email);
    expect(emails).toEqual(expect.arrayContaining([DEMO.practiceManager, DEMO.commissioner, DEMO.vendor]));
    expect(emails).not.toContain(OTHER_PRACTICE);
    expect(new Set(emails).size).toBe(emails.length);
    // The practice has several contracts for it: one alert, linking to its contracts.
    const forPractice = rows.find((r: any) => r.email === DEMO.practiceManager);
    expect(forPractice.title).toBe('Emis Web GP is now Lapsed');
    expect(forPractice.link).toBe('/contracts');
    expect(await emailsTo(DEMO.practiceManager, ['accreditation-alert'])).toBe(mail + 1);

    const list = (await practice.agent.get('/api/notifications').expect(200)).body;
    expect(list.items[0]).toMatchObject({ kind: 'accreditation-lapsed', itemId: '10000-001', readAt: null });
    expect(list.unread).toBe(1);

    // The daily job afterwards, twice: nothing new.
    await alerts.run(today);
    await alerts.run(addDays(today, 1));
    expect(await told()).toHaveLength(rows.length);
    expect(await emailsTo(DEMO.practiceManager, ['accreditation-alert'])).toBe(mail + 1);
    expect(id).toBeTruthy();
  });

  it('lets only the operator run the job now', async () => {
    await post(practice, '/api/notifications/run').expect(403);
    const res = (await post(operator, '/api/notifications/run').expect(200)).body;
    expect(res).toEqual({ raised: expect.any(Number), emails: expect.any(Number) });
  });

  it('runs daily at 06:00 UK time as a pg-boss job', async () => {
    const jobs = t.app.get(JobsService);
    await jobs.start({ pollingIntervalSeconds: 0.5 });
    try {
      const id = await jobs.send(ALERTS_JOB);
      let state: string | null = null;
      for (let i = 0; i < 60 && state !== 'completed' && state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        state = await jobs.state(ALERTS_JOB, id!);
      }
      expect(state).toBe('completed');
      const [schedule] = await t.db.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [ALERTS_JOB]);
      expect(schedule).toEqual({ cron: '0 6 * * *', timezone: 'Europe/London' });
    } finally {
      await jobs.stop();
    }
  });
});
