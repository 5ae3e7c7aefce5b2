// `npm run bench:orders`: order completion throughput at 16 connections against a database seeded
// at 10× (product.md §5: 61,000 practices, 300,000 contracts, 1,000,000 order items), every request
// sent twice with the same Idempotency-Key. Prints orders/s, latency, and the orders and contracts
// counted afterwards (must equal the orders attempted). Method and results: docs/performance.md.
//
// Options (env): BENCH_ORDERS (orders to complete, default 3000), BENCH_CONNECTIONS (default 16),
// BENCH_LEVEL (default 10: practices ×10, 30,000 × level contracts), BENCH_CPU_PROF (a folder: the
// API writes a V8 CPU profile there on exit, for chrome://inspect or speedscope).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { request, rssMb, run, waitForApi } from './lib/bench.mjs';
import { apiNodeFlags } from './lib/node-flags.mjs';
import { freePort, repoRoot, startEmbeddedPostgres, withDatabase } from './lib/postgres.mjs';
import { clonePracticesSql } from './lib/seed.mjs';

const ORDERS = Number(process.env.BENCH_ORDERS || 3000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 16);
const LEVEL = Number(process.env.BENCH_LEVEL || 10);
const COMMISSIONER = 'commissioner@demo.gpit.test';
const PASSWORD = 'Demo-password-2026';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gpit-bench-orders-'));
chmodSync(tmp, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), ephemeral: true, log: () => {} });
const adminUrl = server.url('postgres');
const dbUrl = withDatabase(adminUrl, 'bench');
const children = [];

/**
 * 10× per product.md §5: every ODS practice cloned (level − 1) times into the same ICBs, and
 * 30,000 × level completed historical orders, each with its contract, one recipient and 3–4 items
 * (≈ 100,000 × level order items). Then the orders to complete: drafts of the demo ICB (QHM) ready
 * for completion, each with 1–3 of its practices, a per-patient solution and a one-off service.
 */
async function seed(c) {
  const t0 = Date.now();
  await c.query('BEGIN');
  await c.query(clonePracticesSql(), [LEVEL]);
  const contracts = 30000 * LEVEL;
  await c.query(`CREATE TEMP TABLE sample_items AS
    SELECT i.id, v.id AS version_id, v.content->'prices'->0 AS price, row_number() OVER (ORDER BY i.id) AS n
      FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id
     WHERE i.supplier_id = (SELECT id FROM organisations WHERE code = '10000') AND i.publication_status = 'published'
       AND (i.type <> 'solution' OR i.accreditation_status = 'accredited') AND v.content->'frameworkIds' ? 'TIF001'`);
  await c.query(`CREATE TEMP TABLE practice_ids AS SELECT id, row_number() OVER (ORDER BY code) AS n FROM organisations WHERE type = 'practice'`);
  const [{ practices }] = (await c.query(`SELECT count(*)::int AS practices FROM practice_ids`)).rows;
  const [{ users }] = (await c.query(`SELECT array_agg(id) AS users FROM users`)).rows;
  await c.query(
    `INSERT INTO orders (number, revision, status, description, ordering_party_id, ordering_contact, supplier_id, supplier_contact, framework_id,
                         commencement_date, initial_period_months, maximum_term_months, totals, completed_by, completed_at, created_by, created_at)
     SELECT g, 1, 'completed', 'Historical order ' || g, p.id, '{"name":"Buyer","email":"buyer@example.test"}', s.id,
            '{"name":"Supplier","email":"supplier@example.test"}', 'TIF001', DATE '2024-01-01' + (g % 900), 3, 36,
            '{"oneOffPence":0,"monthlyPence":41000,"annualPence":492000,"wholeTermPence":1476000}', $2::uuid, now() - make_interval(days => g % 900), $2::uuid, now()
       FROM generate_series(1, $1::int) g
       JOIN practice_ids p ON p.n = 1 + (g % $3::int)
       CROSS JOIN (SELECT id FROM organisations WHERE code = '10000') s`,
    [contracts, users[0], practices],
  );
  await c.query(`SELECT setval('order_number_seq', $1)`, [contracts]);
  await c.query(`INSERT INTO order_recipients (order_id, practice_id, registered_patients) SELECT o.id, o.ordering_party_id, 5000 FROM orders o`);
  const [{ items: sampleCount }] = (await c.query(`SELECT count(*)::int AS items FROM sample_items`)).rows;
  await c.query(
    `INSERT INTO order_items (order_id, item_id, listing_version_id, price_id, price_snapshot, funding_source, quantity, cost)
     SELECT o.id, si.id, si.version_id, si.price->>'id', si.price, 'local', 1, '{"oneOffPence":0,"monthlyPence":100,"annualPence":1200,"wholeTermPence":3600}'
       FROM orders o CROSS JOIN generate_series(0, 3) k
       JOIN sample_items si ON si.n = 1 + ((o.number * 7 + k * 13) % $1::int)
      WHERE k < 3 + (o.number % 3 = 0)::int
     ON CONFLICT (order_id, item_id) DO NOTHING`,
    [sampleCount],
  );
  await c.query(
    `INSERT INTO contracts (order_number, order_id, buyer_id, supplier_id, framework_id, solution_item_id, start_date, end_date, notice_period_days, notice_deadline, value_pence)
     SELECT o.number, o.id, o.ordering_party_id, o.supplier_id, 'TIF001', '10000-001', o.commencement_date,
            (o.commencement_date + interval '36 months' - interval '1 day')::date, 90,
            (o.commencement_date + interval '36 months' - interval '91 days')::date, 1476000
       FROM orders o`,
  );
  await c.query(`INSERT INTO contract_recipients (contract_id, practice_id) SELECT c.id, c.buyer_id FROM contracts c`);

  // The orders to complete: QHM drafts, every step done.
  const [{ qhm }] = (await c.query(`SELECT id AS qhm FROM organisations WHERE code = 'QHM'`)).rows;
  const [{ commissioner }] = (await c.query(`SELECT id AS commissioner FROM users WHERE email = $1`, [COMMISSIONER])).rows;
  const drafts = (
    await c.query(
      `INSERT INTO orders (number, description, ordering_party_id, ordering_contact, supplier_id, supplier_contact, framework_id,
                           commencement_date, initial_period_months, maximum_term_months, created_by)
       SELECT nextval('order_number_seq'), 'Bench order ' || g, $2::uuid, '{"name":"Callum Reid","email":"commissioner@demo.gpit.test"}',
              (SELECT id FROM organisations WHERE code = '10000'), '{"name":"Orders","email":"orders@emis.test"}', 'TIF001',
              (now() AT TIME ZONE 'Europe/London')::date + 30, 3, 36, $3::uuid
         FROM generate_series(1, $1::int) g
       RETURNING id, number`,
      [ORDERS, qhm, commissioner],
    )
  ).rows;
  await c.query(`CREATE TEMP TABLE qhm_practices AS SELECT id, row_number() OVER (ORDER BY code) AS n FROM organisations WHERE type = 'practice' AND icb_code = 'QHM'`);
  const [{ qhmCount }] = (await c.query(`SELECT count(*)::int AS "qhmCount" FROM qhm_practices`)).rows;
  await c.query(
    `INSERT INTO order_recipients (order_id, practice_id)
     SELECT o.id, p.id FROM orders o CROSS JOIN generate_series(0, 2) k JOIN qhm_practices p ON p.n = 1 + ((o.number * 3 + k * 101) % $1::int)
      WHERE o.status = 'in_progress' AND k <= o.number % 3
     ON CONFLICT DO NOTHING`,
    [qhmCount],
  );
  for (const item of ['10000-001', '10000-S-003']) {
    await c.query(
      `INSERT INTO order_items (order_id, item_id, listing_version_id, price_id, price_snapshot, funding_source, quantity)
       SELECT o.id, i.id, v.id, 'p1', v.content->'prices'->0, 'local', CASE WHEN i.type = 'solution' THEN NULL ELSE 1 END
         FROM orders o CROSS JOIN catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id
        WHERE o.status = 'in_progress' AND i.id = $1`,
      [item],
    );
  }
  await c.query('COMMIT');
  await c.query('VACUUM ANALYZE');
  const counts = (
    await c.query(`SELECT (SELECT count(*) FROM organisations WHERE type = 'practice')::int AS practices, (SELECT count(*) FROM contracts)::int AS contracts,
                          (SELECT count(*) FROM order_items)::int AS "orderItems"`)
  ).rows[0];
  console.log(
    `Seeded ${LEVEL}×: ${counts.practices.toLocaleString('en-GB')} practices, ${counts.contracts.toLocaleString('en-GB')} contracts, ` +
      `${counts.orderItems.toLocaleString('en-GB')} order items, ${drafts.length.toLocaleString('en-GB')} orders to complete (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
  return drafts.map((d) => `C${String(d.number).padStart(6, '0')}-01`);
}

try {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  console.log('Preparing the bench database (migrations, reference data, demo accounts and catalogue) …');
  await run(process.execPath, ['backend/dist/cli/prepare.js'], { DATABASE_URL: dbUrl, NODE_ENV: 'test', SEED_DEMO: 'true' });
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const refs = await seed(c);

  const port = await freePort(0);
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const api = spawn(process.execPath, [...apiNodeFlags(), ...profile, 'backend/dist/main.js'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: dbUrl, API_PORT: String(port), NODE_ENV: 'production', COOKIE_SECURE: 'false', LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', MIGRATE_ON_START: 'false', SESSION_SECRET: randomBytes(32).toString('hex') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(api);
  await waitForApi(port);
  const signIn = await request(port, 'POST', '/api/auth/sign-in', { body: { email: COMMISSIONER, password: PASSWORD } });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${signIn.text}`);
  const cookie = signIn.headers['set-cookie'].map((s) => s.split(';')[0]).join('; ');
  const headers = { cookie, 'x-csrf-token': JSON.parse(signIn.text).csrfToken };

  // Each connection completes the next order, then sends the very same request again (same key).
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  let next = 0;
  let failures = 0;
  let replayed = 0;
  let maxRss = 0;
  const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, rssMb(api.pid))), 250);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < refs.length) {
        const ref = refs[next++];
        const key = `bench-${ref}`;
        for (let attempt = 0; attempt < 2; attempt++) {
          const t = process.hrtime.bigint();
          const res = await request(port, 'POST', `/api/orders/${ref}/complete`, { headers: { ...headers, 'idempotency-key': key } }, agent);
          if (attempt === 0) latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          if (res.status !== 200 || JSON.parse(res.text).status !== 'completed') {
            failures++;
            if (failures <= 3) console.error(`${ref}: ${res.status} ${res.text.slice(0, 300)}`);
          }
          if (attempt === 1 && res.headers['idempotent-replayed'] === 'true') replayed++;
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  clearInterval(rssTimer);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const numbers = refs.map((r) => Number(r.slice(1, 7)));
  const [after] = (
    await c.query(
      `SELECT (SELECT count(*) FROM orders WHERE number = ANY($1) AND status = 'completed')::int AS completed,
              (SELECT count(*) FROM orders WHERE number = ANY($1))::int AS orders,
              (SELECT count(*) FROM contracts WHERE order_number = ANY($1))::int AS contracts,
              (SELECT count(*) FROM (SELECT order_number FROM contracts WHERE order_number = ANY($1) GROUP BY order_number HAVING count(*) > 1) d)::int AS duplicates,
              (SELECT count(*) FROM email_outbox WHERE template = 'order-received')::int AS supplier_emails`,
      [numbers],
    )
  ).rows;
  await c.end();

  const ok = after.completed === refs.length && after.orders === refs.length && after.contracts === refs.length && after.duplicates === 0 && failures === 0;
  console.log(`\nCompleted ${refs.length.toLocaleString('en-GB')} orders with ${CONNECTIONS} connections, each request sent twice with the same Idempotency-Key`);
  console.log(`  orders/s:   ${(refs.length / elapsed).toFixed(1)}  (${elapsed.toFixed(1)} s; target ≥ 100)`);
  console.log(`  latency:    p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms (first request of each pair)`);
  console.log(`  replays:    ${replayed.toLocaleString('en-GB')} of ${refs.length.toLocaleString('en-GB')} second requests answered from the stored response`);
  console.log(`  afterwards: ${after.orders} orders (${after.completed} completed), ${after.contracts} contracts, ${after.duplicates} duplicated contracts, ${after.supplier_emails} supplier emails, ${failures} failed requests`);
  console.log(`  API RSS:    max ${maxRss.toFixed(0)} MB`);
  console.log(ok ? '  counts: OK (one completed order and one contract per order attempted)' : '  counts: WRONG');
  process.exitCode = ok ? 0 : 1;
} finally {
  // Wait for the API to exit (it writes its CPU profile, if asked, on the way out).
  await Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }))));
  await server.stop();
}
