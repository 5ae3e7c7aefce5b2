import { compileReleases, hundredthsOfPennyToAmount, JsonObject, londonDateTime, penceToAmount } from './ocds.rules';

describe('OCDS money', () => {
  it.each([
    [1476000, 14760],
    [1999, 19.99],
    [1, 0.01],
    [0, 0],
    [10, 0.1],
    [123456789012, 1234567890.12],
    ['1476000', 14760],
  ])('converts %p pence to the amount %p pounds exactly', (pence, pounds) => {
    expect(penceToAmount(pence)).toBe(pounds);
    expect(String(penceToAmount(pence))).toBe(String(pounds));
  });

  it('gives the same number as parsing the decimal for every pence value up to £10,000', () => {
    for (let p = 0; p <= 1_000_000; p += 7) {
      const decimal = `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
      if (penceToAmount(p) !== Number(decimal)) throw new Error(`${p} → ${penceToAmount(p)}, expected ${decimal}`);
    }
  });

  it('refuses fractions and unsafe integers', () => {
    expect(() => penceToAmount(1.5)).toThrow(RangeError);
    expect(() => penceToAmount(2 ** 60)).toThrow(RangeError);
  });

  it('converts unit prices in hundredths of a penny', () => {
    expect(hundredthsOfPennyToAmount(12345)).toBe(1.2345);
    expect(hundredthsOfPennyToAmount(4800)).toBe(0.48);
  });
});

describe('londonDateTime', () => {
  it('uses the London offset of the day', () => {
    expect(londonDateTime('2027-01-15')).toBe('2027-01-15T00:00:00+00:00');
    expect(londonDateTime('2027-07-15')).toBe('2027-07-15T00:00:00+01:00');
    expect(londonDateTime('2027-07-15', true)).toBe('2027-07-15T23:59:59+01:00');
    expect(() => londonDateTime('15/07/2027')).toThrow(RangeError);
  });
});

describe('compileReleases (OCDS merge)', () => {
  const award: JsonObject = {
    ocid: 'ocds-test01-C000001',
    id: 'C000001-01-award',
    date: '2027-01-01T10:00:00.000Z',
    tag: ['award', 'contract'],
    initiationType: 'tender',
    parties: [
      { id: 'B', name: 'Buyer', roles: ['buyer'], identifier: { scheme: 'GB-NHS', id: 'B' } },
      { id: 'S', name: 'Supplier', roles: ['supplier'] },
    ],
    awards: [{ id: 'C000001', value: { amount: 100, currency: 'GBP' } }],
    contracts: [{ id: 'C000001', awardID: 'C000001', status: 'active', value: { amount: 100, currency: 'GBP' }, items: [{ id: 'i1', quantity: 1 }], period: { startDate: 'a', endDate: 'b' } }],
  };
  const amendment: JsonObject = {
    ocid: 'ocds-test01-C000001',
    id: 'C000001-02-amendment',
    date: '2027-02-01T10:00:00.000Z',
    tag: ['contractAmendment'],
    initiationType: 'tender',
    parties: [{ id: 'S', name: 'Supplier Ltd', roles: ['supplier', 'payee'] }],
    contracts: [
      {
        id: 'C000001',
        awardID: 'C000001',
        value: { amount: 150, currency: 'GBP' },
        items: [{ id: 'i1', quantity: 2 }, { id: 'i2', quantity: 1 }],
        amendments: [{ id: 'C000001-02', description: '100 → 150' }],
      },
    ],
  };
  const termination: JsonObject = {
    ocid: 'ocds-test01-C000001',
    id: 'C000001-02-termination',
    date: '2027-03-01T10:00:00.000Z',
    tag: ['contractTermination'],
    initiationType: 'tender',
    contracts: [{ id: 'C000001', awardID: 'C000001', status: 'terminated', period: { endDate: 'c' }, amendments: [{ id: 'C000001-03', description: 'later' }] }],
  };

  it('applies releases in date order, merging arrays of objects by id and replacing other values', () => {
    const compiled = compileReleases([termination, award, amendment]);
    expect(compiled).toMatchObject({ ocid: 'ocds-test01-C000001', tag: ['compiled'], date: termination.date, id: `ocds-test01-C000001-${termination.date}` });
    expect(compiled.parties).toEqual([
      { id: 'B', name: 'Buyer', roles: ['buyer'], identifier: { scheme: 'GB-NHS', id: 'B' } },
      { id: 'S', name: 'Supplier Ltd', roles: ['supplier', 'payee'] }, // arrays of strings are replaced
    ]);
    expect(compiled.awards).toEqual(award.awards);
    const [contract] = compiled.contracts as JsonObject[];
    expect(contract).toMatchObject({ status: 'terminated', value: { amount: 150, currency: 'GBP' }, period: { startDate: 'a', endDate: 'c' } });
    expect(contract.items).toEqual([{ id: 'i1', quantity: 2 }, { id: 'i2', quantity: 1 }]);
    expect(contract.amendments).toEqual([{ id: 'C000001-02', description: '100 → 150' }, { id: 'C000001-03', description: 'later' }]);
  });

  it('drops omitWhenMerged fields of the releases, removes fields set to null and replaces wholeListMerge arrays', () => {
    const a: JsonObject = { ocid: 'x', id: '1', date: '2027-01-01T00:00:00Z', tag: ['tender'], initiationType: 'tender', tender: { id: 't', title: 'T', items: [{ id: 'i', additionalClassifications: [{ scheme: 'CPV', id: '1' }, { scheme: 'CPV', id: '2' }] }] } };
    const b: JsonObject = { ocid: 'x', id: '2', date: '2027-01-02T00:00:00Z', tag: ['tenderUpdate'], initiationType: 'tender', tender: { id: 't', title: null, items: [{ id: 'i', additionalClassifications: [{ scheme: 'CPV', id: '3' }] }] } };
    const compiled = compileReleases([a, b]);
    expect(compiled.tender).toEqual({ id: 't', items: [{ id: 'i', additionalClassifications: [{ scheme: 'CPV', id: '3' }] }] });
    expect(compiled.tag).toEqual(['compiled']);
    expect(() => compileReleases([])).toThrow(RangeError);
  });
});
