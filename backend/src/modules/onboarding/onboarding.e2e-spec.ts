import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { DEMO_AGREEMENT, DEMO_ROUND_ID, sha256 } from './demo-onboarding.seed';
import { RoundsService } from './rounds.service';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

const EMAIL = 'nia.walker@northwind.onboarding.test';
const PASSWORD = 'Northwind-password-2027';

const sections = {
  'information-security': { dsptStatus: 'Standards met', dsptOrganisationCode: '8JX12', cyberEssentialsPlus: { certified: true, certificateNumber: 'CEP-0042', expiresOn: '2027-11-30' } },
  'clinical-safety': { dcb0129Compliant: 'yes', clinicalSafetyOfficer: { name: 'Dr Ana Silva', professionalRegistration: 'GMC 7012345' } },
  'hosting-and-accessibility': { dataHosting: 'UK only', accessibilityStatementUrl: 'https://northwind.example/accessibility' },
  // Professional indemnity below £1m: a pass-fail question that fails without excluding (a condition).
  insurance: { insurance: { employersLiabilityPence: 500_000_000, publicLiabilityPence: 500_000_000, professionalIndemnityPence: 50_000_000 }, employees: 42 },
};

describe('supplier onboarding: register, apply, declare, evaluate, sign, publish', () => {
  let t: TestApp;
  let operator: Session;
  let emis: Session;
  let practice: Session;
  let nw: Session;
  let supplierCode: string;
  let applicationId: string;
  let itemId: string;

  const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const fieldsOf = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);
  const lastEmail = async (to: string, template: string) =>
    (await t.db.query(`SELECT subject, text_body FROM email_outbox WHERE lower(to_address) = lower($1) AND template = $2 ORDER BY created_at DESC LIMIT 1`, [to, template]))[0];
  const audits = (action: string, objectId: string) => t.db.query(`SELECT before, after, actor_email FROM audit_events WHERE action = $1 AND object_id = $2 ORDER BY id`, [action, objectId]);

  beforeAll(async () => {
    t = await createTestApp();
    [operator, emis, practice] = await Promise.all([t.signIn(DEMO.operator), t.signIn(DEMO.vendor), t.signIn(DEMO.practiceManager)]);
  });
  afterAll(() => t.close());

  it('registration refuses a badly formatted Companies House number with a field error', async () => {
    const res = await t
      .http()
      .post('/api/onboarding/registrations')
      .send({ companyName: 'Northwind Health Software Ltd', companiesHouseNumber: 'ZZ12', registeredAddress: { line1: '1 Station Road', town: 'Leeds', postcode: 'LS1 4AP' }, contactName: 'Nia Walker', email: EMAIL, password: 'short' })
      .expect(400);
    expect(fieldsOf(res)).toEqual(expect.arrayContaining(['companiesHouseNumber', 'password']));
  });

  it('a new company registers, confirms its email and signs in as the first vendor user', async () => {
    await t
      .http()
      .post('/api/onboarding/registrations')
      .send({ companyName: 'Northwind Health Software Ltd', companiesHouseNumber: ' sc 123456 ', registeredAddress: { line1: '1 Station Road', town: 'Leeds', postcode: 'ls1 4ap' }, contactName: 'Nia Walker', email: EMAIL, password: PASSWORD })
      .expect(202);
    const mail = await lastEmail(EMAIL, 'supplier-registration');
    expect(mail.text_body).toContain('SC123456');
    const token = /\/supplier-registration\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.text_body)![1];
    const [stored] = await t.db.query(`SELECT token_hash FROM supplier_registrations WHERE lower(email) = lower($1)`, [EMAIL]);
    expect(stored.token_hash).not.toContain(token); // only the hash is at rest
    // Cannot sign in before confirming.
    await t.http().post('/api/auth/sign-in').send({ email: EMAIL, password: PASSWORD }).expect(401);
    const verified = await t.http().post('/api/onboarding/registrations/verify').send({ token }).expect(200);
    supplierCode = verified.body.organisationCode;
    expect(supplierCode).toMatch(/^[0-9]{5}$/);
    await t.http().post('/api/onboarding/registrations/verify').send({ token }).expect(404);
    nw = await t.signIn(EMAIL, PASSWORD);
    const session = await nw.agent.get('/api/auth/session').expect(200);
    expect(session.body).toMatchObject({ role: 'vendor', isAdmin: true, organisation: { code: supplierCode, type: 'supplier' } });
    const profile = await nw.agent.get('/api/vendor/supplier').expect(200);
    expect(profile.body).toMatchObject({ legalName: 'Northwind Health Software Ltd', companiesHouseNumber: 'SC123456' });
    expect(await audits('supplier.registered', supplierCode)).toHaveLength(1);
  });

  it('a confirmation link older than 24 hours creates nothing', async () => {
    const email = 'late.comer@expired.onboarding.test';
    await t
      .http()
      .post('/api/onboarding/registrations')
      .send({ companyName: 'Latecomer Systems Ltd', companiesHouseNumber: '07654321', registeredAddress: { line1: '9 Quay Street', town: 'Bristol', postcode: 'BS1 4DJ' }, contactName: 'Lee Park', email, password: 'Latecomer-password-2027' })
      .expect(202);
    const token = /\/supplier-registration\/confirm\/([A-Za-z0-9_-]+)/.exec((await lastEmail(email, 'supplier-registration')).text_body)![1];
    await t.db.query(`UPDATE supplier_registrations SET expires_at = now() - interval '1 minute' WHERE lower(email) = lower($1)`, [email]);
    const res = await t.http().post('/api/onboarding/registrations/verify').send({ token }).expect(404);
    expect(res.body.detail).toContain('expired');
    expect(await t.db.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email])).toHaveLength(0);
    expect(await t.db.query(`SELECT 1 FROM organisations WHERE name = 'Latecomer Systems Ltd'`)).toHaveLength(0);
  });

  it('the open demo round shows its declaration and the SHA-256 of its agreement', async () => {
    const list = await t.http().get('/api/onboarding/frameworks').expect(200);
    expect(list.body[0]).toMatchObject({ id: DEMO_ROUND_ID, status: 'open', source: 'operator' });
    const round = await t.http().get(`/api/onboarding/frameworks/${DEMO_ROUND_ID}`).expect(200);
    expect(round.body.agreementSha256).toBe(sha256(DEMO_AGREEMENT));
    expect(round.body.declaration.form.sections.map((s: { id: string }) => s.id)).toEqual(Object.keys(sections));
  });

  it('the supplier applies and saves sections; invalid answers get field errors and nothing earlier is lost', async () => {
    const app = await post(nw, `/api/onboarding/frameworks/${DEMO_ROUND_ID}/applications`).expect(201);
    applicationId = app.body.id;
    expect(app.body).toMatchObject({ status: 'draft', editable: true, supplierCode });
    expect(app.body.sections.every((s: { status: string }) => s.status === 'not-started')).toBe(true);

    await put(nw, `/api/onboarding/applications/${applicationId}/sections/clinical-safety`, { answers: sections['clinical-safety'] }).expect(200);
    const bad = await put(nw, `/api/onboarding/applications/${applicationId}/sections/information-security`, {
      answers: { dsptStatus: 'Probably', dsptOrganisationCode: '8JX12', cyberEssentialsPlus: {} },
    }).expect(400);
    expect(fieldsOf(bad)).toEqual(['dsptStatus', 'cyberEssentialsPlus.certified']);
    const after = await nw.agent.get(`/api/onboarding/applications/${applicationId}`).expect(200);
    expect(after.body.answers).toEqual(sections['clinical-safety']);
    expect(after.body.sections.find((s: { id: string }) => s.id === 'clinical-safety').status).toBe('complete');
    expect(after.body.sections.find((s: { id: string }) => s.id === 'information-security').status).toBe('not-started');

    for (const [id, answers] of Object.entries(sections)) {
      await put(nw, `/api/onboarding/applications/${applicationId}/sections/${id}`, { answers }).expect(200);
    }
    await put(nw, `/api/onboarding/applications/${applicationId}/sections/no-such-section`, { answers: {} }).expect(404);
  });

  it('an incomplete application cannot be submitted (422 with what is missing)', async () => {
    const res = await post(nw, `/api/onboarding/applications/${applicationId}/submit`).expect(422);
    expect(res.body.code).toBe('application-incomplete');
    expect(fieldsOf(res)).toEqual(['solutions']);
  });

  it('the supplier proposes a draft catalogue solution for the framework’s capabilities and submits', async () => {
    const item = await post(nw, '/api/vendor/items', { type: 'solution', name: 'Northwind Appointments' }).expect(201);
    itemId = item.body.id;
    expect(itemId).toBe(`${supplierCode}-001`);
    const [cap] = await t.db.query(
      `SELECT array_agg(e.id ORDER BY e.id) AS epics FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id WHERE ce.capability_id = 43 AND ce.compliancy = 'MUST'`,
    );
    await put(nw, `/api/vendor/items/${itemId}/draft`, {
      name: 'Northwind Appointments',
      summary: 'Online consultation for patients.',
      description: 'Patients describe their problem online and the practice triages it.',
      capabilityIds: [43],
      epicIds: cap.epics ?? [],
      frameworkIds: [DEMO_ROUND_ID],
      applicationTypes: [{ key: 'browser-based', details: {} }],
      hostingTypes: [{ key: 'PublicCloud', summary: 'Azure UK South', requiresHscn: false }],
      serviceLevels: { availability: '99.9%', supportHours: '08:00-18:30', responseTimes: 'P1 1 hour' },
      dataProcessing: { dataLocation: 'UK only', processingSummary: 'Appointment data.', subProcessors: [] },
      prices: [{ id: 'p1', provisioningType: 'per_patient', priceType: 'flat', calculationType: 'single_fixed', quantityBasis: 'per_service_recipient', billingPeriod: 'year', unit: 'per patient', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 9000 }] }],
    }).expect(200);
    // Another supplier's item cannot be proposed.
    const foreign = await put(nw, `/api/onboarding/applications/${applicationId}/solutions`, { itemIds: ['10000-001'] }).expect(400);
    expect(fieldsOf(foreign)).toEqual(['itemIds[0]']);
    const withSolution = await put(nw, `/api/onboarding/applications/${applicationId}/solutions`, { itemIds: [itemId] }).expect(200);
    expect(withSolution.body.solutions).toEqual([{ itemId, name: 'Northwind Appointments', publicationStatus: 'draft', frameworkCapabilityIds: [43], namesFramework: true }]);
    expect(withSolution.body.missing).toEqual([]);
    const submitted = await post(nw, `/api/onboarding/applications/${applicationId}/submit`).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', editable: false, result: null, marks: [] });
    expect(await lastEmail(EMAIL, 'application-submitted')).toBeTruthy();
    await put(nw, `/api/onboarding/applications/${applicationId}/sections/insurance`, { answers: sections.insurance }).expect(409);
  });

  it('its listing cannot be submitted for publication on a framework it is not on', async () => {
    const res = await post(nw, `/api/vendor/items/${itemId}/draft/submit`).expect(422);
    expect(res.body).toMatchObject({ code: 'not-on-framework' });
    expect(fieldsOf(res)).toEqual(['frameworkIds[0]']);
  });

  it('another supplier cannot see the application; it asks its own clarification question', async () => {
    await emis.agent.get(`/api/onboarding/applications/${applicationId}`).expect(404);
    await put(emis, `/api/onboarding/applications/${applicationId}/sections/insurance`, { answers: sections.insurance }).expect(404);
    const mine = await emis.agent.get('/api/onboarding/applications').expect(200);
    expect(mine.body.map((a: { id: string }) => a.id)).not.toContain(applicationId);
    await practice.agent.get(`/api/onboarding/applications/${applicationId}`).expect(403);
    // EMIS starts an application but never submits it.
    await post(emis, `/api/onboarding/frameworks/${DEMO_ROUND_ID}/applications`).expect(201);
  });

  it('clarification questions stay private until the operator publishes an anonymised answer to all applicants', async () => {
    const asked = await post(nw, `/api/onboarding/frameworks/${DEMO_ROUND_ID}/clarifications`, { question: 'Northwind hosts with Azure: does our Cyber Essentials Plus need to cover Microsoft?' }).expect(201);
    expect((await emis.agent.get(`/api/onboarding/frameworks/${DEMO_ROUND_ID}/clarifications`).expect(200)).body).toEqual([]);
    const all = await operator.agent.get(`/api/onboarding/frameworks/${DEMO_ROUND_ID}/clarifications`).expect(200);
    expect(all.body[0]).toMatchObject({ askedBy: supplierCode, publishedAt: null });
    await post(operator, `/api/onboarding/clarifications/${asked.body.id}/answer`, {
      publishedQuestion: 'Does Cyber Essentials Plus need to cover a supplier’s hosting provider?',
      answer: 'No: it covers the organisation providing the service.',
    }).expect(200);
    const seen = await emis.agent.get(`/api/onboarding/frameworks/${DEMO_ROUND_ID}/clarifications`).expect(200);
    expect(seen.body).toEqual([expect.objectContaining({ question: 'Does Cyber Essentials Plus need to cover a supplier’s hosting provider?', askedQuestion: null, askedBy: null, mine: false })]);
    expect(JSON.stringify(seen.body)).not.toContain('Northwind');
    expect((await lastEmail(DEMO.vendor, 'clarification-published')).text_body).toContain('hosting provider');
  });

  it('closing the round marks answers: a failing pass-fail answer is a fail; discretionary ones wait for review', async () => {
    const res = await post(operator, `/api/onboarding/frameworks/${DEMO_ROUND_ID}/transition`, { to: 'pending', reason: 'Closing date brought forward' }).expect(200);
    expect(res.body.status).toBe('pending');
    const forced = await audits('framework.status-forced', DEMO_ROUND_ID);
    expect(forced.map((a: any) => [a.before.status, a.after.status, a.after.reason, a.actor_email])).toEqual([['open', 'pending', 'Closing date brought forward', DEMO.operator]]);

    // Declarations cannot change after the round closes; the supplier sees no result yet.
    await put(nw, `/api/onboarding/applications/${applicationId}/sections/insurance`, { answers: sections.insurance }).expect(409);
    await post(nw, `/api/onboarding/applications/${applicationId}/copy-previous`).expect(409);
    const supplierView = await nw.agent.get(`/api/onboarding/applications/${applicationId}`).expect(200);
    expect(supplierView.body).toMatchObject({ result: null, marks: [], resultReasons: [] });

    const view = await operator.agent.get(`/api/onboarding/applications/${applicationId}`).expect(200);
    const marks = Object.fromEntries(view.body.marks.map((m: any) => [m.questionId, m]));
    expect(marks.insurance).toMatchObject({ kind: 'pass-fail', outcome: 'fail', excludes: false });
    expect(marks.dataHosting).toMatchObject({ outcome: 'pass' });
    expect(marks.clinicalSafetyOfficer).toMatchObject({ kind: 'discretionary', outcome: 'pending' });
    expect(view.body.result).toBe('pending');

    // Standstill is refused while discretionary answers are unreviewed.
    const early = await post(operator, `/api/onboarding/frameworks/${DEMO_ROUND_ID}/transition`, { to: 'standstill', reason: 'Results' }).expect(409);
    expect(early.body.code).toBe('marking-unfinished');
    await put(operator, `/api/onboarding/applications/${applicationId}/marks/dataHosting`, { outcome: 'fail', reason: 'no' }).expect(409);
    await put(operator, `/api/onboarding/applications/${applicationId}/marks/clinicalSafetyOfficer`, { outcome: 'pass', reason: 'GMC registered, DCB0129 trained' }).expect(200);
    const reviewed = await put(operator, `/api/onboarding/applications/${applicationId}/marks/accessibilityStatementUrl`, { outcome: 'pass', reason: 'Statement published' }).expect(200);
    expect(reviewed.body.result).toBe('pass');
    expect(await audits('application.answer-reviewed', applicationId)).toHaveLength(2);
  });

  it('at standstill each supplier sees its result with reasons and is emailed', async () => {
    await post(operator, `/api/onboarding/frameworks/${DEMO_ROUND_ID}/transition`, { to: 'standstill', reason: 'Evaluation complete' }).expect(200);
    const view = await nw.agent.get(`/api/onboarding/applications/${applicationId}`).expect(200);
    expect(view.body.result).toBe('pass');
    expect(view.body.resultReasons).toEqual([expect.stringMatching(/^Condition: Insurance cover: Cover is below the minimum levels/)]);
    expect(view.body.marks.find((m: any) => m.questionId === 'insurance')).toMatchObject({ outcome: 'fail', reason: expect.stringContaining('below the minimum') });
    expect((await lastEmail(EMAIL, 'framework-result')).text_body).toContain('was successful');

    const emisApps = await emis.agent.get('/api/onboarding/applications').expect(200);
    const emisApp = emisApps.body.find((a: any) => a.frameworkId === DEMO_ROUND_ID);
    expect(emisApp.result).toBe('fail');
    const emisView = await emis.agent.get(`/api/onboarding/applications/${emisApp.id}`).expect(200);
    expect(emisView.body.resultReasons).toEqual(['The application was not submitted before the round closed']);
    await post(emis, `/api/onboarding/applications/${emisApp.id}/agreement`, { signerName: 'Vera Okafor', signerRole: 'Director', documentSha256: sha256(DEMO_AGREEMENT) }).expect(409);
  });

  it('the supplier signs the exact agreement (a different hash is refused); the operator countersigns; then the listing can be submitted', async () => {
    const wrong = await post(nw, `/api/onboarding/applications/${applicationId}/agreement`, { signerName: 'Nia Walker', signerRole: 'Managing Director', documentSha256: sha256(`${DEMO_AGREEMENT} `) }).expect(409);
    expect(wrong.body.code).toBe('agreement-changed');
    await post(operator, `/api/onboarding/applications/${applicationId}/agreement/countersign`).expect(409); // nothing signed yet
    const signed = await post(nw, `/api/onboarding/applications/${applicationId}/agreement`, { signerName: 'Nia Walker', signerRole: 'Managing Director', documentSha256: sha256(DEMO_AGREEMENT) }).expect(200);
    expect(signed.body.agreement).toMatchObject({ documentSha256: sha256(DEMO_AGREEMENT), signerName: 'Nia Walker', signerRole: 'Managing Director', countersignedAt: null });
    expect(Date.parse(signed.body.agreement.signedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(signed.body.onFramework).toBe(false);
    await post(nw, `/api/onboarding/applications/${applicationId}/agreement`, { signerName: 'Nia Walker', signerRole: 'Managing Director', documentSha256: sha256(DEMO_AGREEMENT) }).expect(409);

    await post(nw, `/api/vendor/items/${itemId}/draft/submit`).expect(422);
    const assessment = { result: 'passed_full', assessor: 'GPITM assurance', assessedOn: today() };
    expect((await put(operator, `/api/assessments/${itemId}/capabilities/43`, assessment).expect(422)).body.code).toBe('not-on-framework');
    await post(nw, `/api/onboarding/applications/${applicationId}/agreement/countersign`).expect(403);
    const countersigned = await post(operator, `/api/onboarding/applications/${applicationId}/agreement/countersign`).expect(200);
    expect(countersigned.body).toMatchObject({ onFramework: true, agreement: { countersignedAt: expect.any(String) } });
    expect((await lastEmail(EMAIL, 'agreement-countersigned')).text_body).toContain(sha256(DEMO_AGREEMENT));
    expect(await audits('agreement.countersigned', applicationId)).toEqual([expect.objectContaining({ before: { onFramework: false } })]);

    const submitted = await post(nw, `/api/vendor/items/${itemId}/draft/submit`).expect(200);
    expect(submitted.body.publicationStatus).toBe('submitted');
    await put(operator, `/api/assessments/${itemId}/capabilities/43`, assessment).expect(200);
  });

  it('the operator exports applications and results as CSV; suppliers cannot', async () => {
    const apps = await operator.agent.get(`/api/onboarding/frameworks/${DEMO_ROUND_ID}/applications.csv`).expect(200);
    expect(apps.headers['content-type']).toContain('text/csv');
    expect(apps.text.split('\r\n')[0]).toBe('Supplier code,Supplier,Companies House number,Status,Started,Submitted,Sections saved,Proposed solutions');
    expect(apps.text).toContain(`${supplierCode},Northwind Health Software Ltd,SC123456,submitted,`);
    expect(apps.text).toContain(`4 of 4,${itemId}`);
    const results = await operator.agent.get(`/api/onboarding/frameworks/${DEMO_ROUND_ID}/results.csv`).expect(200);
    const row = results.text.split('\r\n').find((l) => l.startsWith(supplierCode))!;
    expect(row).toContain(',submitted,pass,');
    expect(row).toContain(`Nia Walker,Managing Director,${sha256(DEMO_AGREEMENT)},`);
    expect(results.text).toContain('not submitted before the round closed');
    await nw.agent.get(`/api/onboarding/frameworks/${DEMO_ROUND_ID}/results.csv`).expect(403);
  });

  describe('rounds on their dates', () => {
    const round = (id: string) => ({
      id,
      name: `Test round ${id}`,
      shortName: id,
      owner: 'GP IT Marketplace',
      fundingTypes: ['Local funding'],
      maximumTermMonths: 24,
      capabilityIds: [1],
      dates: { interestFrom: '2030-01-01', opensOn: '2030-02-01', closesOn: '2030-03-01', resultsOn: '2030-03-15', liveOn: '2030-04-01', expiresOn: '2032-04-01' },
      declaration: {
        schema: { type: 'object', properties: { dataHosting: { type: 'string', enum: ['UK only', 'UK and EEA'] }, dsptStatus: { type: 'string', enum: ['Standards met', 'Standards not met'] } }, required: ['dataHosting'] },
        form: {
          sections: [
            {
              id: 'hosting',
              title: 'Hosting',
              questions: [
                { id: 'dataHosting', label: 'Where is patient data hosted?', marking: { kind: 'pass-fail', passWhen: { in: ['UK only'] } } },
                { id: 'dsptStatus', label: 'DSPT status', marking: { kind: 'info' } },
              ],
            },
          ],
        },
      },
      agreementText: `Agreement for ${id}`,
    });

    it('refuses a round with dates out of order or a broken declaration, with field errors', async () => {
      const bad = round('TESTBAD');
      const res = await post(operator, '/api/onboarding/frameworks', { ...bad, dates: { ...bad.dates, closesOn: '2030-01-15' }, declaration: { ...bad.declaration, form: { sections: [] } } }).expect(400);
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['dates.closesOn', 'declaration.form.sections']));
      await post(nw, '/api/onboarding/frameworks', round('TESTVENDOR')).expect(403);
    });

    it('the daily job moves a round step by step on its dates, each step audited, and never back', async () => {
      const created = await post(operator, '/api/onboarding/frameworks', round('TESTJOB')).expect(201);
      expect(created.body).toMatchObject({ status: 'coming', agreementSha256: sha256('Agreement for TESTJOB'), capabilities: [expect.objectContaining({ id: 1 })] });
      await post(nw, '/api/onboarding/frameworks/TESTJOB/interest').expect(200);
      const rounds = t.app.get(RoundsService);
      const status = async () => (await t.http().get('/api/onboarding/frameworks/TESTJOB').expect(200)).body.status;

      await rounds.advanceByDate(new Date('2030-01-31T12:00:00Z'));
      expect(await status()).toBe('coming');
      const opened = await rounds.advanceByDate(new Date('2030-02-01T00:30:00Z'));
      expect(opened).toContainEqual({ id: 'TESTJOB', from: 'coming', to: 'open' });
      expect(await status()).toBe('open');
      expect((await lastEmail(EMAIL, 'framework-open')).subject).toContain('Test round TESTJOB');

      // A returning supplier copies answers from its previous framework application.
      const app = await post(nw, '/api/onboarding/frameworks/TESTJOB/applications').expect(201);
      const copied = await post(nw, `/api/onboarding/applications/${app.body.id}/copy-previous`).expect(200);
      expect(copied.body.answers).toEqual({ dataHosting: 'UK only', dsptStatus: 'Standards met' });
      expect(copied.body.sections).toEqual([{ id: 'hosting', title: 'Hosting', status: 'complete' }]);
      // Another supplier with no earlier application has nothing to copy.
      const emisApp = await post(emis, '/api/onboarding/frameworks/TESTJOB/applications').expect(201);
      await post(emis, `/api/onboarding/applications/${emisApp.body.id}/copy-previous`).expect(409);

      await rounds.advanceByDate(new Date('2030-04-02T12:00:00Z'));
      expect(await status()).toBe('live');
      const changes = await audits('framework.status-changed', 'TESTJOB');
      expect(changes.map((a: any) => `${a.before.status}>${a.after.status}`)).toEqual(['coming>open', 'open>pending', 'pending>standstill', 'standstill>live']);
      expect(changes.every((a: any) => a.actor_email === null)).toBe(true);
      // Not submitted by the close: failed at marking.
      expect((await nw.agent.get(`/api/onboarding/applications/${app.body.id}`).expect(200)).body).toMatchObject({ result: 'fail', editable: false });

      const back = await post(operator, '/api/onboarding/frameworks/TESTJOB/transition', { to: 'open', reason: 'Reopen' }).expect(409);
      expect(back.body.code).toBe('invalid-transition');
      await rounds.advanceByDate(new Date('2032-04-01T12:00:00Z'));
      expect(await status()).toBe('expired');
    });

    it('an expired framework cannot be ordered from', async () => {
      const order = await post(practice, '/api/orders', { description: 'Expired framework check' }).expect(201);
      const res = await put(practice, `/api/orders/${order.body.ref}/term`, { frameworkId: 'TESTJOB', commencementDate: '2032-05-01', initialPeriodMonths: 3, maximumTermMonths: 12 }).expect(400);
      expect(res.body.errors).toContainEqual({ field: 'frameworkId', message: 'This framework is not live; choose a live framework' });
    });
  });

  describe('duplicates', () => {
    it('the operator sees a second registration with the same number as a duplicate, merges it (audited) and can suspend', async () => {
      const dupEmail = 'ops@northwind-dup.onboarding.test';
      await t
        .http()
        .post('/api/onboarding/registrations')
        .send({ companyName: 'Northwind Health', companiesHouseNumber: 'SC123456', registeredAddress: { line1: '1 Station Road', town: 'Leeds', postcode: 'LS1 4AP' }, contactName: 'Sam Lee', email: dupEmail, password: PASSWORD })
        .expect(202);
      const token = /\/supplier-registration\/confirm\/([A-Za-z0-9_-]+)/.exec((await lastEmail(dupEmail, 'supplier-registration')).text_body)![1];
      const dup = (await t.http().post('/api/onboarding/registrations/verify').send({ token }).expect(200)).body.organisationCode;
      const list = await operator.agent.get('/api/onboarding/suppliers').expect(200);
      expect(list.body.find((s: any) => s.code === dup)).toMatchObject({ companiesHouseNumber: 'SC123456', possibleDuplicates: [supplierCode], users: 1 });
      await nw.agent.get('/api/onboarding/suppliers').expect(403);

      const merged = await post(operator, `/api/onboarding/suppliers/${dup}/merge`, { intoCode: supplierCode, reason: 'Registered twice' }).expect(200);
      expect(merged.body).toMatchObject({ from: dup, into: supplierCode, usersMoved: 1, itemsMoved: 0 });
      const [event] = await audits('supplier.merged', dup);
      expect(event.before).toMatchObject({ from: { code: dup, status: 'active', users: 1 } });
      expect(event.after).toMatchObject({ into: supplierCode, status: 'inactive', reason: 'Registered twice' });
      const moved = await t.signIn(dupEmail, PASSWORD);
      expect((await moved.agent.get('/api/auth/session').expect(200)).body.organisation.code).toBe(supplierCode);
      expect((await operator.agent.get('/api/onboarding/suppliers').expect(200)).body.find((s: any) => s.code === dup)).toMatchObject({ status: 'inactive', mergedInto: supplierCode });

      await post(operator, `/api/onboarding/suppliers/${supplierCode}/suspend`, { reason: 'Investigation' }).expect(200);
      expect((await audits('supplier.suspended', supplierCode))[0]).toMatchObject({ before: { status: 'active' }, after: { status: 'inactive', reason: 'Investigation' } });
      await nw.agent.get('/api/auth/session').expect(401);
      await post(operator, `/api/onboarding/suppliers/${supplierCode}/suspend`, { reason: 'Again' }).expect(409);
    });
  });
});
