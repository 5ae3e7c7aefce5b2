// `npm test`: one throwaway PostgreSQL server (embedded unless TEST_DATABASE_URL names a server),
// a template database migrated and seeded once, then the backend suites (each file clones the
// template), the fault and hardening suites (real API and portal processes), the browser journeys,
// `npm audit` of the production dependencies, and a search of every log the suites wrote for
// secrets.
import { spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot, startEmbeddedPostgres, withDatabase } from './lib/postgres.mjs';
import pg from 'pg';

const only = process.argv[2]; // 'backend' | 'faults' | 'hardening' | 'journeys' | 'audit' | undefined (everything)
const env = { ...process.env, NODE_ENV: 'test' };
// Every suite's output, and the logs of the servers they start, land here; the last step searches them for secrets.
env.TEST_LOG_DIR ||= mkdtempSync(path.join(os.tmpdir(), 'gpit-test-logs-'));
mkdirSync(env.TEST_LOG_DIR, { recursive: true });
let server;
let adminUrl = env.TEST_DATABASE_URL;
if (only === 'audit' || only === 'secrets') {
  // These two need no database.
  const script = only === 'audit' ? 'test/hardening/audit.mjs' : 'test/hardening/secrets-in-logs.mjs';
  const child = spawn(process.execPath, [script], { cwd: repoRoot, env, stdio: 'inherit' });
  child.on('close', (code) => process.exit(code ?? 1));
  await new Promise(() => {});
}
if (!adminUrl) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gpit-test-'));
  chmodSync(tmp, 0o755); // the server may run as a separate `postgres` user when we are root
  server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), ephemeral: true });
  adminUrl = server.url('postgres');
}
const template = 'gpit_template';

/** Runs a step; with `log`, its output is also written to TEST_LOG_DIR/<log>.log. */
function run(cmd, args, opts = {}, log) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: log ? ['inherit', 'pipe', 'pipe'] : 'inherit', ...opts });
    if (log) {
      const file = createWriteStream(path.join(env.TEST_LOG_DIR, `${log}.log`), { flags: 'a' });
      child.stdout.on('data', (d) => (process.stdout.write(d), file.write(d)));
      child.stderr.on('data', (d) => (process.stderr.write(d), file.write(d)));
      child.on('close', () => file.end());
    }
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
const step = (name) => !only || only === name;

let failed = false;
try {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  console.log('Preparing the template database …');
  const code = await run(process.execPath, ['backend/dist/cli/prepare.js'], { env: { ...env, DATABASE_URL: withDatabase(adminUrl, template) } });
  if (code !== 0) throw new Error('preparing the template database failed');
  env.TEST_PG_ADMIN_URL = adminUrl;
  env.TEST_TEMPLATE_DB = template;

  if (step('backend')) {
    failed = (await run('npx', ['jest', '--config', 'backend/jest.config.js', ...process.argv.slice(3)], {}, 'backend-jest')) !== 0 || failed;
  }
  // Real processes (SIGKILL, a PostgreSQL stopped under load): one file at a time, on the 2-core budget.
  for (const suite of ['faults', 'hardening']) {
    if (!step(suite)) continue;
    const files = only ? process.argv.slice(3) : [];
    const args = ['--test', '--test-concurrency=1', '--test-reporter=spec', ...(files.length ? files : [`test/${suite}/`])];
    failed = (await run(process.execPath, args, {}, suite)) !== 0 || failed;
  }
  if (step('journeys')) {
    env.E2E_PORTAL_PORT = String(await freePort(3100));
    env.E2E_API_PORT = String(await freePort(Number(env.E2E_PORTAL_PORT) + 1));
    // Payments on, against the fake Stripe server the payments journeys start on this port (never
    // the real Stripe: there is no network, and tests must not depend on one).
    if (!env.STRIPE_SECRET_KEY) {
      env.STRIPE_SECRET_KEY = 'sk_test_journeys';
      env.STRIPE_WEBHOOK_SECRET = 'whsec_journeys';
      env.STRIPE_API_BASE = `http://127.0.0.1:${await freePort(Number(env.E2E_API_PORT) + 1)}`;
    }
    failed = (await run('npx', ['playwright', 'test', '--config', 'test/playwright.config.ts', ...(only ? process.argv.slice(3) : [])], {}, 'journeys')) !== 0 || failed;
  }
  if (!only) {
    failed = (await run(process.execPath, ['test/hardening/audit.mjs'])) !== 0 || failed;
  }
} catch (e) {
  console.error(e.message);
  failed = true;
} finally {
  if (server) await server.stop();
}
// Last, over everything written above (a partial run checks what it produced).
failed = (await run(process.execPath, ['test/hardening/secrets-in-logs.mjs'])) !== 0 || failed;
process.exit(failed ? 1 : 0);
