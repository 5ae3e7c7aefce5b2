import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { FIXTURE, insertSearchFixture, publishNewVersion } from './search.fixtures';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

describe('shortlists (buyers, scoped to their organisation)', () => {
  let t: TestApp;
  let practice: Session;
  let commissioner: Session;
  let vendor: Session;

  beforeAll(async () => {
    t = await createTestApp();
    await insertSearchFixture(t.db);
    await t.db.query(`DELETE FROM catalogue_search WHERE NOT (item_id = ANY($1::text[]))`, [Object.values(FIXTURE)]);
    [practice, commissioner, vendor] = await Promise.all([t.signIn(DEMO.practiceManager), t.signIn(DEMO.commissioner), t.signIn(DEMO.vendor)]);
  });
  afterAll(() => t.close());

  const create = (s: Session, body: object) => s.agent.post('/api/shortlists').set('X-CSRF-Token', s.csrf).send(body);

  it('saves a search with chosen items, recording the listing versions seen, and reopens it', async () => {
    const res = await create(practice, {
      name: 'Online appointments',
      filters: { q: 'appointments', capability: ['C5'], hostingType: ['PublicCloud', 'OnPremise'] },
      itemIds: [FIXTURE.plus, FIXTURE.reminders],
    }).expect(201);
    const [plusVersion] = await t.db.query(`SELECT live_version_id AS id FROM catalogue_items WHERE id = $1`, [FIXTURE.plus]);
    expect(res.body).toMatchObject({
      name: 'Online appointments',
      filters: { q: 'appointments', capability: ['C5'], hostingType: ['PublicCloud', 'OnPremise'] },
      itemCount: 2,
      createdByName: expect.any(String),
    });
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: FIXTURE.plus, name: 'Appointments Plus', supplierName: 'EMIS Health', savedVersionId: plusVersion.id, savedVersion: 1, liveVersionId: plusVersion.id, newerVersionLive: false, listed: true }),
      expect.objectContaining({ id: FIXTURE.reminders, listed: true, newerVersionLive: false }),
    ]);
    expect(res.body.results.items.map((i: { id: string }) => i.id).sort()).toEqual([FIXTURE.plus, FIXTURE.scheduler].sort());
    expect(res.body.results.total).toBe(2);

    const [audit] = await t.db.query(`SELECT action, object_id, after FROM audit_events WHERE action = 'shortlist.created' AND object_id = $1`, [res.body.id]);
    expect(audit.after).toMatchObject({ name: 'Online appointments', items: [{ itemId: FIXTURE.plus, versionId: plusVersion.id }, { itemId: FIXTURE.reminders }] });

    // A newer version goes live: the shortlist still records what the buyer saw, and says so.
    const v2 = await publishNewVersion(t.db, FIXTURE.plus, { summary: 'Now with video consultations.' });
    const again = await practice.agent.get(`/api/shortlists/${res.body.id}`).expect(200);
    expect(again.body.items[0]).toMatchObject({ id: FIXTURE.plus, savedVersionId: plusVersion.id, liveVersionId: v2, newerVersionLive: true });

    const list = await practice.agent.get('/api/shortlists').expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, items: [{ id: res.body.id, name: 'Online appointments', itemCount: 2 }] });
  });

  it('downloads the saved search’s results plus chosen items as CSV', async () => {
    const created = await create(practice, { name: 'CSV check', filters: { hostingType: ['OnPremise'] }, itemIds: [FIXTURE.reminders] }).expect(201);
    const res = await practice.agent.get(`/api/shortlists/${created.body.id}/results.csv`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="shortlist-CSV-check.csv"');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('Chosen,ID,Name,Supplier,Publication status,Accreditation,Capabilities,Frameworks,Integrations,Application types,Hosting types,Version saved,Newer version live');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`No,${FIXTURE.scheduler},Clinic Scheduler,EMIS Health,published,conditional,C5,TIF001; DFOCVC001,IM1: Transactional,Desktop,On premise,,`);
    expect(lines[2]).toMatch(new RegExp(`^Yes,${FIXTURE.reminders},Appointment Reminders SMS,Involve,listed,`));
  });

  it('renames, replaces filters and items, and deletes, with audit', async () => {
    const created = await create(commissioner, { name: 'ICB list', itemIds: [FIXTURE.plus] }).expect(201);
    const id = created.body.id;
    const updated = await commissioner.agent
      .put(`/api/shortlists/${id}`)
      .set('X-CSRF-Token', commissioner.csrf)
      .send({ name: 'ICB list 2026', filters: { supplier: ['10001'] }, itemIds: [FIXTURE.plus, FIXTURE.prescriptions] })
      .expect(200);
    expect(updated.body).toMatchObject({ name: 'ICB list 2026', filters: { supplier: ['10001'] }, itemCount: 2 });
    expect(updated.body.results.total).toBe(2);
    // the item already chosen keeps the version recorded when it was chosen
    expect(updated.body.items.map((i: { id: string }) => i.id)).toEqual([FIXTURE.plus, FIXTURE.prescriptions]);
    expect(updated.body.items[0].savedVersionId).toBe(created.body.items[0].savedVersionId);

    await commissioner.agent.delete(`/api/shortlists/${id}`).set('X-CSRF-Token', commissioner.csrf).expect(204);
    await commissioner.agent.get(`/api/shortlists/${id}`).expect(404);
    const actions = (await t.db.query(`SELECT action FROM audit_events WHERE object_id = $1 ORDER BY id`, [id])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(['shortlist.created', 'shortlist.updated', 'shortlist.deleted']);
  });

  it('keeps names unique per organisation, ignoring case', async () => {
    await create(practice, { name: 'Unique name' }).expect(201);
    const dup = await create(practice, { name: 'UNIQUE NAME' }).expect(409);
    expect(dup.body.code).toBe('shortlist-name-taken');
    await create(commissioner, { name: 'Unique name' }).expect(201); // another organisation may use it
  });

  it("hides another organisation's shortlists (404) and refuses vendors (403) and anonymous users (401)", async () => {
    const mine = await create(practice, { name: 'Private' }).expect(201);
    const id = mine.body.id;
    await commissioner.agent.get(`/api/shortlists/${id}`).expect(404);
    await commissioner.agent.get(`/api/shortlists/${id}/results.csv`).expect(404);
    await commissioner.agent.put(`/api/shortlists/${id}`).set('X-CSRF-Token', commissioner.csrf).send({ name: 'Mine now' }).expect(404);
    await commissioner.agent.delete(`/api/shortlists/${id}`).set('X-CSRF-Token', commissioner.csrf).expect(404);
    const theirs = await commissioner.agent.get('/api/shortlists?pageSize=100').expect(200);
    expect(theirs.body.items.map((s: { id: string }) => s.id)).not.toContain(id);

    await vendor.agent.get('/api/shortlists').expect(403);
    await create(vendor, { name: 'Vendor list' }).expect(403);
    await t.http().get('/api/shortlists').expect(401);
    await t.http().get(`/api/shortlists/${id}`).expect(401);
    await t.http().post('/api/shortlists').send({ name: 'x' }).expect(401);
    await practice.agent.post('/api/shortlists').send({ name: 'No CSRF' }).expect(403);
  });

  it('validates names, filters and items', async () => {
    const noName = await create(practice, {}).expect(400);
    expect(noName.body.errors.map((e: { field: string }) => e.field)).toContain('name');
    const blank = await create(practice, { name: '   ' }).expect(400);
    expect(blank.body.errors[0].field).toBe('name');
    const badFilter = await create(practice, { name: 'Bad filter', filters: { capability: ['C999'] } }).expect(400);
    expect(badFilter.body.errors).toEqual([{ field: 'filters.capability', message: 'C999 is not a known capability' }]);
    const unknownFilter = await create(practice, { name: 'Unknown', filters: { colour: 'red' } }).expect(400);
    expect(unknownFilter.body.errors[0].field).toBe('filters.colour');
    const draft = await create(practice, { name: 'Draft item', itemIds: [FIXTURE.draft] }).expect(400);
    expect(draft.body.errors).toEqual([{ field: 'itemIds', message: `${FIXTURE.draft} is not a listed catalogue item` }]);
    await create(practice, { name: 'Extra', extra: true }).expect(400);
    await practice.agent.get('/api/shortlists/not-a-uuid').expect(400);
    await practice.agent.get('/api/shortlists/00000000-0000-4000-8000-000000000999').expect(404);
    await practice.agent.get('/api/shortlists?sort=colour').expect(400);
    const names = await t.db.query(`SELECT name FROM shortlists WHERE name IN ('Draft item', 'Bad filter')`);
    expect(names).toEqual([]);
  });
});
