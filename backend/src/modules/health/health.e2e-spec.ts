import { createTestApp, TestApp } from '../../../test/test-app';

describe('health and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness with a request id', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/.+/);
  });

  it('answers readiness when the database is reachable', async () => {
    await t.http().get('/api/ready').expect(200, { status: 'ok' });
  });

  it('answers unknown routes with problem+json', async () => {
    const res = await t.http().get('/api/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not-found', title: expect.any(String) });
  });

  it('refuses malformed JSON with problem+json', async () => {
    const res = await t.http().post('/api/auth/sign-in').set('content-type', 'application/json').send('{"email":').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
