// Fixtures for the authorisation matrix: two "sides" of the same shape. The home side belongs to the
// demo users (practice A81001, commissioner QHM, vendor 10000); the away side to users added here in
// other organisations (a practice in ICB QOX, commissioner QOX, vendor 10052). Every role runs its
// "own" case against home resources and its "other" case against away resources. Away data carries
// markers (ids, refs, codes, names containing AWAY_MARKER) that no non-operator response may contain.
import { DEMO, TestApp } from '../../backend/test/test-app';

export type Session = Awaited<ReturnType<TestApp['signIn']>>;
export type Role = 'anonymous' | 'practiceManager' | 'commissioner' | 'vendor' | 'operator';
export const ROLES: Role[] = ['anonymous', 'practiceManager', 'commissioner', 'vendor', 'operator'];
export type SignedInRole = Exclude<Role, 'anonymous'>;
export type Side = 'own' | 'other';
/** Where a case's resources come from: 'sibling' is another practice of the same ICB (practice manager only; checked against the 'other' cell). */
export type Source = 'own' | 'other' | 'sibling';

export const AWAY_MARKER = 'Zqx-away-marker';
export const SIBLING_MARKER = 'Zqx-sibling-marker';
const HOME_MARKER = 'Zqx-home';

export const AWAY = {
  practiceManager: 'manager@away-practice.authz.test',
  commissioner: 'commissioner@qox.authz.test',
  vendor: 'vendor@10052.authz.test',
};
export const SIBLING_PRACTICE_MANAGER = 'manager@sibling-practice.authz.test';

// Accredited demo solutions on the Tech Innovation / Advanced Telephony frameworks (see competitions and switching specs).
const FRONTDESK = '10004-002';
const DOCMAN_10 = '10046-001';
const EMIS_WEB = '10000-001';
const SYSTMONE = '10052-002';
/** The demo framework round, open for applications (onboarding). */
const ONBOARDING_ROUND = 'PCF2027';

export interface SideFixtures {
  sessions: Record<SignedInRole, Session>;
  emails: Record<SignedInRole, string>;
  /** The organisation each role acts for on this side. */
  orgCode: Record<SignedInRole, string>;
  /** Another user of that organisation (for member updates). */
  orgUserId: Record<SignedInRole, string>;
  supplierCode: string;
  publicItemId: string;
  /** Per buyer role: a draft order (with one item), a shortlist and a competition. */
  draftOrder: Record<'practiceManager' | 'commissioner', string>;
  orderItemId: string;
  shortlist: Record<'practiceManager' | 'commissioner', string>;
  competition: Record<'practiceManager' | 'commissioner', string>;
  completedOrder: string;
  contractId: string;
  ocid: string | null;
  planId: string | null;
  notification: Record<SignedInRole, string>;
  vendorItemId: string;
  versionId: string;
  /** The side's vendor's application to the demo onboarding round, a clarification question it asked, and a throwaway supplier for suspend/merge. */
  application: string;
  clarification: string;
  onboardingSupplier: string;
  /** Strings that must never appear in another organisation's responses. */
  markers: string[];
}

function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28))).toISOString().slice(0, 10);
}

export function writer(s: Session) {
  return {
    put: (url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object),
    post: (url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object),
  };
}

async function must(res: Promise<{ status: number; body: any }> | { status: number; body: any }, expected: number, what: string) {
  const r = await res;
  if (r.status !== expected) throw new Error(`fixture: ${what} answered ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
}

export async function addUser(t: TestApp, email: string, orgCode: string, role: string) {
  await t.db.query(`INSERT INTO users (email, name, password_hash, status) SELECT $1::text, $1::text, password_hash, 'active' FROM users WHERE email = $2`, [email, DEMO.operator]);
  await t.db.query(
    `INSERT INTO memberships (user_id, organisation_id, role, is_admin) SELECT u.id, o.id, $3, true FROM users u, organisations o WHERE u.email = $1 AND o.code = $2`,
    [email, orgCode, role],
  );
}

async function userId(t: TestApp, email: string): Promise<string> {
  const [row] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [email]);
  return row.id;
}

/** A draft order with ordering party, supplier, term and one item; optionally completed (→ contract). */
export async function makeOrder(s: Session, o: { marker: string; supplierCode: string; itemId: string; frameworkId: string; maxTerm: number; complete?: boolean }) {
  const w = writer(s);
  const ref = (await must(w.post('/api/orders', { description: `${o.marker} order` }), 201, 'create order')).ref as string;
  await must(w.put(`/api/orders/${ref}/ordering-party`, { contact: { name: 'Sam Patel', email: 'sam.patel@nhs.test' } }), 200, 'ordering party');
  await must(w.put(`/api/orders/${ref}/supplier`, { supplierCode: o.supplierCode, contact: { name: 'Alex Vendor', email: 'orders@vendor.test' } }), 200, 'supplier');
  await must(
    w.put(`/api/orders/${ref}/term`, { frameworkId: o.frameworkId, commencementDate: addMonths(todayInLondon(), 1), initialPeriodMonths: 3, maximumTermMonths: o.maxTerm }),
    200,
    'term',
  );
  await must(w.post(`/api/orders/${ref}/items`, { itemId: o.itemId, priceId: 'p1' }), 200, 'add item');
  if (!o.complete) return { ref, contractId: null as string | null };
  await must(w.put(`/api/orders/${ref}/items/${o.itemId}/funding`, { fundingSource: 'local' }), 200, 'funding');
  const done = await must(w.post(`/api/orders/${ref}/complete`).set('Idempotency-Key', `authz-${ref}`), 200, 'complete');
  return { ref, contractId: done.contract.id as string };
}

let seq = 0;
export async function makeShortlist(s: Session, marker: string) {
  return (await must(writer(s).post('/api/shortlists', { name: `${marker} shortlist ${++seq}`, itemIds: [FRONTDESK, DOCMAN_10] }), 201, 'shortlist')).id as string;
}

export async function makeCompetition(s: Session, marker: string) {
  const shortlistId = await makeShortlist(s, marker);
  return (await must(writer(s).post('/api/competitions', { name: `${marker} competition`, shortlistId }), 201, 'competition')).id as string;
}

async function makePlan(s: Session): Promise<string | null> {
  for (const target of [EMIS_WEB, SYSTMONE, FRONTDESK]) {
    const res = await writer(s).post('/api/switch-plans', { targetItemId: target });
    if (res.status === 201) return res.body.id;
  }
  return null;
}

async function makeNotification(t: TestApp, email: string, marker: string): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO notifications (user_id, kind, item_id, status_since, title, body, link, in_app, emailed)
     SELECT id, 'accreditation-lapsed', '10000-002', now(), $2, $2, '/solutions/10000-002', true, false FROM users WHERE email = $1 RETURNING id`,
    [email, `${marker} notification`],
  );
  return row.id;
}

/**
 * Another practice of A81001's ICB, with its practice manager's resources (ordered from supplier 10052,
 * so vendor 10000 has no reason to see them either). The rest is the away side's.
 */
async function buildSibling(t: TestApp, away: SideFixtures): Promise<SideFixtures> {
  const [sibling] = await t.db.query(
    `SELECT code FROM organisations WHERE type = 'practice' AND icb_code = (SELECT icb_code FROM organisations WHERE code = 'A81001') AND code <> 'A81001' ORDER BY code LIMIT 1`,
  );
  await addUser(t, SIBLING_PRACTICE_MANAGER, sibling.code, 'practice_manager');
  const pm = await t.signIn(SIBLING_PRACTICE_MANAGER);
  const marker = SIBLING_MARKER;
  const spec = { marker, supplierCode: '10052', itemId: SYSTMONE, frameworkId: 'ATP001', maxTerm: 6 };
  const completed = await makeOrder(pm, { ...spec, complete: true });
  const draft = (await makeOrder(pm, spec)).ref;
  const shortlist = await makeShortlist(pm, marker);
  const competition = await makeCompetition(pm, marker);
  const planId = await makePlan(pm);
  const notification = await makeNotification(t, SIBLING_PRACTICE_MANAGER, marker);
  const ocidRows = await t.db.query(`SELECT ocid FROM ocds_releases WHERE contract_id = $1 LIMIT 1`, [completed.contractId]);
  const f: SideFixtures = {
    ...away,
    orgCode: { ...away.orgCode, practiceManager: sibling.code },
    orgUserId: { ...away.orgUserId, practiceManager: await userId(t, SIBLING_PRACTICE_MANAGER) },
    publicItemId: SYSTMONE,
    draftOrder: { ...away.draftOrder, practiceManager: draft },
    orderItemId: SYSTMONE,
    shortlist: { ...away.shortlist, practiceManager: shortlist },
    competition: { ...away.competition, practiceManager: competition },
    completedOrder: completed.ref,
    contractId: completed.contractId!,
    ocid: ocidRows[0]?.ocid ?? null,
    planId,
    notification: { ...away.notification, practiceManager: notification },
    markers: [],
  };
  f.markers = [marker, sibling.code, completed.ref, draft, f.contractId, shortlist, competition, ...(planId ? [planId] : []), notification, SIBLING_PRACTICE_MANAGER];
  return f;
}

export async function buildSides(t: TestApp): Promise<{ own: SideFixtures; other: SideFixtures; sibling: SideFixtures }> {
  const [away] = await t.db.query(`SELECT code FROM organisations WHERE type = 'practice' AND icb_code = 'QOX' ORDER BY code LIMIT 1`);
  const [operatorOrg] = await t.db.query(
    `SELECT o.code FROM organisations o JOIN memberships m ON m.organisation_id = o.id JOIN users u ON u.id = m.user_id WHERE u.email = $1`,
    [DEMO.operator],
  );
  await addUser(t, AWAY.practiceManager, away.code, 'practice_manager');
  await addUser(t, AWAY.commissioner, 'QOX', 'commissioner');
  await addUser(t, AWAY.vendor, '10052', 'vendor');
  // A second member in each organisation, for PATCH members/{userId}.
  const spare = { practiceManager: ['spare@a81001.authz.test', 'A81001', 'practice_manager'], commissioner: ['spare@qhm.authz.test', 'QHM', 'commissioner'], vendor: ['spare@10000.authz.test', '10000', 'vendor'], operator: ['spare@operator.authz.test', operatorOrg.code, 'operator'] } as const;
  const awaySpare = { practiceManager: ['spare@away.authz.test', away.code, 'practice_manager'], commissioner: ['spare@qox.authz.test', 'QOX', 'commissioner'], vendor: ['spare@10052.authz.test', '10052', 'vendor'], operator: ['spare2@away.authz.test', away.code, 'practice_manager'] } as const;
  for (const [email, code, role] of [...Object.values(spare), ...Object.values(awaySpare)]) await addUser(t, email, code, role);

  const homeEmails: Record<SignedInRole, string> = { practiceManager: DEMO.practiceManager, commissioner: DEMO.commissioner, vendor: DEMO.vendor, operator: DEMO.operator };
  const awayEmails: Record<SignedInRole, string> = { ...AWAY, operator: DEMO.operator };

  async function side(name: 'home' | 'away'): Promise<SideFixtures> {
    const emails = name === 'home' ? homeEmails : awayEmails;
    const marker = name === 'home' ? HOME_MARKER : AWAY_MARKER;
    const sessions = {} as Record<SignedInRole, Session>;
    for (const role of Object.keys(emails) as SignedInRole[]) sessions[role] = await t.signIn(emails[role]);
    const supplierCode = name === 'home' ? '10000' : '10052';
    const orderSpec = name === 'home'
      ? { marker, supplierCode, itemId: EMIS_WEB, frameworkId: 'TIF001', maxTerm: 36 }
      : { marker, supplierCode, itemId: SYSTMONE, frameworkId: 'ATP001', maxTerm: 6 };
    const completed = await makeOrder(sessions.practiceManager, { ...orderSpec, complete: true });
    const draftOrder = {
      practiceManager: (await makeOrder(sessions.practiceManager, orderSpec)).ref,
      commissioner: (await makeOrder(sessions.commissioner, orderSpec)).ref,
    };
    const shortlist = { practiceManager: await makeShortlist(sessions.practiceManager, marker), commissioner: await makeShortlist(sessions.commissioner, marker) };
    const competition = { practiceManager: await makeCompetition(sessions.practiceManager, marker), commissioner: await makeCompetition(sessions.commissioner, marker) };
    const planId = await makePlan(sessions.practiceManager);
    const notification = {} as Record<SignedInRole, string>;
    for (const role of Object.keys(emails) as SignedInRole[]) notification[role] = await makeNotification(t, emails[role], marker);
    const vendorItem = await must(writer(sessions.vendor).post('/api/vendor/items', { type: 'solution', name: `${marker} listing` }), 201, 'vendor item');
    // The live (approved) version of the side's published solution: moderation reads show it.
    const [version] = await t.db.query(`SELECT id FROM listing_versions WHERE item_id = $1 ORDER BY id LIMIT 1`, [orderSpec.itemId]);
    const ocidRows = await t.db.query(`SELECT ocid FROM ocds_releases WHERE contract_id = $1 LIMIT 1`, [completed.contractId]).catch(() => []);
    const application = await must(writer(sessions.vendor).post(`/api/onboarding/frameworks/${ONBOARDING_ROUND}/applications`), 201, 'application');
    const clarification = await must(writer(sessions.vendor).post(`/api/onboarding/frameworks/${ONBOARDING_ROUND}/clarifications`, { question: `${marker} clarification` }), 201, 'clarification');
    const [onboardingSupplier] = await t.db.query(`INSERT INTO organisations (code, type, name) VALUES ($1, 'supplier', $2) RETURNING code`, [name === 'home' ? '19998' : '19999', `${marker} registered supplier`]);
    const spares = name === 'home' ? spare : awaySpare;
    const orgUserId = {} as Record<SignedInRole, string>;
    for (const role of Object.keys(spares) as SignedInRole[]) orgUserId[role] = await userId(t, spares[role][0]);
    // The operator's "other" organisation is the away practice: the operator manages every organisation.
    const orgCode = { practiceManager: name === 'home' ? 'A81001' : away.code, commissioner: name === 'home' ? 'QHM' : 'QOX', vendor: supplierCode, operator: name === 'home' ? operatorOrg.code : away.code };

    const f: SideFixtures = {
      sessions,
      emails,
      orgCode,
      orgUserId,
      supplierCode,
      publicItemId: orderSpec.itemId,
      draftOrder,
      orderItemId: orderSpec.itemId,
      shortlist,
      competition,
      completedOrder: completed.ref,
      contractId: completed.contractId!,
      ocid: ocidRows[0]?.ocid ?? null,
      planId,
      notification,
      vendorItemId: vendorItem.id,
      versionId: version?.id ?? '00000000-0000-4000-8000-000000000000',
      application: application.id,
      clarification: clarification.id,
      onboardingSupplier: onboardingSupplier.code,
      markers: [],
    };
    f.markers = [
      marker,
      away.code,
      f.completedOrder,
      ...Object.values(draftOrder),
      f.contractId,
      ...Object.values(shortlist),
      ...Object.values(competition),
      ...(planId ? [planId] : []),
      ...Object.values(notification).filter((_, i) => i < 3),
      f.vendorItemId,
      f.application,
      ...Object.values(AWAY),
      ...Object.values(awaySpare).map(([email]) => email),
    ];
    return f;
  }

  const own = await side('home');
  const other = await side('away');
  return { own, other, sibling: await buildSibling(t, other) };
}
