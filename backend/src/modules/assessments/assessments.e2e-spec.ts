import { DataSource } from 'typeorm';
import { createTestApp, createTestDataSource, DEMO, TestApp } from '../../../test/test-app';
import { JobsService } from '../../core/jobs/jobs.service';
import { todayInLondon } from './accreditation.store';
import { AssessmentsService } from './assessments.service';
import { REDERIVE_JOB } from './assessments.module';
import { addDays, seedDemoAssessments } from './demo-assessments.seed';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

interface Fixture {
  capabilityId: number;
  mustEpics: string[];
  mayEpic: string;
}

/** A capability with two or more active MUST epics and an active MAY epic. */
async function pickCapability(db: DataSource): Promise<Fixture> {
  const [c] = await db.query(`
    SELECT c.id,
           ARRAY(SELECT e.id FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id WHERE ce.capability_id = c.id AND ce.compliancy = 'MUST' AND e.is_active ORDER BY e.id) AS must,
           (SELECT e.id FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id WHERE ce.capability_id = c.id AND ce.compliancy = 'MAY' AND e.is_active ORDER BY e.id LIMIT 1) AS may
      FROM capabilities c
     WHERE (SELECT count(*) FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id WHERE ce.capability_id = c.id AND ce.compliancy = 'MUST' AND e.is_active) >= 2
       AND EXISTS (SELECT 1 FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id WHERE ce.capability_id = c.id AND ce.compliancy = 'MAY' AND e.is_active)
     ORDER BY c.id LIMIT 1`);
  if (!c) throw new Error('no capability with MUST and MAY epics in the reference data');
  return { capabilityId: c.id, mustEpics: c.must, mayEpic: c.may };
}

/** A published solution with a live listing version claiming `capabilityIds`. */
async function createItem(db: DataSource, id: string, capabilityIds: number[], epicIds: string[], opts: { supplier?: string; status?: string } = {}) {
  const supplier = opts.supplier ?? '10000';
  if (supplier !== '10000') {
    await db.query(`INSERT INTO organisations (code, type, name) VALUES ($1, 'supplier', 'Other Supplier Ltd') ON CONFLICT (code) DO NOTHING`, [supplier]);
  }
  const content = {
    name: `Test solution ${id}`,
    summary: 'A solution for assessment tests',
    description: 'Used by the assessments tests.',
    features: [],
    capabilityIds,
    epicIds,
    frameworkIds: [],
    integrations: [],
    applicationTypes: [],
    hostingTypes: [],
    implementation: '',
    roadmap: '',
    serviceLevels: null,
    dataProcessing: null,
    prices: [],
  };
  await db.transaction(async (m) => {
    await m.query(
      `INSERT INTO catalogue_items (id, supplier_id, type, publication_status, last_published_at)
       VALUES ($1, (SELECT id FROM organisations WHERE code = $2), 'solution', $3, now())`,
      [id, supplier, opts.status ?? 'published'],
    );
    const [v] = await m.query(`INSERT INTO listing_versions (item_id, version, status, content) VALUES ($1, 1, 'approved', $2) RETURNING id`, [id, content]);
    await m.query(`UPDATE catalogue_items SET live_version_id = $2 WHERE id = $1`, [id, v.id]);
    await m.query(`SELECT refresh_catalogue_search($1)`, [id]);
  });
}

const DAY = '2026-01-15';
const pass = { assessor: 'Amara Osei', assessedOn: DAY, expiresOn: '2029-01-15', evidence: 'Witnessed' };

/** Records passing results for everything the item requires (read from GET). */
async function recordAllPassing(op: Session, itemId: string, overrides: { expiresOn?: string; assessedOn?: string } = {}) {
  const body = { ...pass, ...overrides };
  const { body: a } = await op.agent.get(`/api/assessments/${itemId}`).expect(200);
  for (const c of a.capabilities) {
    await op.agent
      .put(`/api/assessments/${itemId}/capabilities/${c.id}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...body, result: 'passed_full' })
      .expect(200);
    for (const e of c.epics.filter((x: { compliancy: string; isActive: boolean }) => x.compliancy === 'MUST' && x.isActive)) {
      await op.agent
        .put(`/api/assessments/${itemId}/epics/${e.id}`)
        .set('X-CSRF-Token', op.csrf)
        .send({ ...body, result: 'passed' })
        .expect(200);
    }
  }
  let last;
  for (const s of a.standards) {
    last = await op.agent
      .put(`/api/assessments/${itemId}/standards/${s.id}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...body, result: 'met' })
      .expect(200);
  }
  return last!.body;
}

const searchStatus = async (db: DataSource, id: string) =>
  (await db.query(`SELECT accreditation_status FROM catalogue_search WHERE item_id = $1`, [id]))[0]?.accreditation_status;

describe('assessments and accreditation (HTTP)', () => {
  let t: TestApp;
  let f: Fixture;
  let op: Session;
  let vendor: Session;
  beforeAll(async () => {
    t = await createTestApp();
    f = await pickCapability(t.db);
    await createItem(t.db, '10000-901', [f.capabilityId], [...f.mustEpics, f.mayEpic]);
    await createItem(t.db, '10000-902', [f.capabilityId], f.mustEpics);
    await createItem(t.db, '10000-903', [f.capabilityId], f.mustEpics);
    await createItem(t.db, '10000-904', [f.capabilityId], f.mustEpics, { status: 'draft' });
    await createItem(t.db, '99999-901', [f.capabilityId], f.mustEpics, { supplier: '99999' });
    op = await t.signIn(DEMO.operator);
    vendor = await t.signIn(DEMO.vendor);
  });
  afterAll(() => t.close());

  it('shows an unassessed item with its claimed capability, MUST and MAY epics and required standards', async () => {
    const res = await op.agent.get('/api/assessments/10000-901').expect(200);
    expect(res.body).toMatchObject({
      itemId: '10000-901',
      name: 'Test solution 10000-901',
      supplier: { code: '10000' },
      accreditation: { status: null, reason: null },
    });
    expect(res.body.capabilities).toHaveLength(1);
    const epics = res.body.capabilities[0].epics;
    expect(epics.filter((e: { compliancy: string }) => e.compliancy === 'MUST').length).toBeGreaterThanOrEqual(2);
    expect(epics.find((e: { id: string }) => e.id === f.mayEpic)).toMatchObject({ compliancy: 'MAY', claimed: true, assessment: null });
    const overarching = await t.db.query(`SELECT id FROM standards WHERE type = 'Overarching' AND NOT is_deleted`);
    const ids = res.body.standards.map((s: { id: string }) => s.id);
    for (const { id } of overarching) expect(ids).toContain(id);
    expect(res.body.findings[0]).toMatch(/^Missing: capability C/);
  });

  it('records every result, derives Accredited, stores it with the reason, audits and refreshes the search row', async () => {
    const final = await recordAllPassing(op, '10000-901');
    expect(final.accreditation).toMatchObject({
      status: 'accredited',
      reason: expect.stringMatching(/^Accredited: all \d+ required results passed; the first to expire is .* on 2029-01-15\.$/),
    });
    expect(final.accreditation.derivedAt).toEqual(expect.any(String));
    expect(final.capabilities[0].assessment).toMatchObject({
      result: 'passed_full',
      label: 'Passed – Full',
      assessor: 'Amara Osei',
      assessedOn: DAY,
      expiresOn: '2029-01-15',
      evidence: 'Witnessed',
    });
    const [row] = await t.db.query(`SELECT accreditation_status, accreditation_reason FROM catalogue_items WHERE id = '10000-901'`);
    expect(row).toEqual({ accreditation_status: 'accredited', accreditation_reason: final.accreditation.reason });
    expect(await searchStatus(t.db, '10000-901')).toBe('accredited');

    const events = await t.db.query(`SELECT action, actor_email, before, after FROM audit_events WHERE object_id = '10000-901' ORDER BY id`);
    expect(events[0]).toMatchObject({
      action: 'assessment.recorded',
      actor_email: DEMO.operator,
      before: null,
      after: { capabilityId: f.capabilityId, result: 'passed_full' },
    });
    const changes = events.filter((e: { action: string }) => e.action === 'accreditation.changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ before: { status: null }, after: { status: 'accredited', reason: final.accreditation.reason } });

    // Replacing a result keeps one row and audits before and after.
    await op.agent
      .put(`/api/assessments/10000-901/capabilities/${f.capabilityId}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...pass, result: 'passed_partial' })
      .expect(200);
    const [replaced] = await t.db.query(
      `SELECT before, after FROM audit_events WHERE action = 'assessment.recorded' AND object_id = '10000-901' ORDER BY id DESC LIMIT 1`,
    );
    expect(replaced).toMatchObject({ before: { result: 'passed_full' }, after: { result: 'passed_partial' } });
    const again = await op.agent.get('/api/assessments/10000-901').expect(200);
    expect(again.body.accreditation.status).toBe('accredited');
  });

  it('a failed MAY epic does not matter; a Not evidenced MUST epic fails the solution and is shown publicly', async () => {
    await op.agent
      .put(`/api/assessments/10000-901/epics/${f.mayEpic}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...pass, result: 'failed' })
      .expect(200);
    expect((await op.agent.get('/api/assessments/10000-901')).body.accreditation.status).toBe('accredited');
    const res = await op.agent
      .put(`/api/assessments/10000-901/epics/${f.mustEpics[1]}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...pass, result: 'not_evidenced' })
      .expect(200);
    expect(res.body.accreditation).toMatchObject({ status: 'failed', reason: expect.stringContaining(`MUST epic ${f.mustEpics[1]}`) });
    expect(await searchStatus(t.db, '10000-901')).toBe('failed');
    const pub = await t.http().get('/api/catalogue/items/10000-901/conformance').expect(200);
    expect(pub.body.accreditation.status).toBe('failed');
    await op.agent
      .put(`/api/assessments/10000-901/epics/${f.mustEpics[1]}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...pass, result: 'passed' })
      .expect(200);
  });

  it('a work-off plan makes it Conditional; vendors see the due date; overdue plans and expired results lapse', async () => {
    const base = await recordAllPassing(op, '10000-902');
    expect(base.accreditation.status).toBe('accredited');
    const standard = base.standards[0].id;
    const due = addDays(todayInLondon(), 60);
    const res = await op.agent
      .put(`/api/assessments/10000-902/standards/${standard}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...pass, result: 'work_off_plan', dueOn: due })
      .expect(200);
    expect(res.body.accreditation).toMatchObject({ status: 'conditional', reason: expect.stringContaining(`work-off plan due on ${due}`) });
    expect(res.body.upcoming[0]).toMatchObject({ kind: 'work_off_plan', subject: 'standard', id: standard, date: due, overdue: false });

    const own = await vendor.agent.get('/api/assessments/10000-902').expect(200);
    expect(own.body.standards.find((s: { id: string }) => s.id === standard).assessment).toMatchObject({ result: 'work_off_plan', dueOn: due });
    const list = await vendor.agent.get('/api/vendor/assessments').query({ status: 'conditional' }).expect(200);
    expect(list.body.items.find((i: { itemId: string }) => i.itemId === '10000-902')).toMatchObject({
      accreditationStatus: 'conditional',
      nextDueOn: due,
      nextExpiresOn: '2029-01-15',
    });

    const pub = await t.http().get('/api/catalogue/items/10000-902/conformance').expect(200);
    expect(pub.body.workOffPlans).toEqual([{ standardId: standard, name: expect.any(String), dueOn: due }]);

    // An expired capability result: the solution shows as lapsed everywhere.
    const lapsed = await op.agent
      .put(`/api/assessments/10000-902/capabilities/${f.capabilityId}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...pass, result: 'passed_full', assessedOn: '2023-01-10', expiresOn: '2026-01-10' })
      .expect(200);
    expect(lapsed.body.accreditation).toMatchObject({ status: 'lapsed', reason: expect.stringContaining('expired on 2026-01-10') });
    expect(lapsed.body.upcoming[0]).toMatchObject({ kind: 'expiry', date: '2026-01-10', overdue: true });
    expect(await searchStatus(t.db, '10000-902')).toBe('lapsed');
    expect((await t.http().get('/api/catalogue/items/10000-902/conformance').expect(200)).body.accreditation.status).toBe('lapsed');
    expect(
      (await vendor.agent.get('/api/vendor/assessments').query({ status: 'lapsed' }).expect(200)).body.items.map((i: { itemId: string }) => i.itemId),
    ).toContain('10000-902');
  });

  it('a Not met standard fails the solution', async () => {
    const base = await recordAllPassing(op, '10000-903');
    const res = await op.agent
      .put(`/api/assessments/10000-903/standards/${base.standards[0].id}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...pass, result: 'not_met' })
      .expect(200);
    expect(res.body.accreditation).toMatchObject({ status: 'failed', reason: expect.stringContaining('was assessed as Not met on 2026-01-15') });
  });

  it('deletes a result recorded in error, audited, and re-derives', async () => {
    const standard = (await op.agent.get('/api/assessments/10000-903')).body.standards[0].id;
    await op.agent.delete(`/api/assessments/10000-903/standards/${standard}`).set('X-CSRF-Token', op.csrf).expect(204);
    const after = await op.agent.get('/api/assessments/10000-903').expect(200);
    expect(after.body.accreditation).toMatchObject({ status: null, reason: expect.stringMatching(/^Not yet assessed: standard /) });
    expect(await searchStatus(t.db, '10000-903')).toBeNull();
    const [event] = await t.db.query(`SELECT before FROM audit_events WHERE action = 'assessment.deleted' AND object_id = '10000-903'`);
    expect(event.before).toMatchObject({ standardId: standard, result: 'not_met' });
    await op.agent.delete(`/api/assessments/10000-903/standards/${standard}`).set('X-CSRF-Token', op.csrf).expect(404);
    await op.agent.delete(`/api/assessments/10000-903/widgets/1`).set('X-CSRF-Token', op.csrf).expect(404);
    await op.agent.delete(`/api/assessments/10000-903/capabilities/1.5`).set('X-CSRF-Token', op.csrf).expect(404);
    await op.agent.delete(`/api/assessments/10000-999/capabilities/1`).set('X-CSRF-Token', op.csrf).expect(404);
    await vendor.agent.delete(`/api/assessments/10000-903/capabilities/${f.capabilityId}`).set('X-CSRF-Token', vendor.csrf).expect(403);
  });

  it('validates results field by field', async () => {
    const put = (path: string, body: object) => op.agent.put(`/api/assessments/10000-901/${path}`).set('X-CSRF-Token', op.csrf).send(body).expect(400);
    const fields = (res: { body: { errors: { field: string }[] } }) => res.body.errors.map((e) => e.field).sort();

    const bad = await put(`capabilities/${f.capabilityId}`, { result: 'passed', assessor: '', assessedOn: '2026-02-30', evidence: 'x'.repeat(5001), extra: 1 });
    expect(bad.body.code).toBe('validation-error');
    expect(fields(bad)).toEqual(['assessedOn', 'assessor', 'evidence', 'extra', 'result']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'evidence').message).toBe('evidence must be 5000 characters or fewer');

    expect(fields(await put(`capabilities/${f.capabilityId}`, { ...pass, result: 'failed', expiresOn: DAY }))).toEqual(['expiresOn']);
    expect(
      fields(await put(`capabilities/${f.capabilityId}`, { ...pass, result: 'failed', assessedOn: addDays(todayInLondon(), 1), expiresOn: '2099-01-01' })),
    ).toEqual(['assessedOn']);
    expect(fields(await put(`epics/${f.mustEpics[0]}`, { ...pass, result: 'passed_full' }))).toEqual(['result']);
    const wop = await put('standards/S24', { ...pass, result: 'work_off_plan' });
    expect(wop.body.errors).toEqual([{ field: 'dueOn', message: 'Enter the date the work-off plan is due' }]);
    expect((await put('standards/S24', { ...pass, result: 'work_off_plan', dueOn: '2025-12-01' })).body.errors).toEqual([
      { field: 'dueOn', message: 'dueOn must be after assessedOn' },
    ]);
    expect(fields(await put('standards/S24', { ...pass, result: 'met', dueOn: '2027-01-01' }))).toEqual(['dueOn']);
    expect(fields(await put('standards/S24', { ...pass, result: 'met', dueOn: '1 March' }))).toEqual(['dueOn']);
  });

  it('refuses unknown items, subjects, unclaimed capabilities and deleted standards', async () => {
    const put = (path: string, body: object) => op.agent.put(path).set('X-CSRF-Token', op.csrf).send(body);
    await put(`/api/assessments/10000-999/capabilities/${f.capabilityId}`, { ...pass, result: 'failed' }).expect(404);
    await put('/api/assessments/10000-901/capabilities/9999', { ...pass, result: 'failed' }).expect(404);
    await put('/api/assessments/10000-901/capabilities/abc', { ...pass, result: 'failed' }).expect(404);
    await put('/api/assessments/10000-901/epics/NOPE', { ...pass, result: 'failed' }).expect(404);
    await put('/api/assessments/10000-901/standards/S999', { ...pass, result: 'met' }).expect(404);
    const [other] = await t.db.query(`SELECT id FROM capabilities WHERE id <> $1 ORDER BY id LIMIT 1`, [f.capabilityId]);
    const unclaimed = await put(`/api/assessments/10000-901/capabilities/${other.id}`, { ...pass, result: 'failed' }).expect(409);
    expect(unclaimed.body.code).toBe('not-claimed');
    const [deleted] = await t.db.query(`SELECT id FROM standards WHERE is_deleted LIMIT 1`);
    if (deleted) await put(`/api/assessments/10000-901/standards/${deleted.id}`, { ...pass, result: 'met' }).expect(404);
    await op.agent.get('/api/assessments/10000-999').expect(404);
  });

  it('limits who sees and records results', async () => {
    await t.http().get('/api/assessments/10000-901').expect(401);
    await t.http().get('/api/vendor/assessments').expect(401);
    await t.http().post('/api/assessments/rederive').expect(401);
    const pm = await t.signIn(DEMO.practiceManager);
    expect((await pm.agent.get('/api/assessments/10000-901').expect(403)).body.code).toBe('forbidden');
    await pm.agent.get('/api/vendor/assessments').expect(403);
    const commissioner = await t.signIn(DEMO.commissioner);
    await commissioner.agent.get('/api/assessments/10000-901').expect(403);
    await op.agent.get('/api/vendor/assessments').expect(403);

    // Vendors: their own items only; another supplier's look like they do not exist.
    await vendor.agent.get('/api/assessments/10000-901').expect(200);
    const other = await vendor.agent.get('/api/assessments/99999-901').expect(404);
    expect(other.body.code).toBe('not-found');
    await op.agent.get('/api/assessments/99999-901').expect(200);
    await vendor.agent
      .put(`/api/assessments/10000-901/capabilities/${f.capabilityId}`)
      .set('X-CSRF-Token', vendor.csrf)
      .send({ ...pass, result: 'passed_full' })
      .expect(403);
    await vendor.agent.post('/api/assessments/rederive').set('X-CSRF-Token', vendor.csrf).expect(403);
    const list = await vendor.agent.get('/api/vendor/assessments').query({ pageSize: 200 }).expect(200);
    expect(list.body.items.map((i: { itemId: string }) => i.itemId)).not.toContain('99999-901');
    // Writes need the CSRF token.
    await op.agent
      .put(`/api/assessments/10000-901/capabilities/${f.capabilityId}`)
      .send({ ...pass, result: 'passed_full' })
      .expect(403);
  });

  it('lists a vendor’s items paged, filtered and sorted', async () => {
    const res = await vendor.agent.get('/api/vendor/assessments').query({ q: '10000-90', sort: 'itemId', pageSize: 2 }).expect(200);
    expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(res.body.items.map((i: { itemId: string }) => i.itemId)).toEqual(['10000-901', '10000-902']);
    expect(res.body.items[0]).toMatchObject({ accreditationStatus: 'accredited', accreditationReason: expect.any(String), nextExpiresOn: expect.any(String) });
    const none = await vendor.agent.get('/api/vendor/assessments').query({ q: '10000-90', status: 'none' }).expect(200);
    expect(none.body.items.map((i: { itemId: string }) => i.itemId)).toEqual(['10000-903', '10000-904']);
    const bad = await vendor.agent.get('/api/vendor/assessments').query({ status: 'great', sort: 'colour' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
    expect((await vendor.agent.get('/api/vendor/assessments').query({ sort: 'colour' }).expect(400)).body.errors[0].field).toBe('sort');
  });

  it('publishes a conformance summary for listed items only, without evidence or assessors', async () => {
    const res = await t.http().get('/api/catalogue/items/10000-901/conformance').expect(200);
    expect(res.body).toMatchObject({ itemId: '10000-901', supplier: { code: '10000' }, accreditation: { status: 'accredited' }, workOffPlans: [] });
    expect(res.body.capabilities[0]).toMatchObject({ id: f.capabilityId, result: 'passed_partial', label: 'Passed – Partial', expiresOn: '2029-01-15' });
    expect(res.body.capabilities[0].epicsMet.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(f.mustEpics));
    expect(res.body.capabilities[0].epicsMet.map((e: { id: string }) => e.id)).not.toContain(f.mayEpic);
    expect(res.body.standards.every((s: { result: string }) => s.result === 'met')).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/Amara|Witnessed/);
    await t.http().get('/api/catalogue/items/10000-904/conformance').expect(404);
    await t.http().get('/api/catalogue/items/10000-999/conformance').expect(404);
  });

  it('operators re-derive on demand; nothing changes when nothing is due', async () => {
    const res = await op.agent.post('/api/assessments/rederive').set('X-CSRF-Token', op.csrf).expect(200);
    expect(res.body.examined).toBeGreaterThanOrEqual(3);
    expect(res.body.changed).toBe(0);
  });
});

describe('daily re-derivation', () => {
  let t: TestApp;
  let service: AssessmentsService;
  let op: Session;
  beforeAll(async () => {
    t = await createTestApp();
    service = t.app.get(AssessmentsService);
    const f = await pickCapability(t.db);
    await createItem(t.db, '10000-911', [f.capabilityId], f.mustEpics);
    await createItem(t.db, '10000-912', [f.capabilityId], f.mustEpics);
    op = await t.signIn(DEMO.operator);
  });
  afterAll(() => t.close());

  const status = async (id: string) => (await t.db.query(`SELECT accreditation_status AS s FROM catalogue_items WHERE id = $1`, [id]))[0].s;

  it('lapses a result that expired yesterday and an overdue work-off plan; a second run changes nothing', async () => {
    const today = todayInLondon();
    // 911: accredited until its results expire tomorrow; 912: conditional with a plan due tomorrow.
    await recordAllPassing(op, '10000-911', { expiresOn: addDays(today, 1) });
    const base = await recordAllPassing(op, '10000-912');
    await op.agent
      .put(`/api/assessments/10000-912/standards/${base.standards[0].id}`)
      .set('X-CSRF-Token', op.csrf)
      .send({ ...pass, result: 'work_off_plan', dueOn: addDays(today, 1) })
      .expect(200);
    expect(await status('10000-911')).toBe('accredited');
    expect(await status('10000-912')).toBe('conditional');

    // On the day itself the expiry and due date are still fine.
    expect((await service.rederiveAll(addDays(today, 1))).changed).toBe(0);

    const dayAfter = addDays(today, 2);
    const first = await service.rederiveAll(dayAfter);
    expect(first.changed).toBeGreaterThanOrEqual(2);
    expect(await status('10000-911')).toBe('lapsed');
    expect(await status('10000-912')).toBe('lapsed');
    expect(await searchStatus(t.db, '10000-911')).toBe('lapsed');
    const [event] = await t.db.query(
      `SELECT actor_user_id, before, after FROM audit_events WHERE action = 'accreditation.changed' AND object_id = '10000-912' ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toMatchObject({
      actor_user_id: null,
      before: { status: 'conditional' },
      after: { status: 'lapsed', reason: expect.stringContaining('is overdue') },
    });

    const auditCount = async () => (await t.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
    const before = await auditCount();
    expect(await service.rederiveAll(dayAfter)).toMatchObject({ changed: 0 });
    expect(await auditCount()).toBe(before);
  });

  it('runs as a pg-boss job on the test database', async () => {
    const jobs = t.app.get(JobsService);
    expect(jobs.running).toBe(false); // off in tests unless asked for
    await jobs.start({ pollingIntervalSeconds: 0.5 });
    const id = await jobs.send(REDERIVE_JOB);
    expect(id).toEqual(expect.any(String));
    let state: string | null = null;
    for (let i = 0; i < 60 && state !== 'completed' && state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      state = await jobs.state(REDERIVE_JOB, id!);
    }
    expect(state).toBe('completed');
    const [schedule] = await t.db.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [REDERIVE_JOB]);
    expect(schedule).toEqual({ cron: '0 2 * * *', timezone: 'Europe/London' });
    await jobs.stop();
  });
});

describe('demo assessments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives most solutions Accredited, some Conditional, exactly one Lapsed and one Failed; re-running does nothing', async () => {
    const f = await pickCapability(t.db);
    for (let n = 921; n <= 929; n++) await createItem(t.db, `10000-${n}`, [f.capabilityId], f.mustEpics);
    const ids = (
      await t.db.query(
        `SELECT id FROM catalogue_items WHERE type = 'solution' AND live_version_id IS NOT NULL AND publication_status IN ('published','in_remediation') ORDER BY id`,
      )
    ).map((r: { id: string }) => r.id);
    // Clear any demo results from the template so the whole set is seeded here.
    for (const table of ['capability_assessments', 'epic_assessments', 'standard_assessments']) await t.db.query(`DELETE FROM ${table}`);
    await t.db.query(`UPDATE catalogue_items SET accreditation_status = NULL, accreditation_reason = NULL`);

    const counts = await seedDemoAssessments(t.db);
    expect(counts.lapsed).toBe(1);
    expect(counts.failed).toBe(1);
    expect(counts.conditional).toBeGreaterThanOrEqual(1);
    expect(counts.accredited).toBeGreaterThan(counts.conditional + 2);
    const stored = await t.db.query(`SELECT accreditation_status AS s, count(*)::int AS n FROM catalogue_items WHERE id = ANY($1) GROUP BY 1`, [ids]);
    const byStatus = Object.fromEntries(stored.map((r: { s: string; n: number }) => [r.s, r.n]));
    expect(byStatus).toMatchObject({ lapsed: 1, failed: 1, conditional: counts.conditional, accredited: counts.accredited });
    expect(await searchStatus(t.db, ids[1])).toBe('lapsed');

    expect(await seedDemoAssessments(t.db)).toEqual({ accredited: 0, conditional: 0, lapsed: 0, failed: 0 });
  });

  it('finds nothing to do without solutions', async () => {
    const { db, close } = await createTestDataSource();
    try {
      await db.query(`UPDATE catalogue_items SET publication_status = 'unpublished'`);
      expect(await seedDemoAssessments(db)).toEqual({ accredited: 0, conditional: 0, lapsed: 0, failed: 0 });
    } finally {
      await close();
    }
  });
});
