import { createTestApp, DEMO, TestApp } from '../../../test/test-app';

describe('audit events for operators', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('filters by action, actor, organisation and date', async () => {
    await t.signIn(DEMO.vendor);
    await t.http().post('/api/auth/sign-in').send({ email: DEMO.vendor, password: 'wrong-password-1' }).expect(401);
    const op = await t.signIn(DEMO.operator);

    const failed = await op.agent.get('/api/audit-events').query({ action: 'auth.sign-in.failed' }).expect(200);
    expect(failed.body.total).toBe(1);
    expect(failed.body.items[0]).toMatchObject({ action: 'auth.sign-in.failed', actorEmail: DEMO.vendor, after: { reason: 'wrong-password' } });

    const byActor = await op.agent.get('/api/audit-events').query({ actorEmail: DEMO.vendor.toUpperCase() }).expect(200);
    expect(byActor.body.total).toBe(2);
    const byOrg = await op.agent.get('/api/audit-events').query({ organisation: '10000', action: 'auth.sign-in' }).expect(200);
    expect(byOrg.body.items[0]).toMatchObject({ organisationCode: '10000', organisationName: 'EMIS Health' });
    const future = await op.agent.get('/api/audit-events').query({ from: '2999-01-01' }).expect(200);
    expect(future.body.total).toBe(0);
    await op.agent.get('/api/audit-events').query({ from: 'yesterday' }).expect(400);

    const actions = await op.agent.get('/api/audit-events/actions').expect(200);
    expect(actions.body).toEqual(expect.arrayContaining(['auth.sign-in', 'auth.sign-in.failed']));
  });

  it('is for operators only', async () => {
    const c = await t.signIn(DEMO.commissioner);
    await c.agent.get('/api/audit-events').expect(403);
    await t.http().get('/api/audit-events').expect(401);
  });
});
