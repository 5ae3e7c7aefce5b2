// Playwright's web server for the journeys: a fresh copy of the template database (made by
// scripts/test.mjs), then the built API and the built portal on their own ports.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { apiNodeFlags, portalNodeFlags } from '../scripts/lib/node-flags.mjs';
import { cloneDatabase, repoRoot, withDatabase } from '../scripts/lib/postgres.mjs';

const adminUrl = process.env.TEST_PG_ADMIN_URL;
const template = process.env.TEST_TEMPLATE_DB;
if (!adminUrl || !template) {
  console.error('TEST_PG_ADMIN_URL and TEST_TEMPLATE_DB are not set: run the journeys with `node scripts/test.mjs journeys`.');
  process.exit(2);
}

const E2E_DATABASE = 'gpit_e2e';
// scripts/test.mjs picks free ports, so two test runs on one machine do not collide.
const PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT || 3100);
const API_PORT = Number(process.env.E2E_API_PORT || 3101);

await cloneDatabase(adminUrl, template, E2E_DATABASE);

const env = {
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL: withDatabase(adminUrl, E2E_DATABASE),
  MIGRATE_ON_START: 'false',
  // Request lines too, for the secrets-in-logs check.
  LOG_LEVEL: process.env.LOG_LEVEL || 'info',
  API_PORT: String(API_PORT),
  // Emailed links must point at the portal under test.
  PUBLIC_URL: `http://127.0.0.1:${PORTAL_PORT}`,
  PORT: String(PORTAL_PORT),
  HOST: '127.0.0.1',
  API_URL: `http://127.0.0.1:${API_PORT}`,
  SESSION_SECRET: randomBytes(32).toString('hex'),
};

const children = new Set();
let stopping = false;

// Each server's output also goes to TEST_LOG_DIR, which the secrets-in-logs check searches.
const logDir = process.env.TEST_LOG_DIR;
if (logDir) mkdirSync(logDir, { recursive: true });

function start(name, script, flags = []) {
  const child = spawn(process.execPath, [...flags, script], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = logDir ? createWriteStream(path.join(logDir, `journeys-${name.toLowerCase()}.log`), { flags: 'a' }) : null;
  child.stdout.on('data', (d) => (process.stdout.write(d), file?.write(d)));
  child.stderr.on('data', (d) => (process.stderr.write(d), file?.write(d)));
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the journeys' servers`);
      stop(1);
    }
  });
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const done = () => (children.size ? setTimeout(done, 50) : process.exit(code));
  done();
  setTimeout(() => process.exit(code), 10_000).unref();
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

// The API with its deployed heap limit, so the journeys would show it is too small.
start('API', 'backend/dist/main.js', apiNodeFlags(env));
start('portal', 'frontend/server.mjs', portalNodeFlags(env));
