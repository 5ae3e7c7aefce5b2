import { BILLING_PERIODS, CALCULATION_TYPES, PRICE_TYPES, PROVISIONING_TYPES, QUANTITY_BASES, type ListingPrice, type PriceTier } from '../catalogue/listing';
import { divideRoundHalfUp, estimateCost, periodCostHundredths, periodCosts, type PriceForCalculation } from './calculate';

// Worked examples for docs/decisions/014-price-calculation.md. Money: unit prices in hundredths of
// a penny (£1 = 10000), results in pence.

/** £1 for units 1–9, 50p for 10–99, 25p for 100 and over. */
const TIERS: PriceTier[] = [
  { from: 1, to: 9, priceHundredthsOfPenny: 10000 },
  { from: 10, to: 99, priceHundredthsOfPenny: 5000 },
  { from: 100, to: null, priceHundredthsOfPenny: 2500 },
];
/** £1 per unit. */
const FLAT: PriceTier[] = [{ from: 1, to: null, priceHundredthsOfPenny: 10000 }];

const price = (p: Partial<ListingPrice> = {}): PriceForCalculation => ({
  id: 'p1',
  provisioningType: 'declarative',
  priceType: 'flat',
  calculationType: 'single_fixed',
  quantityBasis: 'per_solution',
  billingPeriod: 'one_off',
  tiers: FLAT,
  ...p,
});

describe('divideRoundHalfUp', () => {
  it.each([
    [0n, 100n, 0n],
    [49n, 100n, 0n],
    [50n, 100n, 1n], // a half goes up
    [149n, 100n, 1n],
    [150n, 100n, 2n],
    [1001n, 12n, 83n], // 83.42
    [18018n, 12n, 1502n], // 1501.5 → 1502
  ])('%s / %s = %s', (n, d, q) => expect(divideRoundHalfUp(n, d)).toBe(q));

  it('refuses negative amounts', () => expect(() => divideRoundHalfUp(-1n, 2n)).toThrow(RangeError));
});

describe('periodCostHundredths: one billing period, exact, in hundredths of a penny', () => {
  // Tier edges: 9 | 10, 99 | 100; 109 and 250 are inside the open-ended last tier; 0 buys nothing.
  it.each([
    // priceType, calculationType, quantity, expected (working)
    ['tiered', 'volume', 0, 0], // nothing bought
    ['tiered', 'volume', 1, 10000], // 1 × £1
    ['tiered', 'volume', 9, 90000], // 9 × £1 (last unit of tier 1)
    ['tiered', 'volume', 10, 50000], // 10 × 50p: every unit at tier 2's price
    ['tiered', 'volume', 99, 495000], // 99 × 50p
    ['tiered', 'volume', 100, 250000], // 100 × 25p
    ['tiered', 'volume', 109, 272500], // 109 × 25p
    ['tiered', 'volume', 250, 625000], // 250 × 25p
    ['tiered', 'cumulative', 0, 0],
    ['tiered', 'cumulative', 1, 10000],
    ['tiered', 'cumulative', 9, 90000], // 9 × £1
    ['tiered', 'cumulative', 10, 95000], // 9 × £1 + 1 × 50p
    ['tiered', 'cumulative', 99, 540000], // 9 × £1 + 90 × 50p
    ['tiered', 'cumulative', 100, 542500], // 9 × £1 + 90 × 50p + 1 × 25p
    ['tiered', 'cumulative', 109, 565000], // … + 10 × 25p
    ['tiered', 'cumulative', 250, 917500], // … + 151 × 25p
    ['tiered', 'single_fixed', 0, 0],
    ['tiered', 'single_fixed', 1, 10000], // £1 for the lot
    ['tiered', 'single_fixed', 9, 10000],
    ['tiered', 'single_fixed', 10, 5000], // 50p for the lot
    ['tiered', 'single_fixed', 99, 5000],
    ['tiered', 'single_fixed', 100, 2500], // 25p for the lot
    ['tiered', 'single_fixed', 109, 2500],
    ['tiered', 'single_fixed', 250, 2500],
    // A flat price is unit price × quantity whatever the calculation type (see calculate.ts).
    ['flat', 'volume', 0, 0],
    ['flat', 'volume', 250, 2500000],
    ['flat', 'cumulative', 250, 2500000],
    ['flat', 'single_fixed', 1, 10000],
    ['flat', 'single_fixed', 250, 2500000],
  ] as const)('%s %s × %i = %i', (priceType, calculationType, quantity, expected) => {
    const tiers = priceType === 'flat' ? FLAT : TIERS;
    expect(periodCostHundredths({ priceType, calculationType, tiers }, quantity)).toBe(BigInt(expected));
  });

  it('works in BigInt: £99,999,999.9999 × 1,000,000 units stays exact', () => {
    const tiers = [{ from: 1, to: null, priceHundredthsOfPenny: 999_999_999_999 }];
    expect(periodCostHundredths({ priceType: 'flat', calculationType: 'volume', tiers }, 1_000_000)).toBe(999_999_999_999_000_000n);
  });

  it('refuses fractional and negative quantities', () => {
    expect(() => periodCostHundredths({ priceType: 'flat', calculationType: 'volume', tiers: FLAT }, 1.5)).toThrow(RangeError);
    expect(() => periodCostHundredths({ priceType: 'flat', calculationType: 'volume', tiers: FLAT }, -1)).toThrow(RangeError);
  });
});

describe('periodCosts: rounding to pence once, then periods', () => {
  it.each([
    // £0.017 per SMS fragment (four decimal places of a pound), one-off:
    ['one_off', 170, 3, 36, { oneOffPence: 5, monthlyPence: 0, annualPence: 0, wholeTermPence: 5 }], // 5.1p → 5p
    ['one_off', 170, 5, 36, { oneOffPence: 9, monthlyPence: 0, annualPence: 0, wholeTermPence: 9 }], // 8.5p → 9p (half up)
    ['one_off', 170, 1234, 36, { oneOffPence: 2098, monthlyPence: 0, annualPence: 0, wholeTermPence: 2098 }], // 2097.8p → 2098p
    ['one_off', 170, 2350, 36, { oneOffPence: 3995, monthlyPence: 0, annualPence: 0, wholeTermPence: 3995 }], // 3995p exactly
    ['one_off', 10050, 1, 36, { oneOffPence: 101, monthlyPence: 0, annualPence: 0, wholeTermPence: 101 }], // 100.5p → 101p (half up)
    // £0.017 per month × 1234: 2097.8p → 2098p a month; annual 12 × 2098; term 36 × 2098
    ['month', 170, 1234, 36, { oneOffPence: 0, monthlyPence: 2098, annualPence: 25176, wholeTermPence: 75528 }],
    ['month', 170, 1234, 7, { oneOffPence: 0, monthlyPence: 2098, annualPence: 25176, wholeTermPence: 14686 }],
    // Emis Web GP at A81001: £1.26 per patient per year × 3,904 patients = £4,919.04 a year
    ['year', 12600, 3904, 36, { oneOffPence: 0, monthlyPence: 40992, annualPence: 491904, wholeTermPence: 1475712 }],
    // £0.0143 × 70 = 100.1p → 100p a year; monthly 8.33p → 8p; 7 months 58.33p → 58p
    ['year', 143, 70, 7, { oneOffPence: 0, monthlyPence: 8, annualPence: 100, wholeTermPence: 58 }],
    // 1,001p a year: monthly 83.42p → 83p (83 × 12 = 996p: monthly is a display figure);
    // 36 months = 3 × 1001 exactly; 18 months = 1501.5p → 1502p (half up)
    ['year', 1001, 100, 36, { oneOffPence: 0, monthlyPence: 83, annualPence: 1001, wholeTermPence: 3003 }],
    ['year', 1001, 100, 18, { oneOffPence: 0, monthlyPence: 83, annualPence: 1001, wholeTermPence: 1502 }],
    ['year', 1001, 100, 1, { oneOffPence: 0, monthlyPence: 83, annualPence: 1001, wholeTermPence: 83 }],
    // zero patients or quantity: nothing, in every period
    ['year', 12600, 0, 36, { oneOffPence: 0, monthlyPence: 0, annualPence: 0, wholeTermPence: 0 }],
  ] as const)('%s: %i hundredths of a penny × %i over %i months', (billingPeriod, unit, quantity, term, expected) => {
    const tiers = [{ from: 1, to: null, priceHundredthsOfPenny: unit }];
    expect(periodCosts({ priceType: 'flat', calculationType: 'volume', tiers, billingPeriod }, quantity, term)).toEqual(expected);
  });

  it('refuses a term that is not a whole number of months from 1', () => {
    expect(() => periodCosts(price(), 1, 0)).toThrow(RangeError);
    expect(() => periodCosts(price(), 1, 1.5)).toThrow(RangeError);
  });
});

describe('estimateCost: every combination of provisioning, price type, calculation, quantity basis and billing period', () => {
  // Two tiny practices whose list sizes sit on tier edges: 9 (end of tier 1) and 100 (start of the
  // open-ended tier). Together 109. Entered quantity 10 (start of tier 2). Term 18 months.
  const recipients = [
    { odsCode: 'A00001', registeredPatients: 9 },
    { odsCode: 'A00002', registeredPatients: 100 },
  ];
  const ENTERED = 10;
  const TERM = 18;
  // The worked exact costs (hundredths of a penny) from the periodCostHundredths table above.
  const EXACT: Record<string, Record<number, number>> = {
    'tiered volume': { 9: 90000, 10: 50000, 100: 250000, 109: 272500 },
    'tiered cumulative': { 9: 90000, 10: 95000, 100: 542500, 109: 565000 },
    'tiered single_fixed': { 9: 10000, 10: 5000, 100: 2500, 109: 2500 },
    'flat volume': { 9: 90000, 10: 100000, 100: 1000000, 109: 1090000 },
    'flat cumulative': { 9: 90000, 10: 100000, 100: 1000000, 109: 1090000 },
    'flat single_fixed': { 9: 90000, 10: 100000, 100: 1000000, 109: 1090000 },
  };
  // Every exact cost above is whole pence, so each period is easy to check by hand:
  // one-off = pence; month: monthly = pence, annual = 12 ×, term = 18 ×; year: annual = pence,
  // monthly = round(pence / 12), term = round(pence × 18 / 12) = round(1.5 × pence).
  const periods = (hundredths: number, billing: string) => {
    const p = hundredths / 100;
    if (billing === 'one_off') return { oneOffPence: p, monthlyPence: 0, annualPence: 0, wholeTermPence: p };
    if (billing === 'month') return { oneOffPence: 0, monthlyPence: p, annualPence: 12 * p, wholeTermPence: TERM * p };
    return { oneOffPence: 0, monthlyPence: Math.floor((p * 2 + 12) / 24), annualPence: p, wholeTermPence: Math.floor((p * TERM * 2 + 12) / 24) };
  };
  const sum = (a: ReturnType<typeof periods>, b: ReturnType<typeof periods>) => ({
    oneOffPence: a.oneOffPence + b.oneOffPence,
    monthlyPence: a.monthlyPence + b.monthlyPence,
    annualPence: a.annualPence + b.annualPence,
    wholeTermPence: a.wholeTermPence + b.wholeTermPence,
  });

  const cases = PROVISIONING_TYPES.flatMap((provisioningType) =>
    PRICE_TYPES.flatMap((priceType) =>
      CALCULATION_TYPES.flatMap((calculationType) =>
        QUANTITY_BASES.flatMap((quantityBasis) => BILLING_PERIODS.map((billingPeriod) => ({ provisioningType, priceType, calculationType, quantityBasis, billingPeriod }))),
      ),
    ),
  );

  it('has all 144 combinations', () => expect(cases).toHaveLength(4 * 2 * 3 * 2 * 3));

  it.each(cases)('$provisioningType $priceType $calculationType $quantityBasis $billingPeriod', (c) => {
    const p = price({ ...c, tiers: c.priceType === 'flat' ? FLAT : TIERS });
    const exact = EXACT[`${c.priceType} ${c.calculationType}`];
    const perPatient = c.provisioningType === 'per_patient';
    const est = estimateCost([p], { recipients, quantities: perPatient ? {} : { p1: ENTERED }, termMonths: TERM });
    const [line] = est.lines;
    if (c.quantityBasis === 'per_service_recipient') {
      // each practice priced on its own quantity
      const qa = perPatient ? 9 : ENTERED;
      const qb = perPatient ? 100 : ENTERED;
      expect(line.recipients).toEqual([
        { odsCode: 'A00001', quantity: qa, ...periods(exact[qa], c.billingPeriod) },
        { odsCode: 'A00002', quantity: qb, ...periods(exact[qb], c.billingPeriod) },
      ]);
      expect(line).toMatchObject({ quantity: qa + qb, ...sum(periods(exact[qa], c.billingPeriod), periods(exact[qb], c.billingPeriod)) });
    } else {
      // one quantity for the whole order: all patients together, or the entered quantity once
      const q = perPatient ? 109 : ENTERED;
      expect(line.recipients).toEqual([{ odsCode: null, quantity: q, ...periods(exact[q], c.billingPeriod) }]);
      expect(line).toMatchObject({ quantity: q, ...periods(exact[q], c.billingPeriod) });
    }
    expect(est.totals).toEqual({ oneOffPence: line.oneOffPence, monthlyPence: line.monthlyPence, annualPence: line.annualPence, wholeTermPence: line.wholeTermPence });
  });

  it('spells out one row: per-patient, tiered cumulative, per service recipient, yearly', () => {
    const est = estimateCost([price({ provisioningType: 'per_patient', priceType: 'tiered', calculationType: 'cumulative', quantityBasis: 'per_service_recipient', billingPeriod: 'year', tiers: TIERS })], {
      recipients,
      termMonths: 18,
    });
    // A00001: 9 × £1 = £9.00 a year; A00002: 9 × £1 + 90 × 50p + 1 × 25p = £54.25 a year.
    expect(est.lines[0].recipients.map((r) => r.annualPence)).toEqual([900, 5425]);
    // monthly: 900 / 12 = 75p; 5425 / 12 = 452.08p → 452p. 18 months: 1350p; 8137.5p → 8138p.
    expect(est.totals).toEqual({ oneOffPence: 0, monthlyPence: 527, annualPence: 6325, wholeTermPence: 9488 });
  });
});

describe('estimateCost: quantities and totals', () => {
  const practice = [{ odsCode: 'A81001', registeredPatients: 3904 }];

  it('defaults entered quantities to 1, and 0 leaves a line out', () => {
    const setUp = price({ id: 'setup', provisioningType: 'one_off', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 5_000_000 }] }); // £500 one-off
    expect(estimateCost([setUp], { recipients: practice, termMonths: 36 }).totals.oneOffPence).toBe(50000);
    expect(estimateCost([setUp], { recipients: practice, quantities: { setup: 0 }, termMonths: 36 }).totals.oneOffPence).toBe(0);
    expect(estimateCost([setUp], { recipients: practice, quantities: { setup: 3 }, termMonths: 36 }).totals.oneOffPence).toBe(150000);
  });

  it('counts a practice without a published list size as 0 patients', () => {
    const perPatient = price({ provisioningType: 'per_patient', quantityBasis: 'per_service_recipient', billingPeriod: 'year', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 12600 }] });
    const est = estimateCost([perPatient], { recipients: [{ odsCode: 'Y00001', registeredPatients: null }, { odsCode: 'Y00002', registeredPatients: 0 }], termMonths: 36 });
    expect(est.lines[0].recipients.map((r) => r.quantity)).toEqual([0, 0]);
    expect(est.totals).toEqual({ oneOffPence: 0, monthlyPence: 0, annualPence: 0, wholeTermPence: 0 });
  });

  it('adds a mixed price list up exactly: one-off + monthly + yearly lines', () => {
    const prices = [
      price({ id: 'licence', provisioningType: 'per_patient', quantityBasis: 'per_service_recipient', billingPeriod: 'year', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 12600 }] }), // £1.26 per patient per year
      price({ id: 'sms', provisioningType: 'on_demand', billingPeriod: 'month', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 170 }] }), // £0.017 per SMS, per month
      price({ id: 'training', provisioningType: 'declarative', billingPeriod: 'one_off', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 4_500_000 }] }), // £450 a day
    ];
    const est = estimateCost(prices, { recipients: practice, quantities: { sms: 1234, training: 2 }, termMonths: 36 });
    expect(est.lines.map((l) => [l.priceId, l.oneOffPence, l.monthlyPence, l.annualPence, l.wholeTermPence])).toEqual([
      ['licence', 0, 40992, 491904, 1475712],
      ['sms', 0, 2098, 25176, 75528],
      ['training', 90000, 0, 0, 90000],
    ]);
    // totals are the sums of the lines; whole term = one-off + recurring over the term
    expect(est.totals).toEqual({ oneOffPence: 90000, monthlyPence: 43090, annualPence: 517080, wholeTermPence: 1641240 });
    expect(est.totals.wholeTermPence).toBe(90000 + 1475712 + 75528);
  });

  it('keeps line totals equal to the sum of the rounded per-practice amounts', () => {
    // £0.0143 per patient per year: each practice rounds on its own, then they add up.
    const p = price({ provisioningType: 'per_patient', quantityBasis: 'per_service_recipient', billingPeriod: 'year', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 143 }] });
    const est = estimateCost([p], { recipients: [{ odsCode: 'A', registeredPatients: 70 }, { odsCode: 'B', registeredPatients: 35 }], termMonths: 36 });
    // A: 100.1p → 100p; B: 50.05p → 50p. The line is 150p, the sum of what each practice pays.
    expect(est.lines[0].recipients.map((r) => r.annualPence)).toEqual([100, 50]);
    expect(est.lines[0].annualPence).toBe(150);
    expect(est.totals.wholeTermPence).toBe(300 + 150);
  });
});
