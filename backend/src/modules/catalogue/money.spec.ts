import { mapPrice } from './demo-catalogue.seed';
import { poundsToHundredthsOfPenny } from './money';

describe('poundsToHundredthsOfPenny', () => {
  it.each([
    [0.017, 170],
    [1.26, 12600],
    [12, 120000],
    [0.0001, 1],
    ['0.017', 170],
    [1415.13, 14151300],
    [0, 0],
    ['10.0', 100000],
  ])('%p → %p', (pounds, expected) => {
    expect(poundsToHundredthsOfPenny(pounds)).toBe(expected);
  });

  it('is exact where float multiplication is not', () => {
    expect(0.57 * 10000).not.toBe(5700);
    expect(poundsToHundredthsOfPenny(0.57)).toBe(5700);
    expect(0.07 * 10000).not.toBe(700);
    expect(poundsToHundredthsOfPenny(0.07)).toBe(700);
  });

  it('refuses negatives, more than four decimal places and non-numbers', () => {
    expect(() => poundsToHundredthsOfPenny(-1)).toThrow();
    expect(() => poundsToHundredthsOfPenny('0.00001')).toThrow();
    expect(() => poundsToHundredthsOfPenny('£1')).toThrow();
  });
});

describe('mapPrice (sample catalogue vocabulary)', () => {
  it('maps a per-patient flat yearly price', () => {
    expect(mapPrice({ provisioning_type: 'Patient', price_type: 'Flat', unit: 'per patient', time_unit: 'per year', calculation_type: 'SingleFixed', price: 1.26 }, 0)).toEqual({
      id: 'p1',
      provisioningType: 'per_patient',
      priceType: 'flat',
      calculationType: 'single_fixed',
      quantityBasis: 'per_service_recipient',
      billingPeriod: 'year',
      unit: 'per patient',
      tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 12600 }],
    });
  });

  it('maps declarative and on-demand prices without a time unit to one-off billing, and tiered prices to three tiers', () => {
    expect(mapPrice({ provisioning_type: 'Declarative', price_type: 'Flat', unit: 'per day', time_unit: null, calculation_type: 'Volume', price: 925 }, 1)).toMatchObject({
      id: 'p2',
      provisioningType: 'declarative',
      calculationType: 'volume',
      quantityBasis: 'per_solution',
      billingPeriod: 'one_off',
    });
    expect(mapPrice({ provisioning_type: 'OnDemand', price_type: 'Tiered', unit: 'per SMS fragment', time_unit: null, calculation_type: 'Cumulative', price: 0.017 }, 0)).toMatchObject({
      provisioningType: 'on_demand',
      priceType: 'tiered',
      tiers: [
        { from: 1, to: 9, priceHundredthsOfPenny: 170 },
        { from: 10, to: 99, priceHundredthsOfPenny: 85 },
        { from: 100, to: null, priceHundredthsOfPenny: 43 },
      ],
    });
  });
});
