// `npm run soak`: a mixed workload (browse, search, compare, estimate, order, dashboards, the
// contract register) against a database seeded at 10× for 10 minutes at 64 connections, through the
// API and the portal as deployed (NODE_ENV=production, scheduled jobs on). Prints per operation
// the count, p50/p95/p99 and errors by status; throughput; the 5xx count; the API's and the portal's
// RSS at the start and end; and figures scraped from the API's own /api/metrics (pool waiting,
// event-loop lag, job queue, request counts and latency by route, cross-checked with the client's).
// Exits 1 on any 5xx or dropped connection. Targets (issue 8): zero 5xx, p99 ≤ 200 ms, RSS growth
// ≤ 10%. Method and results: docs/reliability.md. Needs `npm run build` (both workspaces) first.
//
// Options (env): SOAK_SECONDS (default 600), SOAK_CONNECTIONS (default 64), SOAK_SCALE (default 10:
// practices ×10, 30,000 × scale contracts, 120 × scale catalogue items; at most 33, as order numbers
// stop at 999,999), SOAK_WARMUP_SECONDS (the same mix, not counted, before the measured window;
// default 20), API_HEAP_MB (the API’s heap limit, 512 as deployed). METRICS_TOKEN, when set, is
// passed to the API and used to scrape it.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { apiNodeFlags, portalNodeFlags } from './lib/node-flags.mjs';
import { CATALOGUE_SEARCHES, percentile, request, rssMb, run, waitForApi } from './lib/bench.mjs';
import { freePort, repoRoot, startEmbeddedPostgres, withDatabase } from './lib/postgres.mjs';
import { catalogueItemsAt, growCatalogue, seedContracts } from './lib/seed.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS || 600);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS || 64);
const SCALE = Number(process.env.SOAK_SCALE || 10);
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 20);
const PASSWORD = 'Demo-password-2026';
const PRACTICE_MANAGER = 'practice.manager@demo.gpit.test'; // A81001, in ICB QHM
const COMMISSIONER = 'commissioner@demo.gpit.test'; // QHM
const TARGET_P99_MS = 200;
const TARGET_RSS_GROWTH = 10;

if (!(SCALE >= 1 && SCALE <= 33)) throw new Error('SOAK_SCALE must be between 1 and 33 (order numbers stop at 999,999)');

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const int = (n) => n.toLocaleString('en-GB');
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const pickTwo = (list) => {
  const i = Math.floor(Math.random() * list.length);
  const j = (i + 1 + Math.floor(Math.random() * (list.length - 1))) % list.length;
  return [list[i], list[j]];
};
const elapsedMs = (t) => Number(process.hrtime.bigint() - t) / 1e6;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gpit-soak-'));
chmodSync(tmp, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), ephemeral: true, log: () => {} });
const adminUrl = server.url('postgres');
const dbUrl = withDatabase(adminUrl, 'soak');
const children = [];

function startChild(args, env) {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

// --- What the API's /api/metrics says ---------------------------------------------------------

function parseMetrics(text) {
  const out = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}
const sum = (samples, name, where = () => true) => samples.filter((s) => s.name === name && where(s.labels)).reduce((a, s) => a + s.value, 0);

async function scrape(port) {
  const headers = process.env.METRICS_TOKEN ? { authorization: `Bearer ${process.env.METRICS_TOKEN}` } : {};
  const res = await request(port, 'GET', '/api/metrics', { headers });
  if (res.status !== 200) throw new Error(`/api/metrics answered ${res.status}: ${res.text.slice(0, 200)}`);
  return parseMetrics(res.text);
}

// --- The load ---------------------------------------------------------------------------------

let exitCode = 0;
try {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE soak');
  await admin.end();
  console.log('Preparing the soak database (migrations, reference data, demo accounts and catalogue) …');
  await run(process.execPath, ['backend/dist/cli/prepare.js'], { DATABASE_URL: dbUrl, NODE_ENV: 'test', SEED_DEMO: 'true' });
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  console.log(`Seeding ${SCALE}× …`);
  const counts = await seedContracts(c, SCALE);
  const catalogue = await growCatalogue(c, catalogueItemsAt(SCALE));
  console.log(`  catalogue: ${int(catalogue.items)} items, ${int(catalogue.listed)} listed (${int(catalogue.solutions)} solutions)`);
  const subIcbs = (await c.query(`SELECT code FROM organisations WHERE type = 'sub_icb' AND icb_code = 'QHM' ORDER BY code`)).rows.map((r) => r.code);
  const qhmPractices = (await c.query(`SELECT code FROM organisations WHERE type = 'practice' AND icb_code = 'QHM' AND status = 'active' ORDER BY md5(code) LIMIT 500`)).rows.map(
    (r) => r.code,
  );
  const listedItems = (await c.query(`SELECT item_id FROM catalogue_search ORDER BY md5(item_id) LIMIT 80`)).rows.map((r) => r.item_id);
  await c.end();

  const apiPort = await freePort(0);
  // The heap limit the Dockerfile sets (API_HEAP_MB), as deployed.
  const api = startChild([...apiNodeFlags(), 'backend/dist/main.js'], {
    DATABASE_URL: dbUrl,
    API_PORT: String(apiPort),
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'true',
    MIGRATE_ON_START: 'false',
  });
  await waitForApi(apiPort);
  const portalPort = await freePort(0);
  const portal = startChild([...portalNodeFlags(), 'frontend/server.mjs'], {
    PORT: String(portalPort),
    HOST: '127.0.0.1',
    API_URL: `http://127.0.0.1:${apiPort}`,
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
    SESSION_SECRET: randomBytes(32).toString('hex'),
  });
  for (let i = 0; ; i++) {
    const ok = await request(portalPort, 'GET', '/solutions').then((r) => r.status === 200, () => false);
    if (ok) break;
    if (i > 300) throw new Error('the portal did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const idleRss = { api: rssMb(api.pid), portal: rssMb(portal.pid) };

  async function session(email) {
    const res = await request(apiPort, 'POST', '/api/auth/sign-in', { body: { email, password: PASSWORD } });
    if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.text}`);
    return { cookie: res.headers['set-cookie'].map((s) => s.split(';')[0]).join('; '), 'x-csrf-token': JSON.parse(res.text).csrfToken };
  }
  const sessions = { practice: await session(PRACTICE_MANAGER), commissioner: await session(COMMISSIONER) };

  // Items a practice can estimate (every listed item with a price it can be estimated on).
  const estimable = [];
  for (const id of listedItems) {
    if ((await request(apiPort, 'GET', `/api/catalogue/items/${id}/estimate`, { headers: sessions.practice })).status === 200) estimable.push(id);
  }
  if (!estimable.length) throw new Error('no listed item can be estimated');
  const solutionIds = catalogue.ids;
  const solutionPages = Math.ceil(catalogue.solutions / 20);

  const apiAgent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const portalAgent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  /** label → { latencies, statuses }; route template → client's count (API requests only). */
  const ops = new Map();
  const routes = new Map();
  let recording = false;
  let ordersCompleted = 0;
  let replaysConfirmed = 0;

  /** One request; recorded under `label` (and its API route) while the measured window runs. */
  async function send(label, { portal: viaPortal = false, route, method = 'GET', path: p, headers, body, ok = [200] }) {
    const t = process.hrtime.bigint();
    let res;
    try {
      res = await request(viaPortal ? portalPort : apiPort, method, p, { headers, body }, viaPortal ? portalAgent : apiAgent);
    } catch (e) {
      res = { status: 'dropped', headers: {}, text: String(e) };
    }
    if (recording) {
      let op = ops.get(label);
      if (!op) ops.set(label, (op = { latencies: [], statuses: new Map(), portal: viaPortal }));
      op.latencies.push(elapsedMs(t));
      if (!ok.includes(res.status)) {
        op.statuses.set(res.status, (op.statuses.get(res.status) ?? 0) + 1);
        if ((op.statuses.get(res.status) ?? 0) <= 2) console.error(`  ${label}: ${method} ${p} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      if (!viaPortal) routes.set(`${method} ${route}`, (routes.get(`${method} ${route}`) ?? 0) + 1);
    }
    return res;
  }

  const today = new Date();
  const commencementDate = new Date(today.getTime() + 30 * 86400_000).toISOString().slice(0, 10);
  const contact = { name: 'Sam Patel', email: 'sam.patel@nhs.test', telephone: '01234 567890' };
  let orderSeq = 0;

  /** A whole order, step by step, as a buyer would: draft, steps, item, funding, completion (creating writes with Idempotency-Keys). */
  async function order(who) {
    const h = sessions[who];
    const n = ++orderSeq;
    const created = await send('order: create draft', {
      route: '/api/orders',
      method: 'POST',
      path: '/api/orders',
      headers: { ...h, 'idempotency-key': `soak-${randomUUID()}` },
      body: { description: `Soak order ${n}` },
      ok: [201],
    });
    if (created.status !== 201) return;
    const ref = JSON.parse(created.text).ref;
    const steps = [
      ['ordering-party', { contact }],
      ['supplier', { supplierCode: '10000', contact: { name: 'Alex Vendor', email: 'orders@emis.test' } }],
      ['term', { frameworkId: 'TIF001', commencementDate, initialPeriodMonths: 3, maximumTermMonths: 36 }],
      // Two different practices: the same code twice is (rightly) a validation error.
      ...(who === 'commissioner' ? [['recipients', { odsCodes: pickTwo(qhmPractices) }]] : []),
    ];
    for (const [step, body] of steps) {
      const r = await send('order: step', { route: `/api/orders/:ref/${step}`, method: 'PUT', path: `/api/orders/${ref}/${step}`, headers: h, body });
      if (r.status !== 200) return;
    }
    const item = await send('order: add item', {
      route: '/api/orders/:ref/items',
      method: 'POST',
      path: `/api/orders/${ref}/items`,
      headers: { ...h, 'idempotency-key': `soak-${randomUUID()}` },
      body: { itemId: '10000-001', priceId: 'p1' },
    });
    if (item.status !== 200) return;
    const funding = await send('order: step', {
      route: '/api/orders/:ref/items/:itemId/funding',
      method: 'PUT',
      path: `/api/orders/${ref}/items/10000-001/funding`,
      headers: h,
      body: { fundingSource: 'local' },
    });
    if (funding.status !== 200) return;
    const complete = { route: '/api/orders/:ref/complete', method: 'POST', path: `/api/orders/${ref}/complete`, headers: { ...h, 'idempotency-key': `soak-complete-${ref}` } };
    const done = await send('order: complete', complete);
    if (done.status !== 200) return;
    if (recording) ordersCompleted++;
    // Every fourth completion is retried with the same key, as a client whose connection dropped would.
    if (n % 4 === 0) {
      const again = await send('order: complete again (same key)', complete);
      if (again.headers['idempotent-replayed'] === 'true' && recording) replaysConfirmed++;
    }
    await send('order: view', { route: '/api/orders/:ref', path: `/api/orders/${ref}`, headers: h });
  }

  const REGISTER_FILTERS = ['', 'noticeWithinDays=180', 'status=active&supplier=10000', 'flagged=true', 'page=2', 'sort=endDate'];
  /** The mix: [weight, what]. Weights are per operation started; an order is ~9 requests. */
  const MIX = [
    [10, () => send('browse: listing page (API)', { route: '/api/catalogue/search', path: `/api/catalogue/search?sort=name&page=${1 + Math.floor(Math.random() * solutionPages)}` })],
    [12, () => send('browse: solution page (API)', { route: '/api/catalogue/items/:id', path: `/api/catalogue/items/${pick(solutionIds)}` })],
    [4, () => send('browse: listing page (portal)', { portal: true, path: `/solutions?sort=name&page=${1 + Math.floor(Math.random() * solutionPages)}` })],
    [8, () => send('browse: solution page (portal)', { portal: true, path: `/solutions/${pick(solutionIds)}` })],
    [22, () => send('search with facets', { route: '/api/catalogue/search', path: pick(CATALOGUE_SEARCHES) })],
    [
      6,
      () => {
        const items = new Set(Array.from({ length: 2 + Math.floor(Math.random() * 3) }, () => pick(solutionIds)));
        if (items.size < 2) items.add(solutionIds.find((id) => !items.has(id)));
        return send('compare', { route: '/api/catalogue/compare', path: `/api/catalogue/compare?items=${[...items].join(',')}` });
      },
    ],
    [8, () => send('estimate (practice)', { route: '/api/catalogue/items/:id/estimate', path: `/api/catalogue/items/${pick(estimable)}/estimate`, headers: sessions.practice })],
    [1, () => order('practice')],
    [1, () => order('commissioner')],
    [3, () => send('dashboard: ICB', { route: '/api/dashboard', path: '/api/dashboard', headers: sessions.commissioner })],
    [3, () => send('dashboard: sub-ICB location', { route: '/api/dashboard', path: `/api/dashboard?area=${pick(subIcbs)}`, headers: sessions.commissioner })],
    [
      10,
      () =>
        send('contract register', {
          route: '/api/register/contracts',
          path: `/api/register/contracts?${pick(REGISTER_FILTERS)}`,
          headers: sessions.commissioner,
        }),
    ],
  ];
  const schedule = MIX.flatMap(([weight, fn]) => Array(weight).fill(fn));

  /** CONNECTIONS loops, each starting the next operation as soon as its last one finished, for `seconds`. */
  async function load(seconds) {
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < until) await pick(schedule)();
      }),
    );
  }

  console.log(`\nWarm-up: ${WARMUP_SECONDS} s at ${CONNECTIONS} connections (not counted) …`);
  await load(WARMUP_SECONDS);

  // The measured window, with RSS sampled every second and /api/metrics every two.
  const before = await scrape(apiPort);
  const rss = { api: { start: rssMb(api.pid), max: 0 }, portal: { start: rssMb(portal.pid), max: 0 } };
  const rssTimer = setInterval(() => {
    rss.api.max = Math.max(rss.api.max, rssMb(api.pid));
    rss.portal.max = Math.max(rss.portal.max, rssMb(portal.pid));
  }, 1000);
  const seen = { poolWaiting: 0, poolOpen: 0, poolMax: 0, lagP99: 0, queued: 0, running: 0, failed: 0, scrapes: 0 };
  const scrapeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const metricsTimer = setInterval(async () => {
    try {
      const headers = process.env.METRICS_TOKEN ? { authorization: `Bearer ${process.env.METRICS_TOKEN}` } : {};
      const s = parseMetrics((await request(apiPort, 'GET', '/api/metrics', { headers }, scrapeAgent)).text);
      seen.scrapes++;
      seen.poolWaiting = Math.max(seen.poolWaiting, sum(s, 'db_pool_waiting_clients'));
      seen.poolOpen = Math.max(seen.poolOpen, sum(s, 'db_pool_connections'));
      seen.poolMax = sum(s, 'db_pool_max_connections');
      seen.lagP99 = Math.max(seen.lagP99, sum(s, 'nodejs_eventloop_lag_p99_seconds'));
      for (const state of ['queued', 'running', 'failed']) seen[state] = Math.max(seen[state], sum(s, 'job_queue_jobs', (l) => l.state === state));
    } catch {
      /* a missed sample */
    }
  }, 2000);
  console.log(`Measuring: ${SECONDS} s at ${CONNECTIONS} connections …`);
  recording = true;
  const loadBefore = os.loadavg()[0];
  const started = Date.now();
  await load(SECONDS);
  const elapsed = (Date.now() - started) / 1000;
  recording = false;
  clearInterval(rssTimer);
  clearInterval(metricsTimer);
  rss.api.end = rssMb(api.pid);
  rss.portal.end = rssMb(portal.pid);
  rss.api.max = Math.max(rss.api.max, rss.api.end);
  rss.portal.max = Math.max(rss.portal.max, rss.portal.end);
  const after = await scrape(apiPort);
  apiAgent.destroy();
  portalAgent.destroy();
  scrapeAgent.destroy();

  // --- The report -----------------------------------------------------------------------------
  const all = [];
  let fiveXx = 0;
  let dropped = 0;
  console.log(
    `\nSoak: ${fmt(elapsed, 0)} s at ${CONNECTIONS} connections after ${WARMUP_SECONDS} s warm-up; ${SCALE}× data: ${int(counts.practices)} practices, ` +
      `${int(counts.contracts)} contracts, ${int(catalogue.items)} catalogue items (${int(catalogue.listed)} listed); ${os.cpus().length} CPUs ` +
      `(${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}.\n`,
  );
  console.log('| operation | requests | p50 ms | p95 ms | p99 ms | errors |');
  console.log('|---|---|---|---|---|---|');
  for (const [label, op] of [...ops.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    op.latencies.sort((a, b) => a - b);
    all.push(...op.latencies);
    for (const [status, n] of op.statuses) {
      if (status === 'dropped') dropped += n;
      else if (status >= 500) fiveXx += n;
    }
    const errors = [...op.statuses].map(([s, n]) => `${n} × ${s}`).join(', ') || 'none';
    console.log(
      `| ${label} | ${int(op.latencies.length)} | ${fmt(percentile(op.latencies, 50))} | ${fmt(percentile(op.latencies, 95))} | ${fmt(percentile(op.latencies, 99))} | ${errors} |`,
    );
  }
  all.sort((a, b) => a - b);
  const p99 = percentile(all, 99);
  console.log(`| **all** | **${int(all.length)}** | **${fmt(percentile(all, 50))}** | **${fmt(percentile(all, 95))}** | **${fmt(p99)}** | |`);

  const growth = ((rss.api.end - rss.api.start) / rss.api.start) * 100;
  const portalGrowth = ((rss.portal.end - rss.portal.start) / rss.portal.start) * 100;
  console.log(`\nThroughput: ${fmt(all.length / elapsed, 0)} requests/s; ${int(ordersCompleted)} orders completed (${fmt(ordersCompleted / elapsed, 1)}/s), ${replaysConfirmed} repeated completions answered from the stored response`);
  console.log(`5xx: ${fiveXx}; dropped connections: ${dropped}`);
  // Other work on the machine skews every figure: say how busy it was.
  console.log(`Machine load average (1 min): ${fmt(loadBefore)} at the start, ${fmt(os.loadavg()[0])} at the end, on ${os.cpus().length} CPUs`);
  console.log(
    `API RSS: ${fmt(idleRss.api, 0)} MB idle, ${fmt(rss.api.start, 0)} MB at the start of the window, ${fmt(rss.api.end, 0)} MB at the end (${growth >= 0 ? '+' : ''}${fmt(growth)}%), max ${fmt(rss.api.max, 0)} MB`,
  );
  console.log(
    `Portal RSS: ${fmt(idleRss.portal, 0)} MB idle, ${fmt(rss.portal.start, 0)} MB at the start, ${fmt(rss.portal.end, 0)} MB at the end (${portalGrowth >= 0 ? '+' : ''}${fmt(portalGrowth)}%), max ${fmt(rss.portal.max, 0)} MB`,
  );

  // Server-side: request counts and latency by route, from the histogram's deltas over the window.
  const delta = (name, where) => sum(after, name, where) - sum(before, name, where);
  const serverRoutes = new Map();
  for (const s of after) {
    if (s.name !== 'http_request_duration_seconds_count' || s.labels.route === '/api/metrics') continue;
    const n = delta('http_request_duration_seconds_count', (l) => l.method === s.labels.method && l.route === s.labels.route);
    if (n > 0) serverRoutes.set(`${s.labels.method} ${s.labels.route}`, n);
  }
  /** Upper bound of the bucket holding the route's 99th percentile, in ms. */
  const serverP99 = (method, route) => {
    const buckets = after
      .filter((s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.method === method && s.labels.route === route)
      .map((s) => ({ le: Number(s.labels.le), n: delta('http_request_duration_seconds_bucket', (l) => l.method === method && l.route === route && l.le === s.labels.le) }))
      .sort((a, b) => a.le - b.le);
    const total = buckets.at(-1)?.n ?? 0;
    const b = buckets.find((x) => x.n >= 0.99 * total);
    return !b ? '–' : Number.isFinite(b.le) ? `≤ ${b.le * 1000}` : '> 2000';
  };
  const server5xx = delta('http_requests_total', (l) => l.status_class === '5xx' && l.route !== '/api/metrics');
  const serverTotal = [...serverRoutes.values()].reduce((a, b) => a + b, 0);
  const clientApi = [...routes.values()].reduce((a, b) => a + b, 0);
  console.log('\nFrom the API’s /api/metrics (scraped every 2 s during the window, and before and after it):');
  console.log(`  database pool: at most ${seen.poolWaiting} queries waiting for a connection, at most ${seen.poolOpen} of ${seen.poolMax} connections open (${seen.scrapes} scrapes)`);
  console.log(`  event loop: worst p99 lag over a scrape interval ${fmt(seen.lagP99 * 1000)} ms`);
  console.log(`  job queue: at most ${seen.queued} queued, ${seen.running} running, ${seen.failed} failed`);
  console.log(`  requests answered: ${int(serverTotal)} (5xx: ${server5xx}); the load client sent ${int(clientApi)} of them directly, the portal ${int(serverTotal - clientApi)} while rendering pages`);
  console.log('\n| API route | client sent | server counted | server p99 ms (bucket) |');
  console.log('|---|---|---|---|');
  for (const key of [...new Set([...routes.keys(), ...serverRoutes.keys()])].sort()) {
    const [method, route] = key.split(' ');
    console.log(`| ${key} | ${int(routes.get(key) ?? 0)} | ${int(serverRoutes.get(key) ?? 0)} | ${serverP99(method, route)} |`);
  }

  const verdict = (ok) => (ok ? 'OK' : 'NOT MET');
  console.log(`\nTargets: zero 5xx ${verdict(fiveXx === 0 && server5xx === 0)}; p99 ≤ ${TARGET_P99_MS} ms ${verdict(p99 <= TARGET_P99_MS)} (${fmt(p99)} ms); API RSS growth ≤ ${TARGET_RSS_GROWTH}% ${verdict(growth <= TARGET_RSS_GROWTH)} (${fmt(growth)}%)`);
  if (fiveXx || server5xx || dropped) exitCode = 1;
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  for (const child of children) await stop(child);
  await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 10000))]);
  // keep-alive sockets and the embedded server's handles would otherwise keep Node alive
  process.exit(exitCode);
}
