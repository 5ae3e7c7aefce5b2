import { createTestApp, DEMO, TestApp } from '../../../test/test-app';

const PROBLEM = /application\/problem\+json/;
type Agent = Awaited<ReturnType<TestApp['signIn']>>['agent'];

// The demo catalogue (sample-solutions.json) and the shipped ODS list sizes:
// Emis Web GP (10000-001): £1.26 per patient per year, per service recipient.
// SystmOne Mobile Working (10052-002A002): £0.25 per patient per year, and £68.50 per SystmOne
// unit per month (declarative, per solution).
// A81001 (the demo practice) has 3,904 registered patients; A81002 18,758; both are in the demo
// commissioner's ICB (QHM). A82003 is in another ICB.
const EMIS = '10000-001';
const MOBILE = '10052-002A002';

describe('GET /api/catalogue/items/:id/estimate', () => {
  let t: TestApp;
  let practice: Agent;
  let commissioner: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    practice = (await t.signIn(DEMO.practiceManager)).agent;
    commissioner = (await t.signIn(DEMO.commissioner)).agent;
  });
  afterAll(() => t.close());

  it('uses the real list sizes of the demo practices', async () => {
    const rows = await t.db.query(`SELECT code, registered_patients FROM organisations WHERE code IN ('A81001', 'A81002') ORDER BY code`);
    expect(rows.map((r: { registered_patients: number }) => Number(r.registered_patients))).toEqual([3904, 18758]);
  });

  describe('who may ask', () => {
    it('needs a session (401 problem+json)', async () => {
      const res = await t.http().get(`/api/catalogue/items/${EMIS}/estimate`).expect(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('is for practice managers and commissioners only (403 for vendors and operators)', async () => {
      for (const email of [DEMO.vendor, DEMO.operator]) {
        const { agent } = await t.signIn(email);
        const res = await agent.get(`/api/catalogue/items/${EMIS}/estimate`).expect(403);
        expect(res.headers['content-type']).toMatch(PROBLEM);
      }
    });
  });

  describe('worked examples on the demo catalogue', () => {
    it("practice manager: Emis Web GP for its own practice by default, 3,904 × £1.26 = £4,919.04 a year", async () => {
      const res = await practice.get(`/api/catalogue/items/${EMIS}/estimate`).expect(200);
      expect(res.body).toMatchObject({
        itemId: EMIS,
        itemName: 'Emis Web GP',
        termMonths: 36,
        recipients: [{ odsCode: 'A81001', registeredPatients: 3904 }],
        lines: [
          {
            priceId: 'p1',
            display: '£1.26 per patient per year',
            provisioningType: 'per_patient',
            quantityBasis: 'per_service_recipient',
            billingPeriod: 'year',
            quantitySource: 'registered_patients',
            quantity: 3904,
            oneOffPence: 0,
            annualPence: 491904,
            monthlyPence: 40992, // 491904 / 12 exactly
            wholeTermPence: 1475712, // 3 years
            recipients: [{ odsCode: 'A81001', quantity: 3904, oneOffPence: 0, monthlyPence: 40992, annualPence: 491904, wholeTermPence: 1475712 }],
          },
        ],
        totals: { oneOffPence: 0, monthlyPence: 40992, annualPence: 491904, wholeTermPence: 1475712 },
      });
      expect(res.body.rounding).toMatch(/half/);
      // naming its own practice is the same
      const same = await practice.get(`/api/catalogue/items/${EMIS}/estimate?practices=a81001&termMonths=36`).expect(200);
      expect(same.body.totals).toEqual(res.body.totals);
    });

    it('commissioner: two practices in its ICB, priced per practice and added up', async () => {
      const res = await commissioner.get(`/api/catalogue/items/${EMIS}/estimate?practices=A81001,A81002&termMonths=18`).expect(200);
      // A81002: 18,758 × £1.26 = £23,635.08 a year (2,363,508p); monthly 196,959p exactly.
      expect(res.body.lines[0].recipients).toEqual([
        { odsCode: 'A81001', quantity: 3904, oneOffPence: 0, monthlyPence: 40992, annualPence: 491904, wholeTermPence: 737856 },
        { odsCode: 'A81002', quantity: 18758, oneOffPence: 0, monthlyPence: 196959, annualPence: 2363508, wholeTermPence: 3545262 },
      ]);
      expect(res.body.totals).toEqual({ oneOffPence: 0, monthlyPence: 237951, annualPence: 2855412, wholeTermPence: 4283118 });
      expect(res.body.recipients.map((r: { odsCode: string }) => r.odsCode)).toEqual(['A81001', 'A81002']);
    });

    it('a declarative monthly price takes the entered quantity; per-patient uses list size; 12-month term', async () => {
      const res = await practice.get(`/api/catalogue/items/${MOBILE}/estimate?quantity=p2:3&termMonths=12`).expect(200);
      expect(res.body.lines.map((l: Record<string, unknown>) => [l.priceId, l.quantitySource, l.quantity, l.monthlyPence, l.annualPence, l.wholeTermPence])).toEqual([
        // 3,904 × £0.25 = £976.00 a year; monthly 8,133.33p → 8,133p
        ['p1', 'registered_patients', 3904, 8133, 97600, 97600],
        // 3 × £68.50 = £205.50 a month, once for the order (per solution)
        ['p2', 'entered', 3, 20550, 246600, 246600],
      ]);
      expect(res.body.lines[1].recipients).toEqual([{ odsCode: null, quantity: 3, oneOffPence: 0, monthlyPence: 20550, annualPence: 246600, wholeTermPence: 246600 }]);
      expect(res.body.totals).toEqual({ oneOffPence: 0, monthlyPence: 28683, annualPence: 344200, wholeTermPence: 344200 });
      // default quantity 1; 0 leaves the line out
      const one = await practice.get(`/api/catalogue/items/${MOBILE}/estimate?termMonths=12`).expect(200);
      expect(one.body.lines[1]).toMatchObject({ quantity: 1, monthlyPence: 6850 });
      const none = await practice.get(`/api/catalogue/items/${MOBILE}/estimate?quantity=p2:0`).expect(200);
      expect(none.body.lines[1]).toMatchObject({ quantity: 0, monthlyPence: 0, wholeTermPence: 0 });
    });
  });

  describe('scope: practices outside yours are not found', () => {
    it("404 when a practice manager asks for another practice", async () => {
      const res = await practice.get(`/api/catalogue/items/${EMIS}/estimate?practices=A81002`).expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('not-found');
    });

    it('404 when a commissioner names a practice in another ICB, or an organisation that is not a practice', async () => {
      await commissioner.get(`/api/catalogue/items/${EMIS}/estimate?practices=A81001,A82003`).expect(404);
      await commissioner.get(`/api/catalogue/items/${EMIS}/estimate?practices=QHM`).expect(404);
      await commissioner.get(`/api/catalogue/items/${EMIS}/estimate?practices=ZZ9999`).expect(404);
    });

    it('404 for unknown and unlisted (draft) items', async () => {
      await practice.get('/api/catalogue/items/99999-001/estimate').expect(404);
      await practice.get('/api/catalogue/items/10011-003/estimate').expect(404);
    });
  });

  describe('validation (400 problem+json naming the field)', () => {
    const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

    it.each([
      ['termMonths=0', 'termMonths'],
      ['termMonths=37', 'termMonths'],
      ['termMonths=twelve', 'termMonths'],
      ['quantity=p2', 'quantity'],
      ['quantity=p2:-1', 'quantity'],
      ['quantity=p2:1.5', 'quantity'],
      ['practices=not%20a%20code!', 'practices'],
      ['colour=blue', 'colour'],
    ])('?%s → %s', async (qs, field) => {
      const res = await practice.get(`/api/catalogue/items/${MOBILE}/estimate?${qs}`).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('validation-error');
      expect(fields(res)).toContain(field);
    });

    it('refuses quantities for prices the item does not have, or for per-patient prices', async () => {
      const res = await practice.get(`/api/catalogue/items/${MOBILE}/estimate?quantity=p9:2&quantity=p1:100`).expect(400);
      expect(fields(res)).toEqual(['quantity.p9', 'quantity.p1']);
      expect(res.body.errors[1].message).toMatch(/registered patients/);
    });

    it('asks a commissioner to choose at least one practice', async () => {
      const res = await commissioner.get(`/api/catalogue/items/${EMIS}/estimate`).expect(400);
      expect(fields(res)).toEqual(['practices']);
    });

    it('refuses a bad item id', async () => {
      await practice.get('/api/catalogue/items/not-an-id/estimate').expect(400);
    });
  });
});
