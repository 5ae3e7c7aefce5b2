// A scheduled job interrupted mid-run: the daily contract alerts job (modules/alerts) is stopped by
// SIGKILL while it is writing notifications; after a restart the queue runs it again at once (not
// after its 30-minute expiry) and every alert exists, and is emailed, exactly once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cloneTemplate, connect, DEMO, sleep, startApi, stop } from './harness.mjs';

const CONTRACTS = 40;
const JOB = 'contract-alerts';

let db;
let c;
let api;

/** Contracts of the demo practice whose notice deadline (60 days) and end (150 days) are both due an alert. */
async function seedContracts(client) {
  const [{ practice, supplier, manager }] = (
    await client.query(`SELECT (SELECT id FROM organisations WHERE code = 'A81001') AS practice, (SELECT id FROM organisations WHERE code = '10000') AS supplier,
                               (SELECT id FROM users WHERE email = $1) AS manager`, [DEMO.practiceManager])
  ).rows;
  await client.query(
    `WITH o AS (
       INSERT INTO orders (number, revision, status, description, ordering_party_id, ordering_contact, supplier_id, supplier_contact, framework_id,
                           commencement_date, initial_period_months, maximum_term_months, totals, completed_by, completed_at, created_by)
       SELECT nextval('order_number_seq'), 1, 'completed', 'Alerted order ' || g, $2::uuid, '{"name":"Buyer","email":"buyer@example.test"}', $3::uuid,
              '{"name":"Supplier","email":"supplier@example.test"}', 'TIF001', current_date - 930, 3, 36,
              '{"oneOffPence":0,"monthlyPence":1000,"annualPence":12000,"wholeTermPence":36000}', $4::uuid, now(), $4::uuid
         FROM generate_series(1, $1::int) g
       RETURNING id, number, ordering_party_id, supplier_id, commencement_date
     ), k AS (
       INSERT INTO contracts (order_number, order_id, buyer_id, supplier_id, framework_id, solution_item_id, start_date, end_date, notice_period_days, notice_deadline, value_pence)
       SELECT number, id, ordering_party_id, supplier_id, 'TIF001', '10000-001', commencement_date, current_date + 150, 90, current_date + 60, 36000 FROM o
       RETURNING id, buyer_id
     )
     INSERT INTO contract_recipients (contract_id, practice_id) SELECT id, buyer_id FROM k`,
    [CONTRACTS, practice, supplier, manager],
  );
  // Who hears about them: the practice's members and the commissioners of its ICB and sub-ICB location.
  const [{ audience }] = (
    await client.query(
      `SELECT count(DISTINCT m.user_id)::int AS audience FROM memberships m JOIN organisations o ON o.id = m.organisation_id
         JOIN users u ON u.id = m.user_id AND u.status = 'active'
        WHERE o.code = 'A81001' OR (m.role = 'commissioner' AND o.code IN (SELECT unnest(ARRAY[icb_code, sub_icb_code]) FROM organisations WHERE code = 'A81001'))`,
    )
  ).rows;
  return audience;
}

const jobState = async () => (await c.query(`SELECT id, state FROM pgboss.job WHERE name = $1 ORDER BY created_on DESC LIMIT 1`, [JOB])).rows[0];

async function until(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

before(async () => {
  db = await cloneTemplate('fault_job');
  c = await connect(db.url);
  api = await startApi({ databaseUrl: db.url, env: { JOBS_ENABLED: 'true' }, logName: 'fault-job-api-1' });
});

after(async () => {
  await stop(api?.child);
  await c?.end();
  await db?.drop();
});

test('a scheduled job killed mid-run resumes after a restart without duplicate notifications', { timeout: 60_000 }, async () => {
  const audience = await seedContracts(c);
  assert.ok(audience >= 2, 'the demo practice has people to tell');
  // Hold the outbox so the run stops at a known point: notifications written (uncommitted), its emails waiting.
  const blocker = await connect(db.url);
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE email_outbox IN SHARE MODE');
  await c.query(`INSERT INTO pgboss.job (name, data) VALUES ($1, '{}')`, [JOB]);
  const job = await until('the job to start', async () => ((await jobState())?.state === 'active' ? await jobState() : null), 20_000);
  await until(
    'the job to reach the outbox',
    async () =>
      (await c.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO email_outbox%'`)).rowCount > 0,
    10_000,
  );
  api.child.kill('SIGKILL');
  await api.child.exited;
  await blocker.query('ROLLBACK');
  await blocker.end();
  const [{ atKill }] = (await c.query(`SELECT count(*)::int AS "atKill" FROM notifications`)).rows;
  assert.equal(atKill, 0, 'the interrupted run left nothing half-done');
  assert.equal((await jobState()).state, 'active', 'the queue still thinks the job is running');

  // Restart: the abandoned job runs again straight away.
  const restarted = Date.now();
  api = await startApi({ databaseUrl: db.url, env: { JOBS_ENABLED: 'true' }, logName: 'fault-job-api-2' });
  await until('the job to complete', async () => (await jobState()).state === 'completed', 40_000);
  console.log(`The interrupted ${JOB} job completed ${Date.now() - restarted} ms after the restart`);
  assert.equal((await jobState()).id, job.id, 'the same job resumed');

  // Run it again (the next day's run, or a second replica): nothing new.
  await c.query(`INSERT INTO pgboss.job (name, data) VALUES ($1, '{}')`, [JOB]);
  await until('the second run', async () => (await c.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [JOB])).rows[0].n === 2, 30_000);

  const [counts] = (
    await c.query(
      `SELECT (SELECT count(*) FROM notifications)::int AS notifications,
              (SELECT count(*) FROM (SELECT DISTINCT user_id, kind, contract_id, target_date FROM notifications) d)::int AS "distinctNotifications",
              (SELECT count(*) FROM email_outbox WHERE template = 'contract-alert')::int AS emails,
              (SELECT count(DISTINCT to_address) FROM email_outbox WHERE template = 'contract-alert')::int AS "emailedUsers"`,
    )
  ).rows;
  console.log(`After the resumed run and a second run: ${JSON.stringify(counts)}`);
  assert.deepEqual(counts, { notifications: CONTRACTS * 2 * audience, distinctNotifications: CONTRACTS * 2 * audience, emails: audience, emailedUsers: audience });
});
