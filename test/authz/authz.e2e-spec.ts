/// <reference types="jest" />
// The authorisation matrix: every operation of docs/openapi.json × every role × own / other
// organisation, checked against test/authz/expectations.ts. See docs/reliability.md.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FakeStripe, startFakeStripe } from '../../backend/test/fake-stripe';
import { createTestApp, TestApp } from '../../backend/test/test-app';
import { buildSides, Role, Session, SideFixtures, SignedInRole, Source } from './fixtures';
import { EXPECTATIONS } from './expectations';
import { bodyFor, fillPath, loadOperations, Operation } from './matrix';
import { cellFor, classify, matches } from './outcomes';

const RECORD = process.env.AUTHZ_RECORD === '1';
const operations = loadOperations();

/** Reads first, then writes, then deletes; sign-out last. Destructive cases run after everything that needs their fixtures. */
function phase(op: Operation): number {
  if (op.operationId === 'Auth_signOut') return 4;
  if (op.method === 'get') return 0;
  if (op.method === 'delete') return op.path.split('/').length > 5 ? 2 : 3; // an order's item before the order
  return 1;
}

function isText(res: { headers: Record<string, string> }): boolean {
  return /json|text|csv/.test(res.headers['content-type'] ?? '');
}

interface Result {
  operationId: string;
  role: Role;
  side: Source;
  url: string;
  status: number;
  problem: string | null;
}

describe('authorisation matrix', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let sides: { own: SideFixtures; other: SideFixtures; sibling: SideFixtures };
  let ref: { standardId: string; capabilityId: string; epicId: string };
  const results: Result[] = [];
  /** Operations whose answers to the operator (who sees everything) carry the away markers. */
  const operatorSaw = new Set<string>();

  beforeAll(async () => {
    // Payments on, against the fake Stripe server, so the payments endpoints reach their ownership checks.
    stripe = await startFakeStripe();
    t = await createTestApp({ STRIPE_SECRET_KEY: 'sk_test_authz', STRIPE_WEBHOOK_SECRET: 'whsec_authz', STRIPE_API_BASE: stripe.url });
    sides = await buildSides(t);
    const [s] = await t.db.query(`SELECT id FROM standards ORDER BY id LIMIT 1`);
    const [c] = await t.db.query(`SELECT id FROM capabilities ORDER BY id LIMIT 1`);
    const [e] = await t.db.query(`SELECT id FROM epics ORDER BY id LIMIT 1`);
    ref = { standardId: String(s.id), capabilityId: String(c.id), epicId: String(e.id) };
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  it('declares an expectation for every operation in the OpenAPI document, and none for operations that no longer exist', () => {
    const inDocument = new Set(operations.map((o) => o.operationId));
    const undeclared = [...inDocument].filter((id) => !EXPECTATIONS[id]);
    const stale = Object.keys(EXPECTATIONS).filter((id) => !inDocument.has(id));
    if (!RECORD) {
      expect({ undeclared }).toEqual({ undeclared: [] });
      expect({ stale }).toEqual({ stale: [] });
    }
  });

  it('answers every operation × role × organisation as declared, and never with another organisation’s data', async () => {
    const ordered = [...operations].sort((a, b) => phase(a) - phase(b));
    // Within an operation: other-organisation cases first (they must not change anything), then the
    // own cases, the practice manager (who owns most fixtures) last.
    // The practice manager's "other" is checked twice: a practice in another ICB and one in the same ICB.
    const order: [Role, Source][] = [
      ['anonymous', 'own'],
      ...(['operator', 'vendor', 'commissioner', 'practiceManager'] as const).map((r) => [r, 'other'] as [Role, Source]),
      ['practiceManager', 'sibling'],
      ...(['operator', 'vendor', 'commissioner', 'practiceManager'] as const).map((r) => [r, 'own'] as [Role, Source]),
    ];
    // What a role must never see: the away side's markers; the same-ICB practice's too, except for the
    // commissioner of that ICB, whose area it is.
    const forbiddenMarkers = (role: Role) => (role === 'commissioner' ? sides.other.markers : [...sides.other.markers, ...sides.sibling.markers]);
    for (const op of ordered) {
      const e = EXPECTATIONS[op.operationId];
      for (const [role, side] of order) {
        const f = sides[side];
        const url = fillPath(op, role, f, ref);
        let session: Session | null = null;
        if (role !== 'anonymous') {
          const r = role as SignedInRole;
          // Signing out ends the session: use a throwaway one (of the own side's user).
          session = op.operationId === 'Auth_signOut' ? await t.signIn(sides.own.emails[r]) : sides.own.sessions[r];
        }
        let req = session ? session.agent[op.method](url) : t.http()[op.method](url);
        if (session && op.method !== 'get') req = req.set('X-CSRF-Token', session.csrf);
        if (op.method !== 'get' && op.method !== 'delete') req = req.send(bodyFor(op));
        const res = await req;
        let problem: string | null = null;
        if (!RECORD) {
          if (!e) continue;
          const want = cellFor(e, role, side === 'own' ? 'own' : 'other');
          if (!matches(want, res.status)) problem = `expected ${want}, got ${res.status} ${JSON.stringify(res.body ?? '').slice(0, 200)}`;
        }
        // Leak scan: a successful response to anyone but the operator must not carry the away side's markers.
        if (!problem && res.status < 300 && role !== 'anonymous' && role !== 'operator' && !(e?.public || e?.leakExempt) && isText(res)) {
          const text = res.text ?? JSON.stringify(res.body ?? '');
          const leaked = forbiddenMarkers(role).filter((m) => text.includes(m));
          if (leaked.length) problem = `LEAK: response carries another organisation's data: ${leaked.join(', ')}`;
        }
        if (RECORD && res.status >= 400) problem = `${res.body?.code ?? ''} ${res.body?.detail ?? ''}`.slice(0, 160);
        if (role === 'operator' && side === 'other' && res.status < 300 && isText(res) && sides.other.markers.some((m) => (res.text ?? '').includes(m))) operatorSaw.add(op.operationId);
        results.push({ operationId: op.operationId, role, side, url, status: res.status, problem });
      }
    }

    if (RECORD) {
      const observed: Record<string, Record<string, string>> = {};
      for (const r of results) {
        observed[r.operationId] ??= {};
        observed[r.operationId][`${r.role}:${r.side}`] = classify(r.status) + (r.problem ? ` ${r.problem}` : '');
      }
      writeFileSync(path.join(__dirname, 'observed.json'), JSON.stringify({ operations: operations.map((o) => `${o.method.toUpperCase()} ${o.path} ${o.operationId}`), observed }, null, 1));
    }
    const failures = results.filter((r) => r.problem && !RECORD).map((r) => `${r.operationId} as ${r.role} (${r.side} organisation) ${r.url}: ${r.problem}`);
    console.log(`authz matrix: ${operations.length} operations, ${results.length} requests, ${failures.length} failures`);
    expect(failures).toEqual([]);
    // The leak scan is not vacuous: the markers are planted where the API returns them.
    console.log(`authz matrix: the operator's answers carried the other organisation's markers in ${operatorSaw.size} operations: ${[...operatorSaw].join(', ')}`);
    for (const id of ['Orders_get', 'Orders_list', 'Contracts_get', 'Contracts_list', 'Register_list', 'Audit_list']) expect([...operatorSaw]).toContain(id);
  }, 600_000);
});
