// PostgreSQL stopped under load: while it is down the API answers 503 problem+json with
// Retry-After, promptly (no request hangs) and without crashing; once PostgreSQL is back the API
// serves normally again within 5 seconds. Its own PostgreSQL server, so stopping it harms no one.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startEmbeddedPostgres } from '../../scripts/lib/postgres.mjs';
import { connect, request, sleep, startApi, stop } from './harness.mjs';

const LOAD_CONNECTIONS = 8;
const BOUND_MS = 3000; // no request during the outage may take longer than this

let dir;
let pgServer;
let api;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gpit-fault-pg-'));
  chmodSync(dir, 0o755);
  pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), log: () => {} });
  const c = await connect(pgServer.url('postgres'));
  await c.query('CREATE DATABASE gpit');
  await c.end();
  // Migrations only (no reference data): the load is sign-in attempts, readiness and catalogue search.
  api = await startApi({ databaseUrl: pgServer.url('gpit'), env: { MIGRATE_ON_START: 'true', JOBS_ENABLED: 'true' }, logName: 'fault-postgres-outage-api' });
});

after(async () => {
  await stop(api?.child);
  await pgServer?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('PostgreSQL stopped under load: 503 problem+json with Retry-After, no hang, no crash; recovery within 5 s', { timeout: 60_000 }, async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: LOAD_CONNECTIONS });
  const results = [];
  let running = true;
  const calls = [
    () => request(api.port, 'GET', '/api/ready', { agent, timeoutMs: 10_000 }),
    () => request(api.port, 'GET', `/api/catalogue/search?q=clinical${results.length}`, { agent, timeoutMs: 10_000 }),
    () => request(api.port, 'POST', '/api/auth/sign-in', { agent, timeoutMs: 10_000, body: { email: 'nobody@example.test', password: 'wrong password' }, headers: { 'x-forwarded-for': `10.0.0.${results.length % 250}` } }),
  ];
  const load = Array.from({ length: LOAD_CONNECTIONS }, async (_, i) => {
    for (let n = i; running; n++) {
      const started = Date.now();
      try {
        const res = await calls[n % calls.length]();
        results.push({ started, ended: Date.now(), status: res.status, type: res.headers['content-type'] ?? '', retryAfter: res.headers['retry-after'], text: res.text });
      } catch (e) {
        results.push({ started, ended: Date.now(), status: 0, error: e.message });
        await sleep(50);
      }
    }
  });

  await sleep(2000);
  const stoppedAt = Date.now();
  await pgServer.stop();
  const downAt = Date.now();
  await sleep(4000);
  // Liveness still answers while the database is away.
  assert.equal((await request(api.port, 'GET', '/api/health')).status, 200);
  const restartAt = Date.now();
  pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: pgServer.port, log: () => {} });
  const upAt = Date.now();
  await sleep(7000);
  running = false;
  await Promise.all(load);
  agent.destroy();

  const ok = (r) => r.status > 0 && r.status < 500;
  const before = results.filter((r) => r.ended < stoppedAt);
  const outage = results.filter((r) => r.started > downAt + 200 && r.ended < restartAt);
  const afterUp = results.filter((r) => r.started >= upAt);
  const lastFailure = Math.max(upAt, ...afterUp.filter((r) => !ok(r)).map((r) => r.ended));
  const recoveryMs = lastFailure - upAt;
  const firstGood = Math.min(...results.filter((r) => r.started >= restartAt && ok(r)).map((r) => r.ended));
  console.log(
    `PostgreSQL outage: ${results.length} requests; before ${before.length} (${before.filter(ok).length} ok); during ${outage.length} ` +
      `(${outage.filter((r) => r.status === 503).length} × 503, slowest ${Math.max(...outage.map((r) => r.ended - r.started))} ms); ` +
      `after restart ${afterUp.length}: PostgreSQL took ${upAt - restartAt} ms to start, the first good answer came ${firstGood - restartAt} ms after the restart began, ` +
      `and every answer was good from ${recoveryMs} ms after PostgreSQL accepted connections`,
  );

  assert.ok(before.length > 20 && before.every(ok), 'the API served the load before the outage');
  assert.ok(outage.length > 20, 'requests were made during the outage');
  for (const r of outage) {
    assert.equal(r.status, 503, `during the outage: ${r.status} ${r.error ?? r.text?.slice(0, 200)}`);
    assert.match(r.type, /^application\/problem\+json/);
    assert.match(r.retryAfter ?? '', /^\d+$/);
    assert.equal(JSON.parse(r.text).code, 'database-unavailable');
    assert.ok(r.ended - r.started <= BOUND_MS, `a request took ${r.ended - r.started} ms during the outage`);
  }
  // Nothing answered without a status (a dropped connection) at any point: the process never went away.
  assert.deepEqual(results.filter((r) => r.status === 0).map((r) => r.error), []);
  assert.equal(api.child.exitCode, null, 'the API process is still running');
  assert.ok(recoveryMs <= 5000, `serving normally ${recoveryMs} ms after PostgreSQL returned (limit 5000)`);
  assert.ok(afterUp.filter((r) => r.started > lastFailure).length > 20, 'a steady run of good responses after recovery');
});
