import { Candidate, Criteria, criteriaErrors, formatPoints, NO_WEIGHTS, priceScore, rank, usedElements } from './scoring';

const priceOnly: Criteria = { type: 'price', priceWeight: 100, weights: NO_WEIGHTS };
const mixed = (priceWeight: number, weights: Partial<Criteria['weights']>): Criteria => ({
  type: 'price_and_non_price',
  priceWeight,
  weights: { ...NO_WEIGHTS, ...weights },
});
const candidate = (itemId: string, wholeTermPence: number, scores: Candidate['scores'] = {}): Candidate => ({
  itemId,
  name: `Solution ${itemId}`,
  supplierName: `Supplier ${itemId}`,
  wholeTermPence,
  scores,
});

describe('priceScore', () => {
  it('gives the cheapest 5', () => {
    expect(priceScore(100_000, 100_000)).toBe(5);
  });

  it.each([
    ['1p dearer', 100_001, 4],
    ['exactly 25% dearer', 125_000, 4],
    ['just above 25% dearer', 125_001, 3],
    ['exactly 50% dearer', 150_000, 3],
    ['just above 50% dearer', 150_001, 2],
    ['exactly 100% dearer', 200_000, 2],
    ['just above 100% dearer', 200_001, 1],
    ['ten times the price', 1_000_000, 1],
  ])('against a cheapest of £1,000.00: %s scores %i', (_label, cost, expected) => {
    expect(priceScore(cost, 100_000)).toBe(expected);
  });

  it('compares exactly where a percentage of the cheapest is not a whole number of pence', () => {
    // 25% of 333p is 83.25p: 416p is within it, 417p is not.
    expect(priceScore(416, 333)).toBe(4);
    expect(priceScore(417, 333)).toBe(3);
    // 50% of 333p is 166.5p: 499p within, 500p not.
    expect(priceScore(499, 333)).toBe(3);
    expect(priceScore(500, 333)).toBe(2);
    // 100% of 333p is 333p: 666p within, 667p not.
    expect(priceScore(666, 333)).toBe(2);
    expect(priceScore(667, 333)).toBe(1);
  });

  it('when the cheapest costs nothing, only nothing scores 5 and anything dearer scores 1', () => {
    expect(priceScore(0, 0)).toBe(5);
    expect(priceScore(1, 0)).toBe(1);
    expect(priceScore(1_000_000, 0)).toBe(1);
  });

  it('stays exact for costs beyond what a double holds exactly once multiplied', () => {
    const cheapest = 4_000_000_000_000_000; // 125 × this is beyond 2^53
    expect(priceScore(5_000_000_000_000_000, cheapest)).toBe(4);
    expect(priceScore(5_000_000_000_000_001, cheapest)).toBe(3);
  });

  it('refuses costs that are not whole pence, negative, or below the cheapest', () => {
    expect(() => priceScore(10.5, 10)).toThrow(RangeError);
    expect(() => priceScore(-1, 0)).toThrow(RangeError);
    expect(() => priceScore(5, 10)).toThrow(RangeError);
  });
});

describe('criteriaErrors', () => {
  it('accepts price only at 100% with no elements', () => {
    expect(criteriaErrors(priceOnly)).toEqual([]);
  });

  it('refuses price only below 100% or with element weightings', () => {
    expect(criteriaErrors({ ...priceOnly, priceWeight: 90 })).toEqual([{ field: 'priceWeight', message: 'Price only means price is weighted 100%' }]);
    expect(criteriaErrors({ ...priceOnly, weights: { ...NO_WEIGHTS, features: 100 } }).map((e) => e.field)).toEqual(['weights.features']);
  });

  it.each([30, 35, 60, 85, 90])('accepts a price weighting of %i%%', (w) => {
    expect(criteriaErrors(mixed(w, { features: 50, serviceLevels: 50 }))).toEqual([]);
  });

  it.each([25, 95, 100, 0])('refuses a price weighting of %i%% for price and non-price (30–90)', (w) => {
    expect(criteriaErrors(mixed(w, { features: 100 }))).toEqual([{ field: 'priceWeight', message: 'Price must be weighted between 30% and 90%' }]);
  });

  it.each([31, 62, 89])('refuses a price weighting of %i%%: not a step of 5', (w) => {
    expect(criteriaErrors(mixed(w, { features: 100 }))).toEqual([{ field: 'priceWeight', message: 'Enter the price weighting in steps of 5, like 60' }]);
  });

  it('refuses element weightings that are not steps of 5, naming each', () => {
    const errors = criteriaErrors(mixed(60, { features: 52, implementation: 48 }));
    expect(errors.map((e) => e.field)).toEqual(['weights.features', 'weights.implementation']);
  });

  it('refuses element weightings that do not add up to 100', () => {
    expect(criteriaErrors(mixed(60, { features: 50, implementation: 45 }))).toEqual([
      { field: 'weights', message: 'The non-price weightings must add up to 100 (they add up to 95)' },
    ]);
    expect(criteriaErrors(mixed(60, { features: 60, implementation: 45 }))[0].message).toContain('add up to 105');
  });

  it('refuses price and non-price with no element in use', () => {
    expect(criteriaErrors(mixed(60, {})).map((e) => e.field)).toEqual(['weights']);
  });

  it('accepts one element at 100 and all four in steps of 5', () => {
    expect(criteriaErrors(mixed(70, { interoperability: 100 }))).toEqual([]);
    expect(criteriaErrors(mixed(50, { features: 40, implementation: 25, interoperability: 20, serviceLevels: 15 }))).toEqual([]);
  });

  it('refuses an unknown type', () => {
    expect(criteriaErrors({ ...priceOnly, type: 'best_value' as never }).map((e) => e.field)).toEqual(['type']);
  });
});

describe('usedElements', () => {
  it('lists elements with a weighting above 0 in the fixed order; none for price only', () => {
    expect(usedElements(mixed(60, { serviceLevels: 40, features: 60 }))).toEqual(['features', 'serviceLevels']);
    expect(usedElements(priceOnly)).toEqual([]);
    expect(usedElements(null)).toEqual([]);
  });
});

describe('rank', () => {
  it('price only: the cheapest wins with 5.0000, and points are exact integers', () => {
    const r = rank([candidate('a', 125_000), candidate('b', 100_000), candidate('c', 300_000)], priceOnly);
    expect(r.ranking.map((x) => [x.itemId, x.priceScore, x.pricePoints, x.totalPoints, x.rank])).toEqual([
      ['b', 5, 50_000, 50_000, 1],
      ['a', 4, 40_000, 40_000, 2],
      ['c', 1, 10_000, 10_000, 3],
    ]);
    expect(r.winners).toEqual(['b']);
    expect(r.tie).toBe(false);
    expect(r.ranking[0].elementScores).toEqual({});
  });

  it('price and non-price: weighted totals, exactly', () => {
    // Price 60%; features 50% and service levels 50% of the 40% non-price.
    const criteria = mixed(60, { features: 50, serviceLevels: 50 });
    const r = rank(
      [
        candidate('cheap', 100_000, { features: 2, serviceLevels: 3 }),
        candidate('good', 140_000, { features: 5, serviceLevels: 5 }),
      ],
      criteria,
    );
    // cheap: 5×60×100 + 2×50×40 + 3×50×40 = 30000 + 4000 + 6000 = 40000
    // good:  3×60×100 + 5×50×40 + 5×50×40 = 18000 + 10000 + 10000 = 38000
    expect(r.ranking.map((x) => ({ id: x.itemId, price: x.pricePoints, el: x.elementPoints, total: x.totalPoints }))).toEqual([
      { id: 'cheap', price: 30_000, el: { features: 4_000, serviceLevels: 6_000 }, total: 40_000 },
      { id: 'good', price: 18_000, el: { features: 10_000, serviceLevels: 10_000 }, total: 38_000 },
    ]);
    expect(r.ranking[1].elementScores).toEqual({ features: 5, serviceLevels: 5 });
    expect(r.winners).toEqual(['cheap']);
  });

  it('the total is the sum of the parts shown, and never more than 50,000', () => {
    const criteria = mixed(35, { features: 25, implementation: 25, interoperability: 35, serviceLevels: 15 });
    const r = rank([candidate('x', 1, { features: 5, implementation: 5, interoperability: 5, serviceLevels: 5 }), candidate('y', 3, { features: 1, implementation: 2, interoperability: 3, serviceLevels: 4 })], criteria);
    for (const row of r.ranking) {
      const parts = row.pricePoints + Object.values(row.elementPoints).reduce((a, b) => a + (b ?? 0), 0);
      expect(row.totalPoints).toBe(parts);
      expect(Number.isInteger(row.totalPoints)).toBe(true);
    }
    expect(r.ranking[0].totalPoints).toBe(50_000);
  });

  it('a weighting decides: with price at 30% the better-scored dearer solution wins', () => {
    const criteria = mixed(30, { features: 100 });
    const r = rank([candidate('cheap', 100_000, { features: 1 }), candidate('dear', 200_000, { features: 5 })], criteria);
    // cheap: 5×30×100 + 1×100×70 = 15000 + 7000 = 22000; dear: 2×30×100 + 5×100×70 = 6000 + 35000 = 41000
    expect(r.ranking.map((x) => [x.itemId, x.totalPoints])).toEqual([
      ['dear', 41_000],
      ['cheap', 22_000],
    ]);
  });

  it('a two-way tie: both rank 1, both winners, the next ranks 3', () => {
    const criteria = mixed(50, { implementation: 100 });
    const r = rank(
      [
        candidate('a', 100_000, { implementation: 3 }), // 5×50×100 + 3×100×50 = 25000 + 15000 = 40000
        candidate('b', 150_000, { implementation: 5 }), // 3×50×100 + 5×100×50 = 15000 + 25000 = 40000
        candidate('c', 100_000, { implementation: 1 }), // 25000 + 5000 = 30000
      ],
      criteria,
    );
    expect(r.tie).toBe(true);
    expect(r.winners.sort()).toEqual(['a', 'b']);
    expect(r.ranking.map((x) => [x.itemId, x.rank, x.totalPoints])).toEqual([
      ['a', 1, 40_000],
      ['b', 1, 40_000],
      ['c', 3, 30_000],
    ]);
  });

  it('a three-way tie at the top (same cost, price only)', () => {
    const r = rank([candidate('a', 5_000), candidate('b', 5_000), candidate('c', 5_000), candidate('d', 20_000)], priceOnly);
    expect(r.tie).toBe(true);
    expect(r.winners).toEqual(['a', 'b', 'c']);
    expect(r.ranking.map((x) => x.rank)).toEqual([1, 1, 1, 4]);
  });

  it('a tie below the top is not a tie for the win', () => {
    const r = rank([candidate('a', 100), candidate('b', 200), candidate('c', 200)], priceOnly);
    expect(r.tie).toBe(false);
    expect(r.winners).toEqual(['a']);
    expect(r.ranking.map((x) => [x.itemId, x.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
    ]);
  });

  it('scores price against the cheapest of those compared, including a free one', () => {
    const r = rank([candidate('free', 0), candidate('paid', 1)], priceOnly);
    expect(r.ranking.map((x) => [x.itemId, x.priceScore])).toEqual([
      ['free', 5],
      ['paid', 1],
    ]);
  });

  it('refuses invalid criteria, a missing or out-of-range score, and nothing to rank', () => {
    expect(() => rank([candidate('a', 1)], mixed(60, { features: 90 }))).toThrow(/Criteria not valid/);
    expect(() => rank([candidate('a', 1, {})], mixed(60, { features: 100 }))).toThrow(/no score/);
    expect(() => rank([candidate('a', 1, { features: 6 })], mixed(60, { features: 100 }))).toThrow(/no score/);
    expect(() => rank([candidate('a', 1, { features: 2.5 })], mixed(60, { features: 100 }))).toThrow(/no score/);
    expect(() => rank([], priceOnly)).toThrow(/Nothing to rank/);
  });

  it('ignores scores for elements not in use', () => {
    const r = rank([candidate('a', 1, { features: 5, implementation: 1 })], mixed(60, { features: 100 }));
    expect(r.ranking[0].elementScores).toEqual({ features: 5 });
  });
});

describe('formatPoints', () => {
  it('shows totalPoints / 10,000 to four decimal places, exactly', () => {
    expect(formatPoints(50_000)).toBe('5.0000');
    expect(formatPoints(41_234)).toBe('4.1234');
    expect(formatPoints(10_005)).toBe('1.0005');
    expect(formatPoints(0)).toBe('0.0000');
    expect(() => formatPoints(1.5)).toThrow(RangeError);
  });
});
