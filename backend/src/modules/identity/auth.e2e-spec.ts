import { createTestApp, DEMO, DEMO_PASSWORD, TestApp } from '../../../test/test-app';

const PROBLEM = /application\/problem\+json/;

describe('sign-in, sessions and lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    [DEMO.practiceManager, 'practice_manager', 'A81001'],
    [DEMO.commissioner, 'commissioner', 'QHM'],
    [DEMO.vendor, 'vendor', '10000'],
    [DEMO.operator, 'operator', 'GPITM'],
  ])('%s signs in as %s for %s', async (email, role, code) => {
    const res = await t.http().post('/api/auth/sign-in').send({ email, password: DEMO_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ role, organisation: { code }, user: { email } });
    expect(res.body.csrfToken).toHaveLength(43);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/gpit_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // Secure only outside development and test over plain http.
    expect(cookie).not.toMatch(/Secure/);
    const session = await t.http().get('/api/auth/session').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(session.body).toMatchObject({ role, organisation: { code } });
  });

  it('sets Secure on the cookie when configured for production-like use', async () => {
    const secure = await createTestApp({ COOKIE_SECURE: 'true' });
    try {
      const res = await secure.http().post('/api/auth/sign-in').send({ email: DEMO.vendor, password: DEMO_PASSWORD }).expect(200);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('answers 401 problem+json without a session', async () => {
    const res = await t.http().get('/api/auth/session').expect(401);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('refuses unknown fields and bad emails field by field', async () => {
    const res = await t.http().post('/api/auth/sign-in').send({ email: 'not-an-email', password: 'x', admin: true }).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('validation-error');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'admin']));
  });

  it('does not say whether an email exists', async () => {
    const unknown = await t.http().post('/api/auth/sign-in').send({ email: 'nobody@example.test', password: 'whatever-password' }).expect(401);
    const wrong = await t.http().post('/api/auth/sign-in').send({ email: DEMO.commissioner, password: 'wrong-password-1' }).expect(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    // Clear the failure so the next tests start from zero.
    await t.http().post('/api/auth/sign-in').send({ email: DEMO.commissioner, password: DEMO_PASSWORD }).expect(200);
  });

  it('locks an account after 5 failures for 15 minutes; the 6th attempt is refused even with the right password', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await t.http().post('/api/auth/sign-in').send({ email: DEMO.vendor, password: `wrong-${i}-password` });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid-credentials');
    }
    const locked = await t.http().post('/api/auth/sign-in').send({ email: DEMO.vendor, password: DEMO_PASSWORD }).expect(423);
    expect(locked.headers['content-type']).toMatch(PROBLEM);
    expect(locked.body.code).toBe('account-locked');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const [{ failed, lockedEvents }] = await t.db.query(
      `SELECT count(*) FILTER (WHERE action = 'auth.sign-in.failed')::int AS failed,
              count(*) FILTER (WHERE action = 'auth.account-locked')::int AS "lockedEvents"
         FROM audit_events WHERE actor_email = $1`,
      [DEMO.vendor],
    );
    expect(failed).toBe(6);
    expect(lockedEvents).toBe(1);

    // After the lock expires the right password works again.
    await t.db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE email = $1`, [DEMO.vendor]);
    await t.http().post('/api/auth/sign-in').send({ email: DEMO.vendor, password: DEMO_PASSWORD }).expect(200);
  });

  it('requires the CSRF token for cookie-authenticated writes, then signs out', async () => {
    const { agent, csrf } = await t.signIn(DEMO.practiceManager);
    const refused = await agent.post('/api/auth/sign-out').expect(403);
    expect(refused.body.code).toBe('csrf-failed');
    await agent.post('/api/auth/sign-out').set('X-CSRF-Token', 'x'.repeat(43)).expect(403);
    const out = await agent.post('/api/auth/sign-out').set('X-CSRF-Token', csrf).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/gpit_session=;/);
    await agent.get('/api/auth/session').expect(401);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.sign-out' AND actor_email = $1`, [DEMO.practiceManager]);
    expect(n).toBe(1);
  });

  it('records sign-ins in the audit trail with the request id', async () => {
    const res = await t.http().post('/api/auth/sign-in').set('X-Request-Id', 'test-req-123').send({ email: DEMO.operator, password: DEMO_PASSWORD }).expect(200);
    expect(res.headers['x-request-id']).toBe('test-req-123');
    const rows = await t.db.query(`SELECT actor_email, action, request_id FROM audit_events WHERE request_id = 'test-req-123'`);
    expect(rows).toEqual([{ actor_email: DEMO.operator, action: 'auth.sign-in', request_id: 'test-req-123' }]);
  });

  it('keeps the audit trail append-only in the database', async () => {
    await expect(t.db.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});

describe('per-IP sign-in throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ IP_SIGN_IN_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('throttles an IP after too many failures across accounts', async () => {
    for (const email of ['a@example.test', 'b@example.test', 'c@example.test']) {
      await t.http().post('/api/auth/sign-in').send({ email, password: 'wrong-password' }).expect(401);
    }
    const res = await t.http().post('/api/auth/sign-in').send({ email: DEMO.operator, password: DEMO_PASSWORD }).expect(429);
    expect(res.body.code).toBe('too-many-attempts');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
