import { createTestApp, DEMO, TestApp } from '../../../test/test-app';

async function invitationToken(t: TestApp, to: string): Promise<string> {
  const res = await t.http().get('/api/dev/mailbox').query({ to }).expect(200);
  const match = String(res.body.items[0]?.text).match(/\/invitations\/([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no invitation mail to ${to}`);
  return match[1];
}

describe('invitations, membership and role changes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('an operator invites the first user of a practice, who accepts and is signed in', async () => {
    const op = await t.signIn(DEMO.operator);
    const inv = await op.agent
      .post('/api/organisations/A81002/invitations')
      .set('X-CSRF-Token', op.csrf)
      .send({ email: 'first.user@queenspark.test', isAdmin: true })
      .expect(201);
    expect(inv.body).toMatchObject({ email: 'first.user@queenspark.test', role: 'practice_manager', isAdmin: true });

    const token = await invitationToken(t, 'first.user@queenspark.test');
    const preview = await t.http().get(`/api/invitations/${token}`).expect(200);
    expect(preview.body).toMatchObject({ organisation: { code: 'A81002' }, role: 'practice_manager', existingUser: false });

    const weak = await t.http().post('/api/invitations/accept').send({ token, name: 'Fi Rst', password: 'short' }).expect(400);
    expect(weak.body.errors[0].field).toBe('password');
    const nameless = await t.http().post('/api/invitations/accept').send({ token, password: 'Queens-park-password-1' }).expect(400);
    expect(nameless.body.errors).toEqual([{ field: 'name', message: 'Enter your full name' }]);

    const accepted = await t.http().post('/api/invitations/accept').send({ token, name: 'Fiona First', password: 'Queens-park-password-1' }).expect(200);
    expect(accepted.body).toMatchObject({ role: 'practice_manager', isAdmin: true, organisation: { code: 'A81002' }, user: { name: 'Fiona First' } });
    expect(String(accepted.headers['set-cookie'])).toMatch(/gpit_session=/);

    await t.http().post('/api/invitations/accept').send({ token, name: 'Again', password: 'Queens-park-password-1' }).expect(404);
    const actions = (await t.db.query(`SELECT action FROM audit_events WHERE object_type = 'invitation' ORDER BY id`)).map((r: { action: string }) => r.action);
    expect(actions).toEqual(['invitation.created', 'invitation.accepted']);
  });

  it('an organisation admin invites a colleague; a non-admin cannot', async () => {
    const pm = await t.signIn(DEMO.practiceManager);
    await pm.agent.post('/api/organisations/A81001/invitations').set('X-CSRF-Token', pm.csrf).send({ email: 'colleague@densham.test' }).expect(201);
    await pm.agent.post('/api/organisations/A81002/invitations').set('X-CSRF-Token', pm.csrf).send({ email: 'x@densham.test' }).expect(404);
    const token = await invitationToken(t, 'colleague@densham.test');
    const colleague = await t.http().post('/api/invitations/accept').send({ token, name: 'Colin League', password: 'Densham-password-22' }).expect(200);
    expect(colleague.body.isAdmin).toBe(false);

    const c = await t.signIn('colleague@densham.test', 'Densham-password-22');
    const refused = await c.agent.post('/api/organisations/A81001/invitations').set('X-CSRF-Token', c.csrf).send({ email: 'y@densham.test' }).expect(403);
    expect(refused.body.code).toBe('forbidden');
    await c.agent.get('/api/organisations/A81001/members').expect(403);
  });

  it('an admin changes a member’s role, audited with before and after; the last admin stays', async () => {
    const pm = await t.signIn(DEMO.practiceManager);
    const members = await pm.agent.get('/api/organisations/A81001/members').expect(200);
    const colleague = members.body.items.find((m: { email: string }) => m.email === 'colleague@densham.test');
    expect(colleague).toMatchObject({ isAdmin: false, role: 'practice_manager' });

    const res = await pm.agent.patch(`/api/organisations/A81001/members/${colleague.userId}`).set('X-CSRF-Token', pm.csrf).send({ isAdmin: true }).expect(200);
    expect(res.body.isAdmin).toBe(true);
    const [event] = await t.db.query(`SELECT before, after, actor_email FROM audit_events WHERE action = 'membership.role-changed' ORDER BY id DESC LIMIT 1`);
    expect(event).toMatchObject({ actor_email: DEMO.practiceManager, before: { isAdmin: false }, after: { isAdmin: true } });

    await pm.agent.patch(`/api/organisations/A81001/members/${colleague.userId}`).set('X-CSRF-Token', pm.csrf).send({ isAdmin: false }).expect(200);
    const me = members.body.items.find((m: { email: string }) => m.email === DEMO.practiceManager);
    const last = await pm.agent.patch(`/api/organisations/A81001/members/${me.userId}`).set('X-CSRF-Token', pm.csrf).send({ isAdmin: false }).expect(409);
    expect(last.body.code).toBe('last-admin');
  });

  it('refuses invitations to organisations that cannot have users', async () => {
    const op = await t.signIn(DEMO.operator);
    const res = await op.agent.post('/api/organisations/U89141/invitations').set('X-CSRF-Token', op.csrf).send({ email: 'pcn@example.test' }).expect(400);
    expect(res.body.code).toBe('no-users-for-type');
  });

  it('an existing user accepts with their own password and can switch organisation', async () => {
    const op = await t.signIn(DEMO.operator);
    await op.agent.post('/api/organisations/QHM/invitations').set('X-CSRF-Token', op.csrf).send({ email: DEMO.practiceManager }).expect(201);
    const token = await invitationToken(t, DEMO.practiceManager);
    const preview = await t.http().get(`/api/invitations/${token}`).expect(200);
    expect(preview.body.existingUser).toBe(true);
    await t.http().post('/api/invitations/accept').send({ token, name: 'ignored', password: 'not-their-password' }).expect(400);
    // An existing account needs no name.
    const accepted = await t.http().post('/api/invitations/accept').send({ token, password: 'Demo-password-2026' }).expect(200);
    expect(accepted.body.memberships).toHaveLength(2);
    expect(accepted.body).toMatchObject({ role: 'commissioner', organisation: { code: 'QHM' } });

    const pm = await t.signIn(DEMO.practiceManager);
    const target = accepted.body.memberships.find((m: { organisation: { code: string } }) => m.organisation.code === 'QHM');
    const switched = await pm.agent.put('/api/auth/session/membership').set('X-CSRF-Token', pm.csrf).send({ membershipId: target.id }).expect(200);
    expect(switched.body).toMatchObject({ role: 'commissioner', organisation: { code: 'QHM' } });
    await pm.agent.get('/api/organisations').query({ type: 'practice', pageSize: 1 }).expect(200);
  });
});
