import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { AppModule } from '../../app.module';
import { Roles } from '../auth/auth.decorators';
import { DomainError } from '../errors/domain-error';
import { JobsService } from '../jobs/jobs.service';
import { Idempotent } from './idempotency.decorator';
import { IDEMPOTENCY_PURGE_JOB } from './idempotency.module';
import { IdempotencyService } from './idempotency.service';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

// A test-only controller, added to the app for this file: counts how often each handler really runs.
const calls = { required: 0, refused: 0, flaky: 0, slow: 0, located: 0 };
let releaseSlow: () => void = () => undefined;

@Roles('practice_manager', 'commissioner')
@Controller('idempotency-probe')
class IdempotencyProbeController {
  @Post('required')
  @Idempotent({ required: true })
  required(@Body() body: object) {
    calls.required++;
    return { run: calls.required, echo: body };
  }

  @Post('refused')
  @Idempotent()
  refused() {
    calls.refused++;
    throw new DomainError(400, 'probe-refused', 'Refused', `Refused on run ${calls.refused}`);
  }

  /** Fails with an unexpected error on its first run only. */
  @Post('flaky')
  @Idempotent()
  flaky() {
    calls.flaky++;
    if (calls.flaky === 1) throw new Error('boom');
    return { run: calls.flaky };
  }

  @Post('slow')
  @Idempotent()
  async slow() {
    calls.slow++;
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return { run: calls.slow };
  }

  @Post('located')
  @HttpCode(202)
  @Idempotent()
  located(@Res({ passthrough: true }) res: Response) {
    calls.located++;
    res.setHeader('Location', `/api/things/${calls.located}`);
    return { run: calls.located };
  }
}

describe('Idempotency-Key on creating writes', () => {
  let t: TestApp;
  let pm: Session;
  let commissioner: Session;
  let vendor: Session;

  beforeAll(async () => {
    const forRoot = AppModule.forRoot.bind(AppModule);
    jest.spyOn(AppModule, 'forRoot').mockImplementation((config) => {
      const m = forRoot(config);
      return { ...m, controllers: [...(m.controllers ?? []), IdempotencyProbeController] };
    });
    t = await createTestApp();
    [pm, commissioner, vendor] = await Promise.all([t.signIn(DEMO.practiceManager), t.signIn(DEMO.commissioner), t.signIn(DEMO.vendor)]);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const post = (s: Session, url: string, body: object, key?: string) => {
    const r = s.agent.post(url).set('X-CSRF-Token', s.csrf);
    if (key !== undefined) r.set('Idempotency-Key', key);
    return r.send(body);
  };
  const createShortlist = (s: Session, body: object, key?: string) => post(s, '/api/shortlists', body, key);
  const shortlistsNamed = async (name: string) =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM shortlists WHERE name = $1`, [name]))[0].n);
  const keyRows = async (key: string) => t.db.query(`SELECT * FROM idempotency_keys WHERE key = $1`, [key]);

  it('replays the first response, with Idempotent-Replayed, and creates the shortlist once', async () => {
    const key = randomUUID();
    const first = await createShortlist(pm, { name: 'Idempotent list' }, key).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await createShortlist(pm, { name: 'Idempotent list' }, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    expect(again.body).toEqual(first.body);
    expect(await shortlistsNamed('Idempotent list')).toBe(1);

    const [row] = await keyRows(key);
    expect(row).toMatchObject({ principal: expect.stringMatching(/^user:/), method: 'POST', path: '/api/shortlists', status: 'completed', response_status: 201 });
    expect(row.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    // Without a key, the same request is an ordinary one (here: the name is now taken).
    const plain = await createShortlist(pm, { name: 'Idempotent list' }).expect(409);
    expect(plain.headers['idempotent-replayed']).toBeUndefined();
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const key = randomUUID();
    await createShortlist(pm, { name: 'Order A', filters: { q: 'x', capability: ['C5'] } }, key).expect(201);
    await createShortlist(pm, { filters: { capability: ['C5'], q: 'x' }, name: 'Order A' }, key).expect(201).expect('Idempotent-Replayed', 'true');
    expect(await shortlistsNamed('Order A')).toBe(1);
  });

  it('refuses the same key with a different body: 422 problem+json', async () => {
    const key = randomUUID();
    await createShortlist(pm, { name: 'First use' }, key).expect(201);
    const res = await createShortlist(pm, { name: 'Second use' }, key).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 422, code: 'idempotency-key-reused', type: 'urn:gpit:problem:idempotency-key-reused', title: expect.stringMatching(/different request/) });
    expect(await shortlistsNamed('Second use')).toBe(0);

    // ...and the same key on another endpoint is a different request too.
    await post(vendor, '/api/vendor/items', { type: 'solution', name: 'Keyed' }, key).expect(201); // vendor: another principal
    await post(pm, '/api/organisations/A81001/invitations', { email: 'reuse@densham.test' }, key).expect(422);
  });

  it('lets exactly one of two concurrent requests with one key create the shortlist', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([createShortlist(pm, { name: 'Concurrent' }, key), createShortlist(pm, { name: 'Concurrent' }, key)]);
    const statuses = [a.status, b.status].sort();
    expect([[201, 201], [201, 409]]).toContainEqual(statuses);
    for (const r of [a, b]) {
      if (r.status === 409) {
        expect(r.body.code).toBe('idempotency-key-in-progress');
        expect(r.headers['retry-after']).toBe('1');
      }
    }
    if (a.status === 201 && b.status === 201) expect(a.body.id).toBe(b.body.id);
    expect(await shortlistsNamed('Concurrent')).toBe(1);
  });

  it('answers 409 with Retry-After while the first request is still running, then replays', async () => {
    const key = randomUUID();
    const first = post(pm, '/api/idempotency-probe/slow', {}, key).then((r) => r);
    while (calls.slow === 0) await new Promise((r) => setTimeout(r, 10));
    const busy = await post(pm, '/api/idempotency-probe/slow', {}, key).expect(409);
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(busy.body).toMatchObject({ code: 'idempotency-key-in-progress', status: 409 });
    releaseSlow();
    expect((await first).status).toBe(201);
    const replay = await post(pm, '/api/idempotency-probe/slow', {}, key).expect(201).expect('Idempotent-Replayed', 'true');
    expect(replay.body).toEqual({ run: 1 });
    expect(calls.slow).toBe(1);
  });

  it('refuses a malformed key with 400 problem+json naming the header', async () => {
    for (const bad of ['', '""', 'x'.repeat(256), 'café', '"unterminated\\"']) {
      const res = await createShortlist(pm, { name: 'Bad key' }, bad).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'idempotency-key-invalid', errors: [{ field: 'Idempotency-Key' }] });
      expect(res.body.detail).toMatch(/Idempotency-Key/);
    }
    expect(await shortlistsNamed('Bad key')).toBe(0);
    // 255 characters and the Structured Field (quoted) form are fine
    await createShortlist(pm, { name: 'Long key' }, 'k'.repeat(255)).expect(201);
    await createShortlist(pm, { name: 'Quoted key' }, '"quoted-key-1"').expect(201);
    expect((await keyRows('quoted-key-1')).length).toBe(1);
  });

  it('refuses a request without a key where the key is required', async () => {
    const res = await post(pm, '/api/idempotency-probe/required', { a: 1 }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'idempotency-key-missing', errors: [{ field: 'Idempotency-Key' }] });
    expect(calls.required).toBe(0);
    const key = randomUUID();
    await post(pm, '/api/idempotency-probe/required', { a: 1 }, key).expect(201);
    await post(pm, '/api/idempotency-probe/required', { a: 1 }, key).expect(201).expect('Idempotent-Replayed', 'true');
    expect(calls.required).toBe(1);
  });

  it('replays a 4xx as the same problem, without running the handler again', async () => {
    const key = randomUUID();
    const first = await post(pm, '/api/idempotency-probe/refused', {}, key).expect(400);
    const again = await post(pm, '/api/idempotency-probe/refused', {}, key).expect(400);
    expect(calls.refused).toBe(1);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toEqual(first.body);
    expect(again.body).toMatchObject({ code: 'probe-refused', detail: 'Refused on run 1' });

    // A validation error (from the pipe, inside the interceptor) is stored and replayed too.
    const vkey = randomUUID();
    const invalid = await createShortlist(pm, { name: '' }, vkey).expect(400);
    expect(invalid.body.code).toBe('validation-error');
    const replayed = await createShortlist(pm, { name: '' }, vkey).expect(400).expect('Idempotent-Replayed', 'true');
    expect(replayed.body).toEqual(invalid.body);
  });

  it('does not store a 5xx: the retry with the same key runs again', async () => {
    const key = randomUUID();
    const failed = await post(pm, '/api/idempotency-probe/flaky', {}, key).expect(500);
    expect(failed.body.code).toBe('internal-error');
    expect(await keyRows(key)).toEqual([]);
    const retried = await post(pm, '/api/idempotency-probe/flaky', {}, key).expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body).toEqual({ run: 2 });
    await post(pm, '/api/idempotency-probe/flaky', {}, key).expect(201).expect('Idempotent-Replayed', 'true');
    expect(calls.flaky).toBe(2);
  });

  it('replays the status and Location header the handler set', async () => {
    const key = randomUUID();
    const first = await post(pm, '/api/idempotency-probe/located', {}, key).expect(202);
    expect(first.headers.location).toBe('/api/things/1');
    const again = await post(pm, '/api/idempotency-probe/located', {}, key).expect(202).expect('Idempotent-Replayed', 'true');
    expect(again.headers.location).toBe('/api/things/1');
    expect(calls.located).toBe(1);
  });

  it('scopes keys to the user: another user with the same key creates their own', async () => {
    const key = randomUUID();
    const a = await createShortlist(pm, { name: 'Scoped' }, key).expect(201);
    const b = await createShortlist(commissioner, { name: 'Scoped' }, key).expect(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.id).not.toBe(a.body.id);
    expect(await shortlistsNamed('Scoped')).toBe(2);
    expect((await keyRows(key)).length).toBe(2);
  });

  it('checks CSRF before the key: a refused write leaves no key behind', async () => {
    const key = randomUUID();
    await pm.agent.post('/api/shortlists').set('Idempotency-Key', key).send({ name: 'No CSRF' }).expect(403);
    expect(await keyRows(key)).toEqual([]);
    await createShortlist(pm, { name: 'No CSRF' }, key).expect(201);
  });

  it('makes catalogue item creation and invitations idempotent', async () => {
    const itemKey = randomUUID();
    const item = await post(vendor, '/api/vendor/items', { type: 'solution', name: 'Idempotent solution' }, itemKey).expect(201);
    const itemAgain = await post(vendor, '/api/vendor/items', { type: 'solution', name: 'Idempotent solution' }, itemKey).expect(201).expect('Idempotent-Replayed', 'true');
    expect(itemAgain.body.id).toBe(item.body.id);
    const [{ n: items }] = await t.db.query(`SELECT count(*)::int AS n FROM listing_versions WHERE content->>'name' = $1`, ['Idempotent solution']);
    expect(items).toBe(1);

    const inviteKey = randomUUID();
    await post(pm, '/api/organisations/A81001/invitations', { email: 'once@densham.test' }, inviteKey).expect(201);
    await post(pm, '/api/organisations/A81001/invitations', { email: 'once@densham.test' }, inviteKey).expect(201).expect('Idempotent-Replayed', 'true');
    const [{ n: invitations }] = await t.db.query(`SELECT count(*)::int AS n FROM invitations WHERE email = 'once@densham.test'`);
    expect(invitations).toBe(1);
  });

  it('forgets keys after 24 hours: expired keys behave as new, and the daily job purges them', async () => {
    const key = randomUUID();
    const first = await createShortlist(pm, { name: 'Expiring' }, key).expect(201);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    // expired: the request runs again (the name is now taken, so this time it is a 409 conflict)
    const again = await createShortlist(pm, { name: 'Expiring' }, key).expect(409);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.code).not.toBe('idempotency-key-in-progress');
    expect(first.body.id).toBeDefined();

    const old = randomUUID();
    const fresh = randomUUID();
    await createShortlist(pm, { name: 'Old key' }, old).expect(201);
    await createShortlist(pm, { name: 'Fresh key' }, fresh).expect(201);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '24 hours 1 minute' WHERE key = $1`, [old]);
    const purged = await t.app.get(IdempotencyService).purgeExpired();
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await keyRows(old)).toEqual([]);
    expect((await keyRows(fresh)).length).toBe(1);
  });

  it('purges through the daily pg-boss job', async () => {
    const old = randomUUID();
    await createShortlist(pm, { name: 'Purged by the job' }, old).expect(201);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '2 days' WHERE key = $1`, [old]);
    const jobs = t.app.get(JobsService);
    await jobs.start({ pollingIntervalSeconds: 0.5 });
    try {
      const id = await jobs.send(IDEMPOTENCY_PURGE_JOB);
      let state: string | null = null;
      for (let i = 0; i < 60 && state !== 'completed' && state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        state = await jobs.state(IDEMPOTENCY_PURGE_JOB, id!);
      }
      expect(state).toBe('completed');
      expect(await keyRows(old)).toEqual([]);
      const [schedule] = await t.db.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [IDEMPOTENCY_PURGE_JOB]);
      expect(schedule).toEqual({ cron: '30 3 * * *', timezone: 'Europe/London' });
    } finally {
      await jobs.stop();
    }
  });
});
