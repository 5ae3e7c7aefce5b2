// `npm run bench:oversight`: the commissioner oversight API against a database seeded at 100×
// (product.md §5: 610,000 practices, 3,000,000 contracts). Prints p50/p95/p99 and requests/s for
// the contract register's first page with typical filter mixes (and, once added, the dashboards'
// endpoints: see ENDPOINTS below), each measured for BENCH_SECONDS at each BENCH_CONNECTIONS level.
// Method and results: docs/performance.md.
//
// Options (env): BENCH_LEVEL (default 100: practices ×100, 30,000 × level contracts),
// BENCH_CONNECTIONS (default 4,16: the targets are checked at the first level, which already
// saturates a 2-core machine; more connections only queue longer and are shown for information),
// BENCH_SECONDS (per endpoint, default 10), BENCH_DATABASE_URL (use
// that server rather than an embedded one), BENCH_KEEP (keep the
// database and API up afterwards, for EXPLAIN ANALYZE), BENCH_REUSE (with BENCH_DATABASE_URL: measure
// the database a previous run seeded), BENCH_ONLY (a regular expression: only endpoints whose label
// matches), BENCH_CPU_PROF (a folder for the API's V8 CPU profile, written when it stops).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { request, run, waitForApi } from './lib/bench.mjs';
import { apiNodeFlags } from './lib/node-flags.mjs';
import { freePort, repoRoot, startEmbeddedPostgres, withDatabase } from './lib/postgres.mjs';
import { seedContracts } from './lib/seed.mjs';

const LEVEL = Number(process.env.BENCH_LEVEL || 100);
const CONNECTION_LEVELS = String(process.env.BENCH_CONNECTIONS || '4,16').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const COMMISSIONER = 'commissioner@demo.gpit.test'; // QHM (an ICB)
const OPERATOR = 'operator@demo.gpit.test';
const PASSWORD = 'Demo-password-2026';

/**
 * What is measured: [label, who, path, target p95 ms]. `{subIcb}` is replaced by one of QHM's sub-ICB
 * locations, `{practice}` by one of its practices.
 *
 * >>> DASHBOARDS HOOK: the dashboards engineer adds the ICB dashboard's endpoint(s) here, e.g.
 *     ['ICB dashboard', 'commissioner', '/api/dashboards/icb', 100]
 */
const ENDPOINTS = [
  ['register: whole area, first page', 'commissioner', '/api/register/contracts', 50],
  ['register: notice deadline within 180 days', 'commissioner', '/api/register/contracts?noticeWithinDays=180', 50],
  ['register: active, supplier 10000, by notice deadline', 'commissioner', '/api/register/contracts?status=active&supplier=10000', 50],
  ['register: sub-ICB location, within 365 days', 'commissioner', '/api/register/contracts?subIcb={subIcb}&noticeWithinDays=365', 50],
  ['register: flagged (Lapsed or Failed solution)', 'commissioner', '/api/register/contracts?flagged=true', 50],
  ['register: one practice', 'commissioner', '/api/register/contracts?practice={practice}', 50],
  ['register: operator, national, within 90 days', 'operator', '/api/register/contracts?noticeWithinDays=90', 50],
  // (dashboards endpoints go here)
  ['dashboard: ICB (QHM), commissioner', 'commissioner', '/api/dashboard', 150],
  ['dashboard: sub-ICB location', 'commissioner', '/api/dashboard?area={subIcb}', 150],
  ['dashboard: operator, ICB QHM', 'operator', '/api/dashboard?area=QHM', 150],
];

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gpit-bench-oversight-'));
chmodSync(tmp, 0o755);
// BENCH_DATABASE_URL: an existing server (its `bench_oversight` database is replaced) instead of an embedded one.
const server = process.env.BENCH_DATABASE_URL
  ? { url: (db) => withDatabase(process.env.BENCH_DATABASE_URL, db), stop: async () => {} }
  : await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), ephemeral: true, log: () => {} });
const adminUrl = server.url('postgres');
const dbUrl = withDatabase(adminUrl, 'bench_oversight');
const children = [];

async function session(port, email) {
  const signIn = await request(port, 'POST', '/api/auth/sign-in', { body: { email, password: PASSWORD } });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${signIn.text}`);
  return { cookie: signIn.headers['set-cookie'].map((s) => s.split(';')[0]).join('; ') };
}

/** `connections` loops, each sending the next request as soon as the previous answered, for SECONDS. */
async function measure(port, headers, p, connections) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let failures = 0;
  let body = '';
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const t = process.hrtime.bigint();
        const res = await request(port, 'GET', p, { headers }, agent);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (res.status !== 200) {
          failures++;
          if (failures <= 2) console.error(`${p}: ${res.status} ${res.text.slice(0, 300)}`);
        } else body = res.text;
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor((q / 100) * latencies.length))];
  let summary = '';
  try {
    const json = JSON.parse(body);
    if (Array.isArray(json.items)) summary = `${json.items.length} rows, total ${json.totalIsCapped ? `> ${json.totalCap}` : json.total}`;
  } catch {
    /* not a page */
  }
  return { n: latencies.length, rps: latencies.length / SECONDS, p50: pct(50), p95: pct(95), p99: pct(99), failures, summary };
}

try {
  // BENCH_REUSE (with BENCH_DATABASE_URL): measure the database a previous run seeded.
  if (!process.env.BENCH_REUSE) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS bench_oversight WITH (FORCE)');
    await admin.query('CREATE DATABASE bench_oversight');
    await admin.end();
    console.log('Preparing the bench database (migrations, reference data, demo accounts and catalogue) …');
    await run(process.execPath, ['backend/dist/cli/prepare.js'], { DATABASE_URL: dbUrl, NODE_ENV: 'test', SEED_DEMO: 'true' });
  }
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  if (!process.env.BENCH_REUSE) {
    console.log(`Seeding ${LEVEL}× …`);
    await seedContracts(c, LEVEL);
  }
  const [{ subIcb }] = (await c.query(`SELECT code AS "subIcb" FROM organisations WHERE type = 'sub_icb' AND icb_code = 'QHM' ORDER BY code LIMIT 1`)).rows;
  const [{ practice }] = (await c.query(`SELECT code AS practice FROM organisations WHERE type = 'practice' AND icb_code = 'QHM' ORDER BY code LIMIT 1`)).rows;
  await c.end();

  const port = await freePort(0);
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const api = spawn(process.execPath, [...apiNodeFlags(), ...profile, 'backend/dist/main.js'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: dbUrl, API_PORT: String(port), NODE_ENV: 'production', COOKIE_SECURE: 'false', LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', MIGRATE_ON_START: 'false', SESSION_SECRET: randomBytes(32).toString('hex') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(api);
  await waitForApi(port);
  const sessions = { commissioner: await session(port, COMMISSIONER), operator: await session(port, OPERATOR) };

  let ok = true;
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
  for (const [level, connections] of CONNECTION_LEVELS.entries()) {
    const checked = level === 0;
    console.log(
      `\nFirst pages at ${connections} connections, ${SECONDS} s each${checked ? ' (targets checked here)' : ' (for information: past saturation, requests only queue longer)'}; other work on this machine skews these:`,
    );
    for (const [label, who, template, target] of ENDPOINTS) {
      if (only && !only.test(label)) continue;
      const p = template.replace('{subIcb}', subIcb).replace('{practice}', practice);
      await measure(port, sessions[who], p, connections); // warm-up pass, not counted
      const r = await measure(port, sessions[who], p, connections);
      const pass = r.failures === 0 && r.p95 <= target;
      if (checked) ok &&= pass;
      else ok &&= r.failures === 0;
      console.log(
        `  ${label.padEnd(52)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ` +
          `${r.rps.toFixed(0).padStart(5)} req/s  ${r.summary}${r.failures ? `  ${r.failures} FAILED` : ''}  ${!checked ? '' : pass ? 'OK' : `over ${target} ms`}`,
      );
    }
  }
  process.exitCode = ok ? 0 : 1;
  if (process.env.BENCH_KEEP) {
    // For EXPLAIN ANALYZE by hand: the seeded database stays up until Ctrl-C.
    console.log(`\nBENCH_KEEP: database at ${dbUrl}, API on port ${port}; Ctrl-C to stop`);
    await new Promise((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
  }
} finally {
  await Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }))));
  await server.stop();
}
