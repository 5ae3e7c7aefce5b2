// The API SIGKILLed while completing orders, then every request retried with its Idempotency-Key
// against a restarted API: each order is completed exactly once (one contract, one set of audit
// events, emails and open-data releases) and none that completed is lost.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { cloneTemplate, connect, DEMO, request, signIn, sleep, startApi, stop } from './harness.mjs';

const ORDERS = 60;
const CONNECTIONS = 12;

let db;
let c;
let api;
let refs;

/** Drafts of the demo ICB (QHM) with every step done, 1–3 of its practices each (as bench:orders seeds them). */
async function seedDrafts(client) {
  const [{ qhm, commissioner, supplier }] = (
    await client.query(`SELECT (SELECT id FROM organisations WHERE code = 'QHM') AS qhm, (SELECT id FROM users WHERE email = $1) AS commissioner,
                               (SELECT id FROM organisations WHERE code = '10000') AS supplier`, [DEMO.commissioner])
  ).rows;
  const drafts = (
    await client.query(
      `INSERT INTO orders (number, description, ordering_party_id, ordering_contact, supplier_id, supplier_contact, framework_id,
                           commencement_date, initial_period_months, maximum_term_months, created_by)
       SELECT nextval('order_number_seq'), 'Fault order ' || g, $2::uuid, '{"name":"Callum Reid","email":"commissioner@demo.gpit.test"}',
              $4::uuid, '{"name":"Orders","email":"orders@emis.test"}', 'TIF001', (now() AT TIME ZONE 'Europe/London')::date + 30, 3, 36, $3::uuid
         FROM generate_series(1, $1::int) g
       RETURNING id, number`,
      [ORDERS, qhm, commissioner, supplier],
    )
  ).rows;
  await client.query(
    `INSERT INTO order_recipients (order_id, practice_id)
     SELECT o.id, p.id FROM orders o CROSS JOIN generate_series(0, 2) k
       JOIN (SELECT id, row_number() OVER (ORDER BY code) AS n FROM organisations WHERE type = 'practice' AND icb_code = 'QHM') p
         ON p.n = 1 + ((o.number * 3 + k * 101) % (SELECT count(*) FROM organisations WHERE type = 'practice' AND icb_code = 'QHM'))
      WHERE o.id = ANY($1) AND k <= o.number % 3
     ON CONFLICT DO NOTHING`,
    [drafts.map((d) => d.id)],
  );
  for (const item of ['10000-001', '10000-S-003']) {
    await client.query(
      `INSERT INTO order_items (order_id, item_id, listing_version_id, price_id, price_snapshot, funding_source, quantity)
       SELECT o.id, i.id, v.id, 'p1', v.content->'prices'->0, 'local', CASE WHEN i.type = 'solution' THEN NULL ELSE 1 END
         FROM orders o CROSS JOIN catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id
        WHERE o.id = ANY($2) AND i.id = $1`,
      [item, drafts.map((d) => d.id)],
    );
  }
  return drafts.map((d) => `C${String(d.number).padStart(6, '0')}-01`);
}

before(async () => {
  db = await cloneTemplate('fault_kill');
  c = await connect(db.url);
  refs = await seedDrafts(c);
  api = await startApi({ databaseUrl: db.url, logName: 'fault-kill-api-1' });
});

after(async () => {
  await stop(api?.child);
  await c?.end();
  await db?.drop();
});

test('SIGKILL while completing orders, then retries with the same Idempotency-Key: each order exactly once, none lost', { timeout: 60_000 }, async () => {
  const headers = await signIn(api.port, DEMO.commissioner);
  const complete = (port, ref, agent) =>
    request(port, 'POST', `/api/orders/${ref}/complete`, { agent, timeoutMs: 20_000, headers: { ...headers, 'idempotency-key': `fault-kill-${ref}` } });

  // First pass: all orders at once; the process is killed once a quarter have been answered.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const first = new Map();
  let killedAt = null;
  const firstPort = api.port;
  await Promise.all(
    refs.map(async (ref) => {
      try {
        const res = await complete(firstPort, ref, agent);
        first.set(ref, res);
        if (first.size >= ORDERS / 4 && !killedAt) {
          killedAt = Date.now();
          api.child.kill('SIGKILL');
        }
      } catch (e) {
        first.set(ref, { status: 0, error: e.message });
      }
    }),
  );
  agent.destroy();
  const exit = await api.child.exited;
  assert.equal(exit.signal, 'SIGKILL');
  const answered = [...first.entries()].filter(([, r]) => r.status === 200);
  const unanswered = [...first.values()].filter((r) => r.status === 0).length;
  const [{ completedAtKill }] = (await c.query(`SELECT count(*)::int AS "completedAtKill" FROM orders WHERE status = 'completed' AND description LIKE 'Fault order %'`)).rows;
  console.log(`Killed the API after ${answered.length} completions answered; ${unanswered} requests cut off; ${completedAtKill} orders completed in the database at that point`);
  assert.ok(unanswered > 0, 'some requests were in flight when the process died');
  assert.ok(answered.length >= ORDERS / 4);

  // Restart, then the client retries every request with its key (the answered ones too: they replay).
  api = await startApi({ databaseUrl: db.url, port: firstPort, logName: 'fault-kill-api-2' });
  const started = Date.now();
  const retried = new Map();
  const retryAgent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  await Promise.all(refs.map(async (ref) => retried.set(ref, await complete(api.port, ref, retryAgent))));
  retryAgent.destroy();
  console.log(`Retried ${refs.length} requests in ${Date.now() - started} ms`);

  for (const ref of refs) {
    const res = retried.get(ref);
    // A claim left in progress by the dead process is taken over at once, not answered 409 for minutes.
    assert.equal(res.status, 200, `${ref}: ${res.status} ${res.text.slice(0, 300)}`);
    assert.equal(JSON.parse(res.text).status, 'completed');
    const before = first.get(ref);
    if (before.status === 200) {
      assert.equal(res.headers['idempotent-replayed'], 'true', `${ref} was answered before the kill: the retry replays it`);
      assert.deepEqual(JSON.parse(res.text), JSON.parse(before.text));
    }
  }

  const numbers = refs.map((r) => Number(r.slice(1, 7)));
  const [counts] = (
    await c.query(
      `SELECT (SELECT count(*) FROM orders WHERE number = ANY($1) AND status = 'completed')::int AS completed,
              (SELECT count(*) FROM contracts WHERE order_number = ANY($1))::int AS contracts,
              (SELECT count(*) FROM contract_recipients cr JOIN contracts k ON k.id = cr.contract_id WHERE k.order_number = ANY($1))::int AS "contractRecipients",
              (SELECT count(*) FROM order_recipients r JOIN orders o ON o.id = r.order_id WHERE o.number = ANY($1))::int AS "orderRecipients",
              (SELECT count(*) FROM audit_events WHERE action = 'order.completed' AND object_id = ANY($2))::int AS "completedEvents",
              (SELECT count(DISTINCT object_id) FROM audit_events WHERE action = 'order.completed' AND object_id = ANY($2))::int AS "completedOrders",
              (SELECT count(*) FROM audit_events a JOIN contracts k ON k.id::text = a.object_id WHERE a.action = 'contract.created' AND k.order_number = ANY($1))::int AS "contractEvents",
              (SELECT count(*) FROM email_outbox WHERE template = 'order-received' AND subject LIKE ANY($3))::int AS "supplierEmails",
              (SELECT count(*) FROM email_outbox WHERE template = 'order-completed' AND subject LIKE ANY($3))::int AS "buyerEmails",
              (SELECT count(*) FROM ocds_releases WHERE order_number = ANY($1))::int AS releases,
              (SELECT count(*) FROM idempotency_keys WHERE key LIKE 'fault-kill-%' AND status = 'in_progress')::int AS "openClaims"`,
      [numbers, refs, refs.map((r) => `%${r}%`)],
    )
  ).rows;
  console.log(`After the retries: ${JSON.stringify(counts)}`);
  assert.deepEqual(counts, {
    completed: ORDERS,
    contracts: ORDERS,
    contractRecipients: counts.orderRecipients,
    orderRecipients: counts.orderRecipients,
    completedEvents: ORDERS,
    completedOrders: ORDERS,
    contractEvents: ORDERS,
    supplierEmails: ORDERS,
    buyerEmails: ORDERS,
    releases: ORDERS,
    openClaims: 0,
  });
  await sleep(0);
});
