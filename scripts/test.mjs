// `npm test`: one throwaway PostgreSQL server (embedded unless TEST_DATABASE_URL names a server),
// a template database migrated and seeded once, then the backend suites (each file clones the
// template) and the browser journeys.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot, startEmbeddedPostgres, withDatabase } from './lib/postgres.mjs';
import pg from 'pg';

const only = process.argv[2]; // 'backend' | 'journeys' | undefined (everything)
const env = { ...process.env, NODE_ENV: 'test' };
let server;
let adminUrl = env.TEST_DATABASE_URL;
if (!adminUrl) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gpit-test-'));
  chmodSync(tmp, 0o755); // the server may run as a separate `postgres` user when we are root
  server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), ephemeral: true });
  adminUrl = server.url('postgres');
}
const template = 'gpit_template';

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: 'inherit', ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

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

  if (!only || only === 'backend') {
    failed = (await run('npx', ['jest', '--config', 'backend/jest.config.js', ...process.argv.slice(3)])) !== 0 || failed;
  }
  if (!only || only === 'journeys') {
    env.E2E_PORTAL_PORT = String(await freePort(3100));
    env.E2E_API_PORT = String(await freePort(Number(env.E2E_PORTAL_PORT) + 1));
    // Payments on, against the fake Stripe server the payments journeys start on this port (never
    // the real Stripe: there is no network, and tests must not depend on one).
    if (!env.STRIPE_SECRET_KEY) {
      env.STRIPE_SECRET_KEY = 'sk_test_journeys';
      env.STRIPE_WEBHOOK_SECRET = 'whsec_journeys';
      env.STRIPE_API_BASE = `http://127.0.0.1:${await freePort(Number(env.E2E_API_PORT) + 1)}`;
    }
    failed = (await run('npx', ['playwright', 'test', '--config', 'test/playwright.config.ts', ...(only ? process.argv.slice(3) : [])])) !== 0 || failed;
  }
} catch (e) {
  console.error(e.message);
  failed = true;
} finally {
  if (server) await server.stop();
}
process.exit(failed ? 1 : 0);
