// Account lockout and per-client rate limits on sign-in and password resets, through the real API
// behind a trusted proxy (X-Forwarded-For names the client, as the portal sends it).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cloneTemplate, connect, DEMO, DEMO_PASSWORD, request, startApi, stop } from '../faults/harness.mjs';

const LOCKOUT_THRESHOLD = 3;
const IP_LIMIT = 5;

let db;
let api;

before(async () => {
  db = await cloneTemplate('hardening_limits');
  api = await startApi({
    databaseUrl: db.url,
    env: { LOCKOUT_THRESHOLD: String(LOCKOUT_THRESHOLD), LOCKOUT_MINUTES: '15', IP_SIGN_IN_LIMIT: String(IP_LIMIT), IP_SIGN_IN_WINDOW_MINUTES: '15' },
    logName: 'hardening-limits-api',
  });
});

after(async () => {
  await stop(api?.child);
  await db?.drop();
});

const signIn = (email, password, ip) => request(api.port, 'POST', '/api/auth/sign-in', { body: { email, password }, headers: { 'x-forwarded-for': ip } });

function assertProblem(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers['content-type'], /^application\/problem\+json/);
  assert.equal(JSON.parse(res.text).code, code);
  const retryAfter = Number(res.headers['retry-after']);
  assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${res.headers['retry-after']}`);
}

test(`an account locks after ${LOCKOUT_THRESHOLD} failed sign-ins in a row, whatever the client, and then refuses the right password`, async () => {
  // The failure that locks it still answers "wrong password" (it says nothing about the account).
  for (let i = 1; i <= LOCKOUT_THRESHOLD; i++) assert.equal((await signIn(DEMO.vendor, `wrong ${i}`, `198.51.100.${i}`)).status, 401);
  assertProblem(await signIn(DEMO.vendor, 'wrong again', '198.51.100.9'), 423, 'account-locked');
  assertProblem(await signIn(DEMO.vendor, DEMO_PASSWORD, '198.51.100.10'), 423, 'account-locked');
  const c = await connect(db.url);
  const { rows } = await c.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.account-locked' AND actor_email = $1`, [DEMO.vendor]);
  await c.end();
  assert.equal(rows[0].n, 1, 'the lock is in the audit trail');
  // Other accounts are unaffected.
  assert.equal((await signIn(DEMO.operator, DEMO_PASSWORD, '198.51.100.11')).status, 200);
});

test(`one client gets ${IP_LIMIT} failed sign-ins per window, then 429 with Retry-After even for a right password; other clients are unaffected`, async () => {
  const ip = '203.0.113.7';
  for (let i = 0; i < IP_LIMIT; i++) assert.equal((await signIn(`nobody${i}@example.test`, 'guess', ip)).status, 401);
  assertProblem(await signIn('nobody@example.test', 'guess', ip), 429, 'too-many-attempts');
  assertProblem(await signIn(DEMO.practiceManager, DEMO_PASSWORD, ip), 429, 'too-many-attempts');
  assert.equal((await signIn(DEMO.practiceManager, DEMO_PASSWORD, '203.0.113.8')).status, 200);
});

test('password reset requests and reset-link guesses are limited per client too', async () => {
  const ip = '192.0.2.44';
  for (let i = 0; i < IP_LIMIT; i++) {
    const res = await request(api.port, 'POST', '/api/auth/password-reset', { body: { email: `someone${i}@example.test` }, headers: { 'x-forwarded-for': ip } });
    assert.equal(res.status, 202);
  }
  assertProblem(await request(api.port, 'POST', '/api/auth/password-reset', { body: { email: 'one-more@example.test' }, headers: { 'x-forwarded-for': ip } }), 429, 'too-many-attempts');
  assert.equal((await request(api.port, 'POST', '/api/auth/password-reset', { body: { email: 'other@example.test' }, headers: { 'x-forwarded-for': '192.0.2.45' } })).status, 202);

  const guess = (n) =>
    request(api.port, 'POST', '/api/auth/password-reset/confirm', { body: { token: `guessed-token-${n}-${'x'.repeat(30)}`, password: 'A-new-password-2026' }, headers: { 'x-forwarded-for': '192.0.2.50' } });
  for (let i = 0; i < IP_LIMIT; i++) assert.equal((await guess(i)).status, 400);
  assertProblem(await guess(99), 429, 'too-many-attempts');
});
