/// <reference types="jest" />
// The hostile-input suite: generated malformed requests to every operation of docs/openapi.json.
// No 5xx, every error is problem+json, and a refused request writes nothing. See docs/reliability.md.
// FUZZ_SEED (default: random, printed), FUZZ_COUNT (default 1,500; `npm run fuzz`: 6,000),
// FUZZ_ONLY=i,j (re-run only those cases of a seed).
import { buildSides, SideFixtures, SignedInRole } from '../authz/fixtures';
import { loadOperations, Operation } from '../authz/matrix';
import { FakeStripe, startFakeStripe } from '../../backend/test/fake-stripe';
import { createTestApp, TestApp } from '../../backend/test/test-app';
import { buildCase, excerpt, FuzzCase, Ref } from './cases';
import { changed, Counts, countQuery, rowCounts } from './row-counts';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : Math.floor(Math.random() * 2 ** 32);
const COUNT = Number(process.env.FUZZ_COUNT ?? 1500);
const ONLY = process.env.FUZZ_ONLY ? new Set(process.env.FUZZ_ONLY.split(',').map(Number)) : null;
const REQUEST_TIMEOUT_MS = 30_000;

/** Reads first, then writes, then deletes; sign-out last (as in the authorisation matrix). */
function phase(op: Operation): number {
  if (op.operationId === 'Auth_signOut') return 4;
  if (op.method === 'get') return 0;
  if (op.method === 'delete') return op.path.split('/').length > 5 ? 2 : 3;
  return 1;
}

interface Sent {
  status: number;
  contentType: string;
  text: string;
}

function problemError(res: Sent): string | null {
  if (res.status >= 500) return `status ${res.status}`;
  if (res.status < 400) return null;
  if (!/^application\/problem\+json/.test(res.contentType)) return `error without problem+json (Content-Type: ${res.contentType || 'none'})`;
  let p: any;
  try {
    p = JSON.parse(res.text);
  } catch {
    return 'problem+json body is not JSON';
  }
  if (typeof p?.type !== 'string' || typeof p?.title !== 'string' || p?.status !== res.status) return 'problem+json without type, title and a matching status';
  return null;
}

describe('hostile input', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let own: SideFixtures;
  let ref: Ref;

  beforeAll(async () => {
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_COUNT=${COUNT}${ONLY ? ` FUZZ_ONLY=${[...ONLY].join(',')}` : ''}`);
    // Payments on, against the fake Stripe server, so the payments endpoints validate their input.
    stripe = await startFakeStripe();
    t = await createTestApp({ STRIPE_SECRET_KEY: 'sk_test_fuzz', STRIPE_WEBHOOK_SECRET: 'whsec_fuzz', STRIPE_API_BASE: stripe.url });
    own = (await buildSides(t)).own;
    const [s] = await t.db.query(`SELECT id FROM standards ORDER BY id LIMIT 1`);
    const [c] = await t.db.query(`SELECT id FROM capabilities ORDER BY id LIMIT 1`);
    const [e] = await t.db.query(`SELECT id FROM epics ORDER BY id LIMIT 1`);
    ref = { standardId: String(s.id), capabilityId: String(c.id), epicId: String(e.id) };
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  async function send(c: FuzzCase): Promise<Sent> {
    const session = c.role === 'anonymous' ? null : own.sessions[c.role as SignedInRole];
    let req = session ? session.agent[c.method](c.url) : t.http()[c.method](c.url);
    if (session && c.csrf && c.method !== 'get') req = req.set('X-CSRF-Token', session.csrf);
    req = req.timeout(REQUEST_TIMEOUT_MS).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(Buffer.from(d)));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    if (c.body?.type === 'json') req = req.set('Content-Type', 'application/json').send(JSON.stringify(c.body.value));
    else if (c.body?.type === 'raw') {
      if (c.body.contentType) req = req.set('Content-Type', c.body.contentType);
      if (c.body.encoding) req = req.set('Content-Encoding', c.body.encoding);
      req = req.send(c.body.bytes);
    }
    const res = await req;
    return { status: res.status, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.isBuffer(res.body) ? res.body.toString('utf8') : String(res.text ?? '') };
  }

  it(`answers ${COUNT} hostile requests without a 5xx, with problem+json, writing nothing when refused`, async () => {
    const operations = loadOperations().sort((a, b) => phase(a) - phase(b));
    const sql = await countQuery(t.db);
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    const started = Date.now();
    let index = 0;
    let sent = 0;
    let countingMs = 0;
    for (const [k, op] of operations.entries()) {
      const n = Math.floor(COUNT / operations.length) + (k < COUNT % operations.length ? 1 : 0);
      let baseline: Counts = await rowCounts(t.db, sql);
      for (let i = 0; i < n; i++, index++) {
        if (ONLY && !ONLY.has(index)) continue;
        const c = buildCase(SEED, index, op, own, ref);
        const where = `case ${index} (FUZZ_SEED=${SEED} FUZZ_COUNT=${COUNT} FUZZ_ONLY=${index}) ${op.operationId} as ${c.role}${c.csrf ? '' : ' without CSRF token'} [${c.kind}]\n  ${c.method.toUpperCase()} ${c.url.length > 300 ? `${c.url.slice(0, 300)}… (${c.url.length} chars)` : c.url}\n  body: ${excerpt(c.body)}`;
        let res: Sent;
        try {
          res = await send(c);
        } catch (e) {
          failures.push(`${where}\n  no response: ${(e as Error).message}`);
          baseline = await rowCounts(t.db, sql);
          continue;
        }
        sent++;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const problem = problemError(res);
        // Each case is checked on its own: a refused request must leave every row count as it was.
        const counting = Date.now();
        const after = await rowCounts(t.db, sql);
        countingMs += Date.now() - counting;
        const diff = res.status >= 400 ? changed(baseline, after) : [];
        if (problem || diff.length) {
          failures.push(`${where}\n  → ${res.status} ${res.contentType}: ${res.text.slice(0, 400)}\n  ${[problem, diff.length ? `refused but wrote: ${diff.join(', ')}` : null].filter(Boolean).join('; ')}`);
        }
        baseline = after;
      }
    }
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`fuzz: ${sent} requests to ${operations.length} operations in ${secs} s (${(countingMs / 1000).toFixed(1)} s of it counting rows), FUZZ_SEED=${SEED}; statuses ${JSON.stringify(statuses)}; ${failures.length} failures`);
    if (failures.length) console.error(`fuzz: FUZZ_SEED=${SEED} failures:\n\n${failures.slice(0, 50).join('\n\n')}`);
    expect(failures.length).toBe(0);
  }, 900_000);
});
