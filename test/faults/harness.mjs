// Real processes for the fault and hardening suites: the built API (backend/dist/main.js) and
// portal (frontend/server.mjs) as child processes, so a SIGKILL is a real one, writing their logs
// to files under TEST_LOG_DIR (the secrets-in-logs check reads them); databases cloned from the
// template scripts/test.mjs prepared.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, repoRoot, withDatabase } from '../../scripts/lib/postgres.mjs';

export const DEMO_PASSWORD = 'Demo-password-2026';
export const DEMO = {
  practiceManager: 'practice.manager@demo.gpit.test',
  commissioner: 'commissioner@demo.gpit.test',
  vendor: 'vendor@demo.gpit.test',
  operator: 'operator@demo.gpit.test',
};

export function logDir() {
  const dir = process.env.TEST_LOG_DIR || path.join(os.tmpdir(), 'gpit-test-logs');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function requireTestDatabase() {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const template = process.env.TEST_TEMPLATE_DB;
  if (!adminUrl || !template) throw new Error('Run these suites through `node scripts/test.mjs faults` (or hardening): it prepares the test database.');
  return { adminUrl, template };
}

async function admin(adminUrl, sql) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh copy of the template database; drop() removes it. */
export async function cloneTemplate(prefix) {
  const { adminUrl, template } = requireTestDatabase();
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return { name, url: withDatabase(adminUrl, name), drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A pg client on `url`, connected. */
export async function connect(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

function spawnLogged(script, env, logName) {
  const file = path.join(logDir(), `${logName}.log`);
  const fd = openSync(file, 'a');
  let logStart = 0;
  try {
    logStart = readFileSync(file).length; // a restart appends to the same file
  } catch {
    /* new file */
  }
  const child = spawn(process.execPath, [script], { cwd: repoRoot, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.logFile = file;
  child.logStart = logStart;
  return child;
}

/**
 * Starts the built API on `databaseUrl`. Resolves when it has said it is listening and /api/health
 * answers. `env` overrides the defaults (NODE_ENV=test, info logs, no migrations, jobs off).
 */
export async function startApi({ databaseUrl, port, env = {}, logName = 'api' }) {
  return startServer(port, logName, /API listening on/, '/api/health', (p) =>
    spawnLogged(
      'backend/dist/main.js',
      { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', MIGRATE_ON_START: 'false', JOBS_ENABLED: 'false', ...env, DATABASE_URL: databaseUrl, API_PORT: String(p) },
      logName,
    ),
  );
}

/** Starts the built portal in front of an API. */
export async function startPortal({ apiPort, port, env = {}, logName = 'portal' }) {
  return startServer(port, logName, /Portal listening on/, '/healthz', (p) =>
    spawnLogged(
      'frontend/server.mjs',
      { ...process.env, NODE_ENV: 'test', SESSION_SECRET: randomBytes(32).toString('hex'), ...env, PORT: String(p), HOST: '127.0.0.1', API_URL: `http://127.0.0.1:${apiPort}` },
      logName,
    ),
  );
}

/**
 * Other test runs share this machine: a port found free may be taken before our server binds it
 * (then it exits with EADDRINUSE, and we try another port), and whatever answers on it may not be
 * ours, so the server's own "listening" log line is awaited as well as the health check.
 */
async function startServer(port, logName, listening, healthPath, spawnOn) {
  for (let attempt = 0; ; attempt++) {
    const p = attempt === 0 && port ? port : await freePort(0);
    const child = spawnOn(p);
    try {
      await waitForLog(child, listening);
      await waitFor(p, healthPath, child);
      return { child, port: p, url: `http://127.0.0.1:${p}` };
    } catch (e) {
      await stop(child);
      if (attempt >= 3) throw e;
    }
  }
}

async function waitForLog(child, pattern, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (pattern.test(readFileSync(child.logFile, 'utf8').slice(child.logStart))) return;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process exited before listening (see ${child.logFile})`);
    if (Date.now() > deadline) throw new Error(`no "${pattern.source}" within ${timeoutMs / 1000} s (see ${child.logFile})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitFor(port, p, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process exited before answering ${p} (see ${child.logFile})`);
    try {
      if ((await request(port, 'GET', p, { timeoutMs: 2000 })).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answered ${p} on port ${port} within ${timeoutMs / 1000} s`);
}

/** Stops a child process (SIGTERM, then SIGKILL after 10 s) and waits for it. */
export async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await child.exited;
  clearTimeout(timer);
}

/**
 * One HTTP request; JSON body when given. Resolves with status, headers, text and ms; rejects on a
 * network error or after timeoutMs (a request that hangs is a failure, not a wait).
 */
export function request(port, method, p, { headers = {}, body, raw, timeoutMs = 15_000, agent } = {}) {
  return new Promise((resolve, reject) => {
    const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const started = Date.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: p,
        agent,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers, ...(payload !== undefined ? { 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString(), ms: Date.now() - started }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${p}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Signs in; returns the headers a signed-in write needs (session cookie and CSRF token). */
export async function signIn(port, email, password = DEMO_PASSWORD) {
  const res = await request(port, 'POST', '/api/auth/sign-in', { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.text}`);
  const cookie = res.headers['set-cookie'].map((s) => s.split(';')[0]).join('; ');
  return { cookie, 'x-csrf-token': JSON.parse(res.text).csrfToken };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
