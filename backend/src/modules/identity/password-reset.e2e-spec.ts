import { createTestApp, DEMO, DEMO_PASSWORD, TestApp } from '../../../test/test-app';

async function latestLink(t: TestApp, to: string, path: string): Promise<string> {
  const res = await t.http().get('/api/dev/mailbox').query({ to }).expect(200);
  const text: string = res.body.items[0]?.text ?? '';
  const match = text.match(new RegExp(`${path}/([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in mail to ${to}: ${text}`);
  return match[1];
}

describe('password reset by emailed link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 202 for unknown emails and sends nothing', async () => {
    await t.http().post('/api/auth/password-reset').send({ email: 'nobody@example.test' }).expect(202);
    const res = await t.http().get('/api/dev/mailbox').query({ to: 'nobody@example.test' }).expect(200);
    expect(res.body.total).toBe(0);
  });

  it('resets the password, ends existing sessions, and the link works once', async () => {
    const { agent } = await t.signIn(DEMO.commissioner);
    await t.http().post('/api/auth/password-reset').send({ email: DEMO.commissioner.toUpperCase() }).expect(202);
    const token = await latestLink(t, DEMO.commissioner, '/reset-password');

    const weak = await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'short' }).expect(400);
    expect(weak.body.errors).toEqual([{ field: 'password', message: 'Password must be at least 12 characters' }]);

    await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'A-brand-new-password-1' }).expect(204);
    await agent.get('/api/auth/session').expect(401);
    await t.http().post('/api/auth/sign-in').send({ email: DEMO.commissioner, password: DEMO_PASSWORD }).expect(401);
    await t.http().post('/api/auth/sign-in').send({ email: DEMO.commissioner, password: 'A-brand-new-password-1' }).expect(200);

    const again = await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'Another-password-22' }).expect(400);
    expect(again.body.code).toBe('invalid-token');
    const actions = (await t.db.query(`SELECT action FROM audit_events WHERE actor_email = $1 ORDER BY id`, [DEMO.commissioner])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.password-reset.requested', 'auth.password-reset.completed']));
  });

  it('unlocks a locked account', async () => {
    for (let i = 0; i < 5; i++) await t.http().post('/api/auth/sign-in').send({ email: DEMO.vendor, password: 'wrong-password-x' });
    await t.http().post('/api/auth/sign-in').send({ email: DEMO.vendor, password: DEMO_PASSWORD }).expect(423);
    await t.http().post('/api/auth/password-reset').send({ email: DEMO.vendor }).expect(202);
    const token = await latestLink(t, DEMO.vendor, '/reset-password');
    const containsEmail = await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'Vendor-new-password-9' }).expect(400);
    expect(containsEmail.body.errors).toEqual([{ field: 'password', message: 'Password must not contain your email address' }]);
    await t.http().post('/api/auth/password-reset/confirm').send({ token, password: 'Supplier-new-password-9' }).expect(204);
    await t.http().post('/api/auth/sign-in').send({ email: DEMO.vendor, password: 'Supplier-new-password-9' }).expect(200);
  });

  it('hides the development mailbox in production', async () => {
    const prod = await createTestApp({ NODE_ENV: 'production' });
    try {
      await prod.http().get('/api/dev/mailbox').expect(404);
    } finally {
      await prod.close();
    }
  });
});
