// `npm run bench:catalogue`: search-with-facets latency and throughput at 1×, 10× and 100× the
// catalogue (117, 1,200 and 12,000 items), through the API (with and without its result cache) and
// through bare `pg` running the whole search as one SQL statement in a plain Node HTTP server (the
// floor), then the solution page as the portal renders it. Method and results: docs/performance.md.
// Needs `npm run build` (both workspaces) first.
//
// Everything runs on 127.0.0.1 in a throwaway embedded PostgreSQL; request loops are bounded by
// time. Options (env): BENCH_SECONDS (per run, default 10), BENCH_CONNECTIONS (default 16),
// BENCH_LEVELS (default 1,10,100), BENCH_CPU_PROF (a folder for the API's and portal's V8 CPU
// profiles), BENCH_ONLY (regular expression over run names: api, nocache, floor, page),
// BENCH_DATABASE_URL (+ BENCH_REUSE: measure the `bench` database a previous run seeded there),
// BENCH_API_NODE_OPTIONS (extra Node flags for the API process).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { apiNodeFlags, portalNodeFlags } from './lib/node-flags.mjs';
import { CATALOGUE_SEARCHES } from './lib/bench.mjs';
import { freePort, repoRoot, startEmbeddedPostgres, withDatabase } from './lib/postgres.mjs';
import { catalogueItemsAt, growCatalogue } from './lib/seed.mjs';

if (process.argv[2] === '--floor') {
  await floorServer();
} else {
  await main();
}

/**
 * The floor: the same search answered by PostgreSQL alone: one statement for total, page and facet
 * counts, and the page-details lookup (both built by the API's own search.sql, prepared by name),
 * through a bare `pg` pool in a plain Node HTTP server, with no framework, validation or response
 * shaping. (The API counts facets in process instead; see docs/performance.md.)
 */
async function floorServer() {
  const require = createRequire(import.meta.url);
  const { buildSearchStatement, buildPageStatement } = require('../backend/dist/modules/search/search.sql.js');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.FLOOR_POOL || 20) });
  const caps = new Map((await pool.query('SELECT id, ref FROM capabilities')).rows.map((c) => [c.ref, c.id]));
  http
    .createServer(async (req, res) => {
      try {
        const p = new URL(req.url, 'http://127.0.0.1').searchParams;
        const list = (k) =>
          p
            .getAll(k)
            .flatMap((v) => v.split(','))
            .map((v) => v.trim())
            .filter(Boolean);
        const f = {
          q: p.get('q')?.trim() || undefined,
          capability: list('capability').map((r) => caps.get(r.toUpperCase())),
          epic: list('epic'),
          framework: list('framework'),
          integration: list('integration'),
          applicationType: list('applicationType'),
          hostingType: list('hostingType'),
          accreditation: list('accreditation'),
          supplier: list('supplier'),
          type: p.get('type') || 'solution',
          sort: p.get('sort') || 'relevance',
        };
        const page = Number(p.get('page') || 1);
        const pageSize = Number(p.get('pageSize') || 20);
        const s = buildSearchStatement(f, { limit: pageSize, offset: (page - 1) * pageSize });
        const [row] = (await pool.query({ name: s.name, text: s.text, values: s.values })).rows;
        let items = [];
        if (row.page.length) {
          const ps = buildPageStatement(
            row.page.map((x) => x.id),
            f.q,
            'text',
          );
          items = (await pool.query({ name: ps.name, text: ps.text, values: ps.values })).rows;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ items, total: row.total, facets: row.facets }));
      } catch (e) {
        res.writeHead(500).end(String(e));
      }
    })
    .listen(Number(process.env.FLOOR_PORT), '127.0.0.1');
  process.on('SIGTERM', () => pool.end().finally(() => process.exit(0)));
}

async function main() {
  const SECONDS = Number(process.env.BENCH_SECONDS || 10);
  const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 16);
  const LEVELS = (process.env.BENCH_LEVELS || '1,10,100').split(',').map(Number);
  const WARMUP_SECONDS = 2;

  const QUERIES = CATALOGUE_SEARCHES;

  // BENCH_DATABASE_URL: an existing server (its `bench` database is replaced unless BENCH_REUSE is
  // set, which measures the database a previous run seeded) instead of a throwaway embedded one.
  let server;
  if (process.env.BENCH_DATABASE_URL) {
    server = { url: (db) => withDatabase(process.env.BENCH_DATABASE_URL, db), stop: async () => {} };
  } else {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'gpit-bench-'));
    chmodSync(tmp, 0o755);
    server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), ephemeral: true, log: () => {} });
  }
  const reuse = Boolean(process.env.BENCH_DATABASE_URL && process.env.BENCH_REUSE);
  // BENCH_ONLY: a regular expression over the run names (api, nocache, floor, page); others are skipped.
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
  const wanted = (name) => !only || only.test(name);
  const skipped = { requests: 0, errors: 0, rps: NaN, p50: NaN, p95: NaN, p99: NaN, maxRss: NaN, cpuMsPerRequest: NaN };
  // BENCH_API_NODE_OPTIONS: extra Node flags for the API process (e.g. heap sizing experiments).
  const extraApiFlags = (process.env.BENCH_API_NODE_OPTIONS || '').split(/\s+/).filter(Boolean);
  const adminUrl = server.url('postgres');
  const dbUrl = withDatabase(adminUrl, 'bench');
  const children = [];

  function run(cmd, args, env) {
    return new Promise((resolve, reject) => {
      const child = spawn(cmd, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
    });
  }

  async function startServer(args, env, port) {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
    for (let i = 0; i < 200; i++) {
      const ok = await new Promise((resolve) => {
        http
          .get({ host: '127.0.0.1', port, path: '/api/catalogue/search?pageSize=1' }, (res) => {
            res.resume();
            resolve(res.statusCode === 200);
          })
          .on('error', () => resolve(false));
      });
      if (ok) return child;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${args.join(' ')} did not start on port ${port}`);
  }

  function stop(child) {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }

  function rssMb(pid) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  /** CPU seconds (user + system) the process has used so far, from /proc (clock ticks of 10 ms). */
  function cpuSeconds(pid) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return NaN;
    }
  }

  /**
   * CPU seconds used so far by each PostgreSQL backend serving the bench database (by pid; the server
   * must run on this machine). The page's query is PostgreSQL's work on the same cores, so it counts.
   */
  async function pgBackendCpu() {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const { rows } = await c.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]).filter(([, cpu]) => Number.isFinite(cpu)));
    } finally {
      await c.end();
    }
  }

  /** CONNECTIONS loops, each sending the next of `paths` as soon as the last answered, for `seconds`. */
  async function load(port, seconds, pid, paths = QUERIES) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const latencies = [];
    let errors = 0;
    let next = 0;
    let maxRss = 0;
    const rssTimer = pid ? setInterval(() => (maxRss = Math.max(maxRss, rssMb(pid))), 250) : null;
    const end = Date.now() + seconds * 1000;
    const one = () =>
      new Promise((resolve) => {
        const p = paths[next++ % paths.length];
        const start = process.hrtime.bigint();
        http
          .get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode !== 200) errors++;
              latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
              resolve();
            });
          })
          .on('error', () => {
            errors++;
            resolve();
          });
      });
    const started = Date.now();
    const cpuBefore = pid ? cpuSeconds(pid) : NaN;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < end) await one();
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    // The server's own CPU per request: unlike latency, it hardly moves when other work shares the cores.
    const cpuMsPerRequest = pid ? ((cpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, latencies.length) : NaN;
    if (rssTimer) clearInterval(rssTimer);
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: pct(50), p95: pct(95), p99: pct(99), maxRss, cpuMsPerRequest };
  }

  async function seed(want) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      return await growCatalogue(c, want);
    } finally {
      await c.end();
    }
  }

  const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');

  try {
    if (!reuse) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query('DROP DATABASE IF EXISTS bench WITH (FORCE)');
      await admin.query('CREATE DATABASE bench');
      await admin.end();
      console.log('Preparing the bench database (migrations, reference data, demo catalogue) …');
      await run(process.execPath, ['backend/dist/cli/prepare.js'], { DATABASE_URL: dbUrl, NODE_ENV: 'test', SEED_DEMO: 'true' });
    }

    const results = [];
    for (const level of LEVELS) {
      const size = await seed(catalogueItemsAt(level));
      console.log(
        `\n${level}×: ${size.items.toLocaleString('en-GB')} catalogue items, ${size.listed.toLocaleString('en-GB')} listed (${size.solutions.toLocaleString('en-GB')} solutions)`,
      );
      const startApi = async (extraEnv = {}) => {
        const port = await freePort(0);
        // BENCH_CPU_PROF=<folder>: each API run writes a V8 CPU profile there when it stops.
        const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
        const api = await startServer(
          [...apiNodeFlags(), ...extraApiFlags, ...profile, 'backend/dist/main.js'],
          {
            DATABASE_URL: dbUrl,
            API_PORT: String(port),
            NODE_ENV: 'production',
            COOKIE_SECURE: 'false',
            LOG_LEVEL: 'warn',
            JOBS_ENABLED: 'false',
            MIGRATE_ON_START: 'false',
            ...extraEnv,
          },
          port,
        );
        return { api, port };
      };
      const runApi = async (extraEnv) => {
        const { api, port } = await startApi(extraEnv);
        await load(port, WARMUP_SECONDS);
        const result = await load(port, SECONDS, api.pid);
        await stop(api);
        return result;
      };
      // The API as deployed (results cached per search-index version), and with the result cache off,
      // so every request is a cold search: words matched by PostgreSQL, the rest by the in-process
      // facet index (which is not a result cache: it holds the listed items, not answers).
      const cached = wanted('api') ? await runApi({}) : skipped;
      const uncached = wanted('nocache') ? await runApi({ SEARCH_CACHE_SIZE: '0' }) : skipped;

      let floorResult = skipped;
      if (wanted('floor')) {
      const floorPort = await freePort(0);
      const floor = await startServer(
        ['scripts/bench-catalogue.mjs', '--floor'],
        { DATABASE_URL: dbUrl, FLOOR_PORT: String(floorPort), FLOOR_POOL: '20' },
        floorPort,
      );
      await load(floorPort, WARMUP_SECONDS);
      floorResult = await load(floorPort, SECONDS, floor.pid);
      await stop(floor);
      }

      // The solution page as the portal renders it (server side, through its /api proxy), over every
      // listed solution in turn; the API runs as deployed.
      let page = skipped;
      if (wanted('page')) {
        const { api, port: apiPort } = await startApi();
        const portalPort = await freePort(0);
        const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
        const portal = await startServer(
          [...portalNodeFlags(), ...profile, 'frontend/server.mjs'],
          {
            PORT: String(portalPort),
            HOST: '127.0.0.1',
            API_URL: `http://127.0.0.1:${apiPort}`,
            NODE_ENV: 'production',
            COOKIE_SECURE: 'false',
            SESSION_SECRET: randomBytes(32).toString('hex'),
          },
          portalPort,
        );
        const pages = size.ids.map((id) => `/solutions/${id}`);
        await load(portalPort, WARMUP_SECONDS, undefined, pages);
        const apiCpuBefore = cpuSeconds(api.pid);
        const pgBefore = await pgBackendCpu();
        page = await load(portalPort, SECONDS, portal.pid, pages);
        page.apiCpuMsPerRequest = ((cpuSeconds(api.pid) - apiCpuBefore) * 1000) / Math.max(1, page.requests);
        // Backends that ended during the run are missed (the API's pool keeps its connections).
        const pgAfter = await pgBackendCpu();
        const pgCpu = pgAfter.size ? [...pgAfter].reduce((sum, [pid, cpu]) => sum + cpu - (pgBefore.get(pid) ?? 0), 0) : NaN;
        page.pgCpuMsPerRequest = (pgCpu * 1000) / Math.max(1, page.requests);
        await stop(portal);
        await stop(api);
      }

      const row = { level, ...size, cached, uncached, floor: floorResult, page };
      results.push(row);
      const line = (label, r) =>
        console.log(
          `  ${label.padEnd(14)} p50 ${fmt(r.p50)} ms  p95 ${fmt(r.p95)} ms  p99 ${fmt(r.p99)} ms  ${fmt(r.rps, 0)} req/s  errors ${r.errors}  max RSS ${fmt(r.maxRss, 0)} MB  CPU ${fmt(r.cpuMsPerRequest, 2)} ms/req` +
            (r === floorResult ? '' : `  = ${fmt((r.rps / floorResult.rps) * 100, 0)}% of the floor`),
        );
      line('API', cached);
      line('API, no cache', uncached);
      line('floor', floorResult);
      console.log(
        `  solution page  p50 ${fmt(page.p50)} ms  p95 ${fmt(page.p95)} ms  p99 ${fmt(page.p99)} ms  ${fmt(page.rps, 0)} req/s  errors ${page.errors}  portal max RSS ${fmt(page.maxRss, 0)} MB  portal CPU ${fmt(page.cpuMsPerRequest, 2)} ms/req  API CPU ${fmt(page.apiCpuMsPerRequest, 2)} ms/req  PostgreSQL CPU ${fmt(page.pgCpuMsPerRequest, 2)} ms/req`,
      );
    }

    console.log('\n| level | items (listed) | run | p50 ms | p95 ms | p99 ms | req/s | % of floor | max RSS MB |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of results) {
      for (const [label, x] of [
        ['API', r.cached],
        ['API, no cache', r.uncached],
        ['floor (bare pg)', r.floor],
      ]) {
        console.log(
          `| ${r.level}× | ${r.items.toLocaleString('en-GB')} (${r.listed.toLocaleString('en-GB')}) | ${label} | ${fmt(x.p50)} | ${fmt(x.p95)} | ${fmt(x.p99)} | ${fmt(x.rps, 0)} | ${fmt((x.rps / r.floor.rps) * 100, 0)}% | ${fmt(x.maxRss, 0)} |`,
        );
      }
    }
    console.log('\nSolution page (GET /solutions/<id>, rendered by the portal):\n');
    console.log('| level | listed solutions | p50 ms | p95 ms | p99 ms | req/s | errors | portal max RSS MB |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of results) {
      const x = r.page;
      console.log(
        `| ${r.level}× | ${r.solutions.toLocaleString('en-GB')} | ${fmt(x.p50)} | ${fmt(x.p95)} | ${fmt(x.p99)} | ${fmt(x.rps, 0)} | ${x.errors} | ${fmt(x.maxRss, 0)} |`,
      );
    }
    console.log(
      `\n${CONNECTIONS} connections, ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}.`,
    );
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  } finally {
    for (const child of children) await stop(child);
    await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 10000))]);
    // keep-alive sockets and the embedded server's handles would otherwise keep Node alive
    process.exit(process.exitCode ?? 0);
  }
}
