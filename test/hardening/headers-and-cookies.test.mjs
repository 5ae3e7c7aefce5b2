// Security headers on API responses and portal pages, and the flags of the session and CSRF
// cookies: in production (HTTPS: HSTS, Secure, __Host-) and in development (neither).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cloneTemplate, DEMO, request, startApi, startPortal, stop } from '../faults/harness.mjs';

let db;
const servers = {};

before(async () => {
  db = await cloneTemplate('hardening_headers');
  for (const mode of ['production', 'development']) {
    const env = { NODE_ENV: mode, JOBS_ENABLED: 'false' };
    const api = await startApi({ databaseUrl: db.url, env, logName: `hardening-headers-api-${mode}` });
    const portal = await startPortal({ apiPort: api.port, env, logName: `hardening-headers-portal-${mode}` });
    servers[mode] = { api, portal };
  }
});

after(async () => {
  for (const { api, portal } of Object.values(servers)) {
    await stop(portal.child);
    await stop(api.child);
  }
  await db?.drop();
});

/** A CSP header as directive → sources. */
function csp(res) {
  const header = res.headers['content-security-policy'];
  assert.ok(header, 'Content-Security-Policy is set');
  return Object.fromEntries(header.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

function assertCommonHeaders(res, what) {
  const policy = csp(res);
  const scripts = policy['script-src'] ?? policy['default-src'];
  assert.ok(scripts, `${what}: scripts are restricted`);
  assert.ok(!scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'") && !scripts.includes('*'), `${what}: script sources ${scripts.join(' ')}`);
  assert.deepEqual(policy['frame-ancestors'], ["'none'"], `${what}: frame-ancestors`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.match(res.headers['referrer-policy'] ?? '', /^(no-referrer|strict-origin-when-cross-origin|same-origin)$/, `${what}: Referrer-Policy`);
  return policy;
}

function assertHsts(res, mode, what) {
  if (mode === 'production') {
    const m = /max-age=(\d+)/.exec(res.headers['strict-transport-security'] ?? '');
    assert.ok(m && Number(m[1]) >= 31536000, `${what}: HSTS of at least a year in production, got ${res.headers['strict-transport-security']}`);
  } else {
    assert.equal(res.headers['strict-transport-security'], undefined, `${what}: no HSTS in development`);
  }
}

/** Set-Cookie attributes of one cookie, by name. */
function cookie(res, name) {
  const line = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
  assert.ok(line, `Set-Cookie ${name} in ${JSON.stringify(res.headers['set-cookie'])}`);
  const [, ...attrs] = line.split(';').map((a) => a.trim());
  return Object.fromEntries(attrs.map((a) => a.split('=')).map(([k, v]) => [k.toLowerCase(), v ?? true]));
}

for (const mode of ['production', 'development']) {
  describe(`${mode}`, () => {
    test('API responses: CSP without inline scripts, frame-ancestors none, nosniff, Referrer-Policy, HSTS only over HTTPS', async () => {
      const { api } = servers[mode];
      const responses = {
        health: await request(api.port, 'GET', '/api/health'),
        problem: await request(api.port, 'GET', '/api/no-such-thing'),
        signIn: await request(api.port, 'POST', '/api/auth/sign-in', { body: { email: 'nobody@example.test', password: 'not the password' } }),
        data: await request(api.port, 'GET', '/api/catalogue/search?q=clinical'),
      };
      for (const [what, res] of Object.entries(responses)) {
        const policy = assertCommonHeaders(res, what);
        assert.deepEqual(policy['default-src'], ["'none'"], `${what}: the API serves no active content`);
        assert.equal(res.headers['x-frame-options'], 'DENY');
        assertHsts(res, mode, what);
      }
      // The OpenAPI page runs its own script files only: no inline script, so the CSP holds.
      const docs = await request(api.port, 'GET', '/api/docs/');
      assert.equal(docs.status, 200);
      assert.ok(csp(docs)['script-src'].every((s) => s === "'self'"));
      assert.deepEqual([...docs.text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]), [], 'no inline script on /api/docs');
    });

    test('portal pages: a fresh nonce on every script, no unsafe-inline, frame-ancestors none, nosniff, Referrer-Policy, HSTS only over HTTPS', async () => {
      const { portal } = servers[mode];
      const nonces = new Set();
      for (const path of ['/', '/sign-in', '/solutions']) {
        const res = await request(portal.port, 'GET', path);
        assert.equal(res.status, 200, `${path}: ${res.status}`);
        const policy = assertCommonHeaders(res, path);
        const nonce = policy['script-src'].find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
        assert.ok(nonce, `${path}: script-src carries a nonce`);
        assert.ok(!nonces.has(nonce), 'a new nonce per response');
        nonces.add(nonce);
        const scripts = [...res.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        assert.ok(scripts.length > 0);
        for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `${path}: ${tag} carries the response's nonce`);
        assert.equal(res.headers['x-frame-options'], 'DENY');
        assertHsts(res, mode, path);
      }
      // /api through the portal's proxy keeps the API's headers.
      const proxied = await request(portal.port, 'GET', '/api/health');
      assertCommonHeaders(proxied, 'proxied /api/health');
      assertHsts(proxied, mode, 'proxied /api/health');
    });

    test('cookies: session cookie HttpOnly, SameSite=Lax, Path=/, Secure outside development; CSRF cookie likewise (__Host- over HTTPS)', async () => {
      const { api, portal } = servers[mode];
      const signIn = await request(api.port, 'POST', '/api/auth/sign-in', { body: { email: DEMO.practiceManager, password: 'Demo-password-2026' } });
      assert.equal(signIn.status, 200);
      const session = cookie(signIn, 'gpit_session');
      assert.equal(session.httponly, true);
      assert.equal(session.samesite, 'Lax');
      assert.equal(session.path, '/');
      assert.ok(session.expires, 'expires with the session');
      assert.equal(session.domain, undefined, 'host-only');
      assert.equal(session.secure, mode === 'production' ? true : undefined);
      // Signing out clears it with the same flags.
      const token = signIn.headers['set-cookie'].find((c) => c.startsWith('gpit_session=')).split(';')[0];
      const signOut = await request(api.port, 'POST', '/api/auth/sign-out', { headers: { cookie: token, 'x-csrf-token': JSON.parse(signIn.text).csrfToken } });
      assert.ok(signOut.status < 300, `sign-out: ${signOut.status}`);
      const cleared = cookie(signOut, 'gpit_session');
      assert.equal(cleared.httponly, true);
      assert.equal(cleared.secure, mode === 'production' ? true : undefined);

      const page = await request(portal.port, 'GET', '/sign-in');
      const name = mode === 'production' ? '__Host-gpit_csrf' : 'gpit_csrf';
      const csrf = cookie(page, name);
      assert.equal(csrf.httponly, true);
      assert.equal(csrf.samesite, 'Lax');
      assert.equal(csrf.path, '/');
      assert.equal(csrf.domain, undefined);
      assert.equal(csrf.secure, mode === 'production' ? true : undefined);
    });
  });
}
