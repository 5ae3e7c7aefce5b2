import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { publishNewVersion } from '../search/search.fixtures';
import { formatPoints } from './scoring';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const OTHER_PRACTICE = 'manager@a81002.competitions.test';

// Accredited demo solutions on the Tech Innovation Framework, each with one per-patient yearly price p1.
const FRONTDESK = '10004-002'; // £0.19
const DOCMAN_10 = '10046-001'; // £0.28
const DOCMAN_7 = '10046-003'; // £0.28, conditional
const RIVIAM = '10029-003'; // £0.84
const ACCURX = '10030-001'; // £10.00
const EMIS_WEB = '10000-001'; // £1.26
const ANYWHERE_CONSULT = '10000-002'; // lapsed
const TRAINING_DAY = '10000-S-003'; // an associated service, not a solution

describe('competitions: shortlist to results to a draft order', () => {
  let t: TestApp;
  let practice: Session;
  let commissioner: Session;
  let vendor: Session;
  let operator: Session;
  let otherPractice: Session;
  let shortlistSeq = 0;

  const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const del = (s: Session, url: string) => s.agent.delete(url).set('X-CSRF-Token', s.csrf);
  const fieldsOf = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  async function shortlist(s: Session, itemIds: string[]): Promise<string> {
    const res = await post(s, '/api/shortlists', { name: `Shortlist ${++shortlistSeq}`, itemIds }).expect(201);
    return res.body.id;
  }

  async function competition(s: Session, name: string, itemIds: string[]): Promise<any> {
    const shortlistId = await shortlist(s, itemIds);
    return (await post(s, '/api/competitions', { name, shortlistId }).expect(201)).body;
  }

  /** Whole-term cost of the item's first price, from the solution page's estimate (the pricing module). */
  async function wholeTerm(s: Session, itemId: string, practices: string[], termMonths: number): Promise<number> {
    const res = await s.agent.get(`/api/catalogue/items/${itemId}/estimate?practices=${practices.join(',')}&termMonths=${termMonths}`).expect(200);
    return res.body.totals.wholeTermPence;
  }

  async function pdfText(s: Session, url: string): Promise<{ text: string; title: string }> {
    const res = await s.agent
      .get(url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, '../../../test/pdf-text.mjs')], { input: res.body }).toString());
    return { text: pdf.pages.join(' ').replace(/\s+/g, ' '), title: pdf.info.Title };
  }

  const pounds = (p: number) => `£${Math.floor(p / 100).toLocaleString('en-GB')}.${String(p % 100).padStart(2, '0')}`;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.query(`INSERT INTO users (email, name, password_hash, status) SELECT $1::text, 'Other Manager', password_hash, 'active' FROM users WHERE email = $2`, [OTHER_PRACTICE, DEMO.operator]);
    await t.db.query(
      `INSERT INTO memberships (user_id, organisation_id, role) SELECT u.id, o.id, 'practice_manager' FROM users u, organisations o WHERE u.email = $1 AND o.code = 'A81002'`,
      [OTHER_PRACTICE],
    );
    [practice, commissioner, vendor, operator, otherPractice] = await Promise.all([
      t.signIn(DEMO.practiceManager),
      t.signIn(DEMO.commissioner),
      t.signIn(DEMO.vendor),
      t.signIn(DEMO.operator),
      t.signIn(OTHER_PRACTICE),
    ]);
  });

  afterAll(() => t?.close());

  it('starts from a shortlist: solutions only, their saved listing versions frozen, once per Idempotency-Key', async () => {
    const shortlistId = await shortlist(practice, [ACCURX, FRONTDESK, TRAINING_DAY]);
    const saved = await t.db.query(`SELECT item_id, listing_version_id FROM shortlist_items WHERE shortlist_id = $1 ORDER BY item_id`, [shortlistId]);
    const versionOf = (id: string) => saved.find((r: any) => r.item_id === id).listing_version_id;

    const options = (await practice.agent.get('/api/competitions/options').expect(200)).body;
    expect(options.shortlists).toEqual(expect.arrayContaining([{ id: shortlistId, name: `Shortlist ${shortlistSeq}`, solutionCount: 2 }]));
    expect(options.frameworks.map((f: any) => f.id)).toEqual(expect.arrayContaining(['TIF001', 'ATP001']));
    expect(options.frameworks.map((f: any) => f.id)).not.toContain('NHSDGP001'); // expired
    expect(options.frameworks.find((f: any) => f.id === 'TIF001')).toEqual({ id: 'TIF001', name: 'Tech Innovation Framework', maxTermMonths: 36 });
    expect(options.integrationTypes).toEqual(expect.arrayContaining(['IM1: Bulk', 'GP Connect: Access Record HTML']));

    const first = await post(practice, '/api/competitions', { name: 'Messaging 2027', shortlistId }).set('Idempotency-Key', 'competition-create-1').expect(201);
    const again = await post(practice, '/api/competitions', { name: 'Messaging 2027', shortlistId }).set('Idempotency-Key', 'competition-create-1').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const c = first.body;
    expect(c).toMatchObject({
      name: 'Messaging 2027',
      status: 'draft',
      awardType: null,
      shortlist: { id: shortlistId, name: `Shortlist ${shortlistSeq}` },
      framework: null,
      termMonths: null,
      recipients: [{ odsCode: 'A81001', name: 'THE DENSHAM SURGERY', registeredPatients: 3904 }],
      criteria: { type: null, priceWeight: null, weights: { features: 0, implementation: 0, interoperability: 0, serviceLevels: 0 } },
      requirements: { features: [], integrationTypes: [] },
      scores: [],
      elements: [],
      canComplete: false,
      canDirectAward: false,
      preview: null,
      results: null,
      orderRef: null,
      createdByName: expect.any(String),
      completedAt: null,
    });
    // In the shortlist's order (items saved together: by id).
    expect(c.solutions.map((s: any) => s.itemId)).toEqual([FRONTDESK, ACCURX]);
    const accurx = c.solutions[1];
    expect(accurx).toMatchObject({
      name: 'AccuRx',
      supplierCode: '10030',
      listingVersionId: versionOf(ACCURX),
      included: null,
      exclusionReason: null,
      accreditationStatus: 'accredited',
      prices: [{ id: 'p1', display: expect.stringContaining('£10.00'), takesQuantity: false }],
      priceId: 'p1',
      quantity: null,
      wholeTermPence: null,
    });
    expect(accurx.integrationTypes).toEqual(['IM1: Transactional']);
    expect(c.tasks.map((x: any) => [x.key, x.status])).toEqual([
      ['solutions', 'not_started'],
      ['recipients', 'completed'],
      ['term', 'not_started'],
      ['prices', 'cannot_start'],
      ['criteria', 'not_started'],
      ['requirements', 'cannot_start'],
      ['scores', 'cannot_start'],
      ['results', 'cannot_start'],
    ]);
    expect(c.blockers).toEqual(expect.arrayContaining(['Decide whether to include FrontDesk', 'Decide whether to include AccuRx', 'Choose the framework and contract length', 'Choose the award criteria and weightings']));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM competitions WHERE name = 'Messaging 2027'`))[0].n).toBe(1);

    // The supplier publishes a new version with a new name and price: the competition keeps what was shortlisted.
    const [live] = await t.db.query(`SELECT v.content->'prices' AS prices FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id WHERE i.id = $1`, [ACCURX]);
    const newPrices = [{ ...live.prices[0], tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 1 }] }];
    const v2 = await publishNewVersion(t.db, ACCURX, { name: 'AccuRx Plus', prices: newPrices });
    await put(practice, `/api/competitions/${c.id}/term`, { frameworkId: 'TIF001', termMonths: 12 }).expect(200);
    const later = (await practice.agent.get(`/api/competitions/${c.id}`).expect(200)).body;
    const frozen = later.solutions.find((s: any) => s.itemId === ACCURX);
    expect(frozen.listingVersionId).toBe(versionOf(ACCURX));
    expect(frozen.listingVersionId).not.toBe(v2);
    expect(frozen.name).toBe('AccuRx');
    expect(frozen.wholeTermPence).toBe(Math.round((100_000 * 3904) / 100)); // £10.00 × 3,904 patients × 1 year, not the new price

    const [audit] = await t.db.query(`SELECT actor_email, after FROM audit_events WHERE action = 'competition.created' AND object_id = $1`, [c.id]);
    expect(audit.actor_email).toBe(DEMO.practiceManager);
    expect(audit.after).toMatchObject({ name: 'Messaging 2027', shortlistId, solutions: [{ itemId: FRONTDESK }, { itemId: ACCURX, listingVersionId: versionOf(ACCURX) }] });
  });

  it('refuses bad input field by field, changing nothing', async () => {
    // Creating: name, shortlist (missing, someone else's, without solutions), a name already used (any case).
    const noName = await post(practice, '/api/competitions', { name: ' ', shortlistId: 'x' }).expect(400);
    expect(fieldsOf(noName).sort()).toEqual(['name', 'shortlistId']);
    const othersShortlist = await shortlist(otherPractice, [FRONTDESK]);
    const notYours = await post(practice, '/api/competitions', { name: 'Not mine', shortlistId: othersShortlist }).expect(400);
    expect(notYours.body.errors).toEqual([{ field: 'shortlistId', message: 'Choose one of your organisation’s shortlists' }]);
    const servicesOnly = await shortlist(practice, [TRAINING_DAY]);
    const empty = await post(practice, '/api/competitions', { name: 'Services only', shortlistId: servicesOnly }).expect(400);
    expect(empty.body.errors[0]).toMatchObject({ field: 'shortlistId', message: expect.stringContaining('has no solutions') });
    const extra = await post(practice, '/api/competitions', { name: 'Extra', shortlistId: servicesOnly, status: 'completed' }).expect(400);
    expect(fieldsOf(extra)).toEqual(['status']);

    const c = await competition(practice, 'Validation', [FRONTDESK, DOCMAN_10, ANYWHERE_CONSULT]);
    const taken = await post(practice, '/api/competitions', { name: 'VALIDATION', shortlistId: await shortlist(practice, [FRONTDESK]) }).expect(400);
    expect(taken.body.errors).toEqual([{ field: 'name', message: 'Your organisation already has a competition called "VALIDATION"; choose another name' }]);
    await put(practice, `/api/competitions/${c.id}/name`, { name: 'validation' }).expect(200); // its own name, in another case
    await put(practice, `/api/competitions/${c.id}/name`, { name: 'Validation' }).expect(200);

    // Solutions: each left out needs a reason; every solution listed; at most 8 included.
    const noReason = await put(practice, `/api/competitions/${c.id}/solutions`, {
      solutions: [
        { itemId: FRONTDESK, included: true },
        { itemId: DOCMAN_10, included: false, exclusionReason: '  ' },
        { itemId: ANYWHERE_CONSULT, included: false },
      ],
    }).expect(400);
    expect(noReason.body.errors).toEqual([
      { field: `solutions.${DOCMAN_10}.exclusionReason`, message: 'Enter why Docman 10 is left out' },
      { field: `solutions.${ANYWHERE_CONSULT}.exclusionReason`, message: 'Enter why Anywhere Consult is left out' },
    ]);
    const missing = await put(practice, `/api/competitions/${c.id}/solutions`, { solutions: [{ itemId: FRONTDESK, included: true }, { itemId: EMIS_WEB, included: true }] }).expect(400);
    expect(missing.body.errors.map((e: any) => e.message)).toEqual([
      `${EMIS_WEB} is not one of this competition’s solutions`,
      'Say whether Anywhere Consult is included',
      'Say whether Docman 10 is included',
    ]);
    const nine = ['10000-001', '10004-002', '10029-003', '10030-001', '10046-001', '10004-001', '10007-002', '10046-003', '10035-001'];
    const big = await competition(practice, 'Nine', nine);
    const tooMany = await put(practice, `/api/competitions/${big.id}/solutions`, { solutions: nine.map((itemId) => ({ itemId, included: true })) }).expect(400);
    expect(tooMany.body.errors).toEqual([{ field: 'solutions', message: 'Include at most 8 solutions (9 are included)' }]);

    // A lapsed solution can be included, but it blocks completion: it could not be ordered.
    let detail = (
      await put(practice, `/api/competitions/${c.id}/solutions`, {
        solutions: [
          { itemId: FRONTDESK, included: true },
          { itemId: DOCMAN_10, included: true },
          { itemId: ANYWHERE_CONSULT, included: true },
        ],
      }).expect(200)
    ).body;
    expect(detail.blockers).toEqual(expect.arrayContaining([expect.stringContaining('Anywhere Consult cannot be ordered: its accreditation is lapsed')]));

    // Recipients: a practice buys for itself only; codes are named.
    const recipients = await put(practice, `/api/competitions/${c.id}/recipients`, { odsCodes: ['A81002', 'nope!'] }).expect(400);
    expect(recipients.body.errors).toEqual([
      { field: 'odsCodes[0]', message: 'odsCodes[0]: A81002 is not an active practice you can buy for' },
      { field: 'odsCodes[1]', message: 'odsCodes[1]: "NOPE!" is not an ODS code' },
    ]);
    expect(fieldsOf(await put(practice, `/api/competitions/${c.id}/recipients`, { odsCodes: [] }).expect(400))).toEqual(['odsCodes']);

    // Term: a live framework, within its maximum.
    expect((await put(practice, `/api/competitions/${c.id}/term`, { frameworkId: 'NHSDGP001', termMonths: 12 }).expect(400)).body.errors).toEqual([
      { field: 'frameworkId', message: 'This framework is not live; choose a live framework' },
    ]);
    expect((await put(practice, `/api/competitions/${c.id}/term`, { frameworkId: 'TIF001', termMonths: 37 }).expect(400)).body.errors).toEqual([
      { field: 'termMonths', message: 'Contract length must be 36 months or less (the Tech Innovation Framework maximum)' },
    ]);
    expect(fieldsOf(await put(practice, `/api/competitions/${c.id}/term`, { frameworkId: 'TIF001', termMonths: 0 }).expect(400))).toEqual(['termMonths']);

    // Prices: from the frozen version, with a quantity where the price takes one.
    expect(detail.blockers).toContain('Enter the quantity for Anywhere Consult’s price');
    expect(detail.solutions.find((s: any) => s.itemId === ANYWHERE_CONSULT).prices).toEqual([{ id: 'p1', display: expect.stringContaining('per month'), takesQuantity: true }]);
    const badPrices = await put(practice, `/api/competitions/${c.id}/prices`, {
      prices: [
        { itemId: FRONTDESK, priceId: 'p9' },
        { itemId: ANYWHERE_CONSULT, priceId: 'p1' },
        { itemId: EMIS_WEB, priceId: 'p1' },
      ],
    }).expect(400);
    expect(badPrices.body.errors).toEqual([
      { field: `prices.${FRONTDESK}.priceId`, message: 'Choose one of FrontDesk’s prices' },
      { field: `prices.${ANYWHERE_CONSULT}.quantity`, message: 'Enter the quantity to compare for Anywhere Consult' },
      { field: `prices.${EMIS_WEB}.itemId`, message: `${EMIS_WEB} is not one of this competition’s solutions` },
    ]);
    expect(fieldsOf(await put(practice, `/api/competitions/${c.id}/prices`, { prices: [{ itemId: ANYWHERE_CONSULT, priceId: 'p1', quantity: -1 }] }).expect(400))).toEqual(['prices.0.quantity']);
    detail = (await put(practice, `/api/competitions/${c.id}/prices`, { prices: [{ itemId: ANYWHERE_CONSULT, priceId: 'p1', quantity: 2 }] }).expect(200)).body;
    expect(detail.solutions.find((s: any) => s.itemId === ANYWHERE_CONSULT)).toMatchObject({ priceId: 'p1', quantity: 2 });
    expect(detail.blockers).not.toContain('Enter the quantity for Anywhere Consult’s price');

    // Criteria: price 30–90 in steps of 5; sub-weightings in steps of 5 summing to 100; price only is 100.
    const criteria = (body: object) => put(practice, `/api/competitions/${c.id}/criteria`, body).expect(400);
    const weights = { features: 50, implementation: 0, interoperability: 0, serviceLevels: 50 };
    expect(fieldsOf(await criteria({ type: 'price_and_non_price', priceWeight: 25, weights }))).toEqual(['priceWeight']);
    expect(fieldsOf(await criteria({ type: 'price_and_non_price', priceWeight: 95, weights }))).toEqual(['priceWeight']);
    expect(fieldsOf(await criteria({ type: 'price_and_non_price', priceWeight: 62, weights }))).toEqual(['priceWeight']);
    expect(fieldsOf(await criteria({ type: 'price_and_non_price', priceWeight: 60, weights: { ...weights, features: 45 } }))).toEqual(['weights']);
    expect(fieldsOf(await criteria({ type: 'price_and_non_price', priceWeight: 60, weights: { ...weights, features: 52, serviceLevels: 48 } }))).toEqual([
      'weights.features',
      'weights.serviceLevels',
    ]);
    expect(fieldsOf(await criteria({ type: 'price', priceWeight: 60, weights: { features: 0, implementation: 0, interoperability: 0, serviceLevels: 0 } }))).toEqual(['priceWeight']);
    expect(fieldsOf(await criteria({ type: 'cheapest', priceWeight: 100, weights }))).toEqual(['type']);

    // Scores need criteria with non-price elements, then 1–5 with a justification for each element in use.
    expect(fieldsOf(await put(practice, `/api/competitions/${c.id}/scores/${FRONTDESK}`, { scores: [] }).expect(400))).toEqual(['scores']);
    await put(practice, `/api/competitions/${c.id}/criteria`, { type: 'price_and_non_price', priceWeight: 60, weights }).expect(200);
    const badScores = await put(practice, `/api/competitions/${c.id}/scores/${FRONTDESK}`, {
      scores: [
        { element: 'features', score: 6, justification: 'Too good' },
        { element: 'serviceLevels', score: 3, justification: '' },
      ],
    }).expect(400);
    expect(badScores.body.errors).toEqual([
      { field: 'scores.0.score', message: 'Choose a score from 1 to 5' },
      { field: 'scores.1.justification', message: 'Enter a justification for the score' },
    ]);
    const missingElement = await put(practice, `/api/competitions/${c.id}/scores/${FRONTDESK}`, {
      scores: [{ element: 'implementation', score: 3, justification: 'Not in use' }],
    }).expect(400);
    expect(missingElement.body.errors).toEqual([
      { field: 'scores.implementation', message: 'Implementation is not one of the award criteria' },
      { field: 'scores.features', message: 'Score FrontDesk on features' },
      { field: 'scores.serviceLevels', message: 'Score FrontDesk on service levels' },
    ]);
    const long = 'x'.repeat(2001);
    expect(fieldsOf(await put(practice, `/api/competitions/${c.id}/scores/${FRONTDESK}`, { scores: [{ element: 'features', score: 3, justification: long }] }).expect(400))).toEqual([
      'scores.0.justification',
    ]);
    await put(practice, `/api/competitions/${c.id}/scores/${EMIS_WEB}`, { scores: [] }).expect(404);

    // Requirements: integration types from the reference data.
    const reqs = await put(practice, `/api/competitions/${c.id}/requirements`, { features: [{ text: 'Bulk SMS', priority: 'maybe' }], integrationTypes: ['IM1: Telepathy'] }).expect(400);
    expect(fieldsOf(reqs)).toEqual(['features.0.priority']);
    const badType = await put(practice, `/api/competitions/${c.id}/requirements`, { features: [], integrationTypes: ['IM1: Telepathy'] }).expect(400);
    expect(badType.body.errors).toEqual([{ field: 'integrationTypes', message: '"IM1: Telepathy" is not an integration type; choose from the list' }]);

    // Not ready: 422 with the blockers.
    const notReady = await post(practice, `/api/competitions/${c.id}/complete`).expect(422);
    expect(notReady.body).toMatchObject({ status: 422, code: 'competition-not-ready', blockers: expect.any(Array) });
    expect(notReady.body.blockers).toEqual(
      expect.arrayContaining([
        'Choose the framework and contract length',
        'Add the feature requirements (MUST or SHOULD) the solutions are scored against',
        'Score FrontDesk on features',
        expect.stringContaining('Anywhere Consult cannot be ordered'),
      ]),
    );
    expect(notReady.body.errors[0].field).toBe('competition');
    expect((await post(practice, `/api/competitions/${c.id}/direct-award`).expect(422)).body.blockers).toContain('A direct award needs exactly one solution included');
    detail = (await practice.agent.get(`/api/competitions/${c.id}`).expect(200)).body;
    expect(detail.status).toBe('draft');
    expect(detail.scores).toEqual([]);
  });

  it('runs a competition with 3 solutions to results, a PDF and a draft order for the winner', async () => {
    const c = await competition(practice, 'Patient messaging 2027', [FRONTDESK, DOCMAN_10, RIVIAM, EMIS_WEB]);
    const id = c.id;
    await put(practice, `/api/competitions/${id}/solutions`, {
      solutions: [
        { itemId: FRONTDESK, included: true },
        { itemId: DOCMAN_10, included: true },
        { itemId: RIVIAM, included: true },
        { itemId: EMIS_WEB, included: false, exclusionReason: 'A clinical system, not a messaging tool' },
      ],
    }).expect(200);
    await put(practice, `/api/competitions/${id}/term`, { frameworkId: 'TIF001', termMonths: 36 }).expect(200);
    await put(practice, `/api/competitions/${id}/prices`, { prices: [FRONTDESK, DOCMAN_10, RIVIAM].map((itemId) => ({ itemId, priceId: 'p1' })) }).expect(200);
    await put(practice, `/api/competitions/${id}/criteria`, {
      type: 'price_and_non_price',
      priceWeight: 60,
      weights: { features: 50, implementation: 0, interoperability: 0, serviceLevels: 50 },
    }).expect(200);
    let detail = (
      await put(practice, `/api/competitions/${id}/requirements`, {
        features: [
          { text: 'Send messages to patients in bulk', priority: 'must' },
          { text: 'Patients can reply with photos', priority: 'should' },
        ],
        integrationTypes: ['IM1: Transactional'],
      }).expect(200)
    ).body;
    expect(detail.elements).toEqual(['features', 'serviceLevels']);
    expect(detail.tasks.find((x: any) => x.key === 'scores').status).toBe('not_started');
    expect(detail.preview).toBeNull();

    const scores: Record<string, [number, number]> = { [FRONTDESK]: [2, 3], [DOCMAN_10]: [5, 5], [RIVIAM]: [5, 5] };
    for (const [itemId, [features, serviceLevels]] of Object.entries(scores)) {
      detail = (
        await put(practice, `/api/competitions/${id}/scores/${itemId}`, {
          scores: [
            { element: 'features', score: features, justification: `Features of ${itemId}: meets ${features} of 5 requirements` },
            { element: 'serviceLevels', score: serviceLevels, justification: `Service levels of ${itemId}: ${serviceLevels} out of 5` },
          ],
        }).expect(200)
      ).body;
    }
    // Rescoring replaces the earlier score.
    detail = (
      await put(practice, `/api/competitions/${id}/scores/${FRONTDESK}`, {
        scores: [
          { element: 'features', score: 2, justification: 'Bulk messages but no photo replies' },
          { element: 'serviceLevels', score: 3, justification: 'Office hours support only' },
        ],
      }).expect(200)
    ).body;
    expect(detail.scores.filter((s: any) => s.itemId === FRONTDESK)).toEqual([
      { itemId: FRONTDESK, element: 'features', score: 2, justification: 'Bulk messages but no photo replies' },
      { itemId: FRONTDESK, element: 'serviceLevels', score: 3, justification: 'Office hours support only' },
    ]);
    expect(detail.blockers).toEqual([]);
    expect(detail.canComplete).toBe(true);
    expect(detail.canDirectAward).toBe(false);
    expect(detail.tasks.map((x: any) => x.status)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'not_started']);

    // Whole-term costs are the pricing module's, the same as each solution page's estimate.
    const cost: Record<string, number> = {
      [FRONTDESK]: await wholeTerm(practice, FRONTDESK, ['A81001'], 36),
      [DOCMAN_10]: await wholeTerm(practice, DOCMAN_10, ['A81001'], 36),
      [RIVIAM]: await wholeTerm(practice, RIVIAM, ['A81001'], 36),
    };
    expect(cost[FRONTDESK]).toBe(Math.round((1900 * 3904) / 100) * 3);
    for (const s of detail.solutions.filter((x: any) => x.included)) expect(s.wholeTermPence).toBe(cost[s.itemId]);
    expect(detail.solutions.find((x: any) => x.itemId === EMIS_WEB)).toMatchObject({ included: false, exclusionReason: 'A clinical system, not a messaging tool', wholeTermPence: null });

    // FrontDesk is cheapest (5); Docman 10 is 47% dearer (3); RIVIAM more than twice the price (1).
    // Points: price score × 60 × 100 + score × 50 × 40 per element.
    const expected = {
      ranking: [
        { itemId: FRONTDESK, priceScore: 5, pricePoints: 30_000, elementPoints: { features: 4_000, serviceLevels: 6_000 }, totalPoints: 40_000, rank: 1 },
        { itemId: DOCMAN_10, priceScore: 3, pricePoints: 18_000, elementPoints: { features: 10_000, serviceLevels: 10_000 }, totalPoints: 38_000, rank: 2 },
        { itemId: RIVIAM, priceScore: 1, pricePoints: 6_000, elementPoints: { features: 10_000, serviceLevels: 10_000 }, totalPoints: 26_000, rank: 3 },
      ].map((r) => expect.objectContaining({ ...r, wholeTermPence: cost[r.itemId] })),
      winners: [FRONTDESK],
      tie: false,
    };
    expect(detail.preview).toEqual(expected);
    expect(detail.preview.ranking[0]).toMatchObject({ name: 'FrontDesk', supplierName: expect.any(String), elementScores: { features: 2, serviceLevels: 3 } });

    const done = (await post(practice, `/api/competitions/${id}/complete`).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', awardType: 'competition', preview: null, canComplete: false, orderRef: null, completedByName: expect.any(String) });
    expect(done.results).toEqual(expected);
    expect(done.tasks.every((x: any) => x.status === 'completed')).toBe(true);

    // Completed is read-only.
    for (const [method, url, body] of [
      ['put', 'name', { name: 'Renamed' }],
      ['put', 'term', { frameworkId: 'TIF001', termMonths: 12 }],
      ['put', `scores/${FRONTDESK}`, { scores: [{ element: 'features', score: 5, justification: 'Changed my mind' }, { element: 'serviceLevels', score: 5, justification: 'Too' }] }],
      ['put', 'recipients', { odsCodes: ['A81001'] }],
      ['post', 'complete', {}],
      ['post', 'direct-award', {}],
    ] as const) {
      const res = method === 'put' ? await put(practice, `/api/competitions/${id}/${url}`, body).expect(409) : await post(practice, `/api/competitions/${id}/${url}`, body).expect(409);
      expect(res.body.code).toBe('competition-completed');
    }
    expect((await del(practice, `/api/competitions/${id}`).expect(409)).body.code).toBe('competition-completed');

    // A listing changing after completion changes nothing in the results.
    await publishNewVersion(t.db, DOCMAN_10, { name: 'Docman 10 Cloud' });
    expect((await practice.agent.get(`/api/competitions/${id}`).expect(200)).body.results).toEqual(expected);

    // The results PDF: every score, weighting and justification, the costs and the winner.
    const pdf = await pdfText(practice, `/api/competitions/${id}/results.pdf`);
    expect(pdf.title).toBe('Competition results: Patient messaging 2027');
    for (const text of [
      'Winner',
      'FrontDesk with 4.0000 points',
      'Docman 10',
      'RIVIAM Secure Video Services',
      'A clinical system, not a messaging tool',
      'Price 60%',
      'Features 50% of non-price (20% overall)',
      'Service levels 50% of non-price (20% overall)',
      'MUST: Send messages to patients in bulk',
      'SHOULD: Patients can reply with photos',
      'Bulk messages but no photo replies',
      'Office hours support only',
      `Features of ${DOCMAN_10}: meets 5 of 5 requirements`,
      `Service levels of ${RIVIAM}: 5 out of 5`,
      pounds(cost[FRONTDESK]),
      pounds(cost[DOCMAN_10]),
      pounds(cost[RIVIAM]),
      formatPoints(38_000),
      formatPoints(26_000),
      '3,904',
    ]) {
      expect(pdf.text).toContain(text);
    }

    // Award: two at once make one draft order, pre-filled with the winner, recipients and term.
    const awards = await Promise.all([post(practice, `/api/competitions/${id}/award`), post(practice, `/api/competitions/${id}/award`)]);
    expect(awards.map((r) => r.status).sort()).toEqual([200, 409]);
    const awarded = awards.find((r) => r.status === 200)!.body;
    expect(awards.find((r) => r.status === 409)!.body.code).toBe('already-awarded');
    expect(awarded.orderRef).toMatch(/^C\d{6}-01$/);
    expect((await post(practice, `/api/competitions/${id}/award`).expect(409)).body.code).toBe('already-awarded');
    const order = (await practice.agent.get(`/api/orders/${awarded.orderRef}`).expect(200)).body;
    expect(order).toMatchObject({
      status: 'in_progress',
      description: 'FrontDesk, awarded by the competition "Patient messaging 2027"',
      orderingParty: { code: 'A81001' },
      supplier: { code: '10004' },
      framework: { id: 'TIF001' },
      maximumTermMonths: 36,
      initialPeriodMonths: null,
      commencementDate: null,
      recipients: [{ odsCode: 'A81001', name: 'THE DENSHAM SURGERY', registeredPatients: 3904 }],
      canEdit: true,
    });
    expect(order.items).toEqual([expect.objectContaining({ itemId: FRONTDESK, priceId: 'p1', type: 'solution', quantityInput: 'per_patient', cost: expect.objectContaining({ wholeTermPence: cost[FRONTDESK] }) })]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM orders WHERE description LIKE '%Patient messaging 2027%'`))[0].n).toBe(1);

    const list = (await practice.agent.get('/api/competitions?status=completed&q=messaging').expect(200)).body;
    expect(list.items).toEqual([
      expect.objectContaining({ id, name: 'Patient messaging 2027', status: 'completed', awardType: 'competition', includedCount: 3, solutionCount: 4, orderRef: awarded.orderRef }),
    ]);

    // Every step is audited.
    const actions = (await t.db.query(`SELECT action FROM audit_events WHERE object_type = 'competition' AND object_id = $1 ORDER BY id`, [id])).map((r: any) => r.action);
    expect(actions).toEqual([
      'competition.created',
      'competition.solutions-changed',
      'competition.term-changed',
      'competition.prices-changed',
      'competition.criteria-changed',
      'competition.requirements-changed',
      'competition.scored',
      'competition.scored',
      'competition.scored',
      'competition.scored',
      'competition.completed',
      'competition.awarded',
    ]);
    const [completedEvent] = await t.db.query(`SELECT after FROM audit_events WHERE action = 'competition.completed' AND object_id = $1`, [id]);
    expect(completedEvent.after).toMatchObject({ status: 'completed', winners: [FRONTDESK], tie: false });
    const orderActions = (await t.db.query(`SELECT action, after FROM audit_events WHERE object_id = $1`, [awarded.orderRef]));
    expect(orderActions).toEqual([expect.objectContaining({ action: 'order.created', after: expect.objectContaining({ source: { competition: id } }) })]);

    // Only the organisation sees it: another practice and a commissioner get 404; vendors and operators 403.
    await otherPractice.agent.get(`/api/competitions/${id}`).expect(404);
    await otherPractice.agent.get(`/api/competitions/${id}/results.pdf`).expect(404);
    await put(otherPractice, `/api/competitions/${id}/name`, { name: 'Mine now' }).expect(404);
    await post(otherPractice, `/api/competitions/${id}/award`).expect(404);
    await del(otherPractice, `/api/competitions/${id}`).expect(404);
    expect((await otherPractice.agent.get('/api/competitions').expect(200)).body.items.map((x: any) => x.id)).not.toContain(id);
    await commissioner.agent.get(`/api/competitions/${id}`).expect(404);
    await vendor.agent.get(`/api/competitions/${id}`).expect(403);
    await vendor.agent.get('/api/competitions').expect(403);
    await operator.agent.get(`/api/competitions/${id}`).expect(403);
    await t.http().get(`/api/competitions/${id}`).expect(401);
  });

  it('shows a tie as a tie, and awarding it needs one of the tied winners', async () => {
    // A commissioner, for two practices from a CSV file; Docman 10 and Docman 7 cost the same.
    const c = await competition(commissioner, 'Document management', [DOCMAN_10, DOCMAN_7, RIVIAM]);
    expect(c.recipients).toEqual([]);
    const badCsv = await post(commissioner, `/api/competitions/${c.id}/recipients/csv`, { csv: 'ODS code\nA81001\nZZ999\n' }).expect(400);
    expect(badCsv.body.errors).toEqual([{ field: 'csv.line3', message: 'line 3: ZZ999 is not an active practice you can buy for' }]);
    let detail = (await post(commissioner, `/api/competitions/${c.id}/recipients/csv`, { csv: 'ODS code\r\nA81001\r\nA81002\r\n' }).expect(200)).body;
    expect(detail.recipients.map((r: any) => r.odsCode)).toEqual(['A81002', 'A81001']); // by name: Queens Park, then The Densham
    await put(commissioner, `/api/competitions/${c.id}/solutions`, { solutions: [DOCMAN_10, DOCMAN_7, RIVIAM].map((itemId) => ({ itemId, included: true })) }).expect(200);
    await put(commissioner, `/api/competitions/${c.id}/term`, { frameworkId: 'TIF001', termMonths: 24 }).expect(200);
    detail = (
      await put(commissioner, `/api/competitions/${c.id}/criteria`, { type: 'price', priceWeight: 100, weights: { features: 0, implementation: 0, interoperability: 0, serviceLevels: 0 } }).expect(200)
    ).body;
    expect(detail.elements).toEqual([]);
    expect(detail.tasks.find((x: any) => x.key === 'requirements').status).toBe('completed');
    expect(detail.blockers).toEqual([]);
    const done = (await post(commissioner, `/api/competitions/${c.id}/complete`).expect(200)).body;
    const docman = await wholeTerm(commissioner, DOCMAN_10, ['A81001', 'A81002'], 24);
    expect(done.results.tie).toBe(true);
    expect(done.results.winners.sort()).toEqual([DOCMAN_10, DOCMAN_7].sort());
    expect(done.results.ranking.map((r: any) => [r.itemId, r.rank, r.priceScore, r.totalPoints, r.wholeTermPence])).toEqual(
      expect.arrayContaining([
        [DOCMAN_10, 1, 5, 50_000, docman],
        [DOCMAN_7, 1, 5, 50_000, docman],
        [RIVIAM, 3, 1, 10_000, await wholeTerm(commissioner, RIVIAM, ['A81001', 'A81002'], 24)],
      ]),
    );
    expect(done.recipients.map((r: any) => [r.odsCode, r.registeredPatients])).toEqual(expect.arrayContaining([['A81001', 3904], ['A81002', 18758]]));

    const pdf = await pdfText(commissioner, `/api/competitions/${c.id}/results.pdf`);
    expect(pdf.text).toContain('A tie between');
    expect(pdf.text).toContain('5.0000 points each');

    expect((await post(commissioner, `/api/competitions/${c.id}/award`).expect(400)).body.errors).toEqual([
      { field: 'itemId', message: 'The result is a tie: choose which of the tied winners to award' },
    ]);
    expect((await post(commissioner, `/api/competitions/${c.id}/award`, { itemId: RIVIAM }).expect(400)).body.errors).toEqual([
      { field: 'itemId', message: 'Choose one of the tied winners' },
    ]);
    const awarded = (await post(commissioner, `/api/competitions/${c.id}/award`, { itemId: DOCMAN_7 }).expect(200)).body;
    const order = (await commissioner.agent.get(`/api/orders/${awarded.orderRef}`).expect(200)).body;
    expect(order).toMatchObject({ supplier: { code: '10046' }, framework: { id: 'TIF001' }, maximumTermMonths: 24 });
    expect(order.recipients.map((r: any) => r.odsCode).sort()).toEqual(['A81001', 'A81002']);
    expect(order.items.map((i: any) => [i.itemId, i.priceId])).toEqual([[DOCMAN_7, 'p1']]);
  });

  it('awards directly when one solution is left, completing and ordering in one step', async () => {
    const c = await competition(practice, 'Just one', [FRONTDESK, RIVIAM]);
    let detail = (
      await put(practice, `/api/competitions/${c.id}/solutions`, {
        solutions: [
          { itemId: FRONTDESK, included: true },
          { itemId: RIVIAM, included: false, exclusionReason: 'Video only; we need messaging' },
        ],
      }).expect(200)
    ).body;
    expect(detail.canDirectAward).toBe(false); // no term yet
    expect(detail.blockers).toContain('Include at least 2 solutions to compare, or award the one included directly');
    await post(practice, `/api/competitions/${c.id}/award`).expect(409);
    detail = (await put(practice, `/api/competitions/${c.id}/term`, { frameworkId: 'TIF001', termMonths: 12 }).expect(200)).body;
    expect(detail.canDirectAward).toBe(true);
    expect(detail.canComplete).toBe(false);
    await post(practice, `/api/competitions/${c.id}/complete`).expect(422);

    const done = (await post(practice, `/api/competitions/${c.id}/direct-award`).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', awardType: 'direct', orderRef: expect.stringMatching(/^C\d{6}-01$/), canDirectAward: false });
    expect(done.results).toMatchObject({ winners: [FRONTDESK], tie: false, ranking: [expect.objectContaining({ itemId: FRONTDESK, wholeTermPence: Math.round((1900 * 3904) / 100) })] });
    const order = (await practice.agent.get(`/api/orders/${done.orderRef}`).expect(200)).body;
    expect(order).toMatchObject({ supplier: { code: '10004' }, maximumTermMonths: 12, items: [expect.objectContaining({ itemId: FRONTDESK })] });
    expect((await post(practice, `/api/competitions/${c.id}/award`).expect(409)).body.code).toBe('already-awarded');
    const pdf = await pdfText(practice, `/api/competitions/${c.id}/results.pdf`);
    expect(pdf.text).toContain('Direct award');
    expect(pdf.text).toContain('Video only; we need messaging');
    expect(pdf.text).toContain(pounds(Math.round((1900 * 3904) / 100)));
    expect(pdf.text).not.toContain('Ranking');
    const actions = (await t.db.query(`SELECT action FROM audit_events WHERE object_id = $1 ORDER BY id`, [c.id])).map((r: any) => r.action);
    expect(actions.slice(-1)).toEqual(['competition.direct-awarded']);
  });

  it('compares and orders a price that takes a quantity: the order gets it for each practice', async () => {
    const [live] = await t.db.query(`SELECT v.content->'prices' AS prices FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id WHERE i.id = $1`, [DOCMAN_7]);
    const licence = {
      id: 'p2',
      provisioningType: 'declarative',
      priceType: 'flat',
      calculationType: 'single_fixed',
      quantityBasis: 'per_service_recipient',
      billingPeriod: 'month',
      unit: 'per licence',
      tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 25_000 }], // £2.50 per licence per month
    };
    await publishNewVersion(t.db, DOCMAN_7, { prices: [...live.prices, licence] });
    const c = await competition(commissioner, 'Licences', [DOCMAN_7]);
    expect(c.solutions[0]).toMatchObject({ priceId: null, prices: [expect.objectContaining({ id: 'p1', takesQuantity: false }), expect.objectContaining({ id: 'p2', takesQuantity: true })] });
    await put(commissioner, `/api/competitions/${c.id}/recipients`, { odsCodes: ['A81001', 'A81002'] }).expect(200);
    await put(commissioner, `/api/competitions/${c.id}/solutions`, { solutions: [{ itemId: DOCMAN_7, included: true }] }).expect(200);
    await put(commissioner, `/api/competitions/${c.id}/term`, { frameworkId: 'TIF001', termMonths: 12 }).expect(200);
    const detail = (await put(commissioner, `/api/competitions/${c.id}/prices`, { prices: [{ itemId: DOCMAN_7, priceId: 'p2', quantity: 3 }] }).expect(200)).body;
    // £2.50 × 3 licences × 12 months, for each of the two practices.
    expect(detail.solutions[0].wholeTermPence).toBe(250 * 3 * 12 * 2);
    const done = (await post(commissioner, `/api/competitions/${c.id}/direct-award`).expect(200)).body;
    const order = (await commissioner.agent.get(`/api/orders/${done.orderRef}`).expect(200)).body;
    expect(order.items).toEqual([
      expect.objectContaining({
        itemId: DOCMAN_7,
        priceId: 'p2',
        quantityInput: 'per_recipient',
        quantities: [
          { odsCode: 'A81001', quantity: 3 },
          { odsCode: 'A81002', quantity: 3 },
        ],
        cost: expect.objectContaining({ wholeTermPence: 250 * 3 * 12 * 2 }),
      }),
    ]);
  });

  it('deletes drafts only; lists, sorts and pages the organisation’s competitions; no PDF before completion', async () => {
    const a = await competition(commissioner, 'Alpha draft', [FRONTDESK, DOCMAN_10]);
    const b = await competition(commissioner, 'beta draft', [FRONTDESK, DOCMAN_10]);
    expect((await commissioner.agent.get(`/api/competitions/${a.id}/results.pdf`).expect(409)).body.code).toBe('competition-not-completed');
    await post(commissioner, `/api/competitions/${a.id}/award`).expect(409);

    const sorted = (await commissioner.agent.get('/api/competitions?sort=name&status=draft&pageSize=1').expect(200)).body;
    expect(sorted).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ id: a.id, name: 'Alpha draft', status: 'draft', includedCount: 0, solutionCount: 2, orderRef: null }] });
    expect((await commissioner.agent.get('/api/competitions?sort=-name&status=draft').expect(200)).body.items.map((x: any) => x.id)).toEqual([b.id, a.id]);
    expect(fieldsOf(await commissioner.agent.get('/api/competitions?sort=price').expect(400))).toEqual(['sort']);

    await del(practice, `/api/competitions/${a.id}`).expect(404);
    await del(commissioner, `/api/competitions/${a.id}`).expect(204);
    await commissioner.agent.get(`/api/competitions/${a.id}`).expect(404);
    const [deleted] = await t.db.query(`SELECT before FROM audit_events WHERE action = 'competition.deleted' AND object_id = $1`, [a.id]);
    expect(deleted.before).toEqual({ name: 'Alpha draft', status: 'draft' });

    // A deleted shortlist leaves the competition in place, without its shortlist.
    await del(commissioner, `/api/shortlists/${b.shortlist.id}`).expect(204);
    expect((await commissioner.agent.get(`/api/competitions/${b.id}`).expect(200)).body).toMatchObject({ shortlist: null, solutions: [expect.anything(), expect.anything()] });
  });
});
