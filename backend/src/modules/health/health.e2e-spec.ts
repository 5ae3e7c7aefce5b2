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

  it('answers a request whose address is too long for the HTTP parser with problem+json, not an empty 431', async () => {
    const res = await t.http().get(`/api/catalogue/search?q=${'a'.repeat(20_000)}`).expect(431);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status: 431, code: 'headers-too-large', title: expect.any(String) });
  });

  it('refuses a body nested too deeply with 400, not a stack overflow (found by the hostile-input suite)', async () => {
    const deep = `${'{"a":['.repeat(5000)}"x"${']}'.repeat(5000)}`;
    const res = await t.http().post('/api/auth/sign-in').set('content-type', 'application/json').send(`{"email":${deep},"password":"x"}`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/nests more than 32 levels/);
  });
});
