import { ClinicalContract, concentration, hhi, hhiOf, inForce, matchOdsSupplier, nextMonths, NOT_RECORDED, PracticeSystem, shares, systemsOn, trendDays } from './dashboard.rules';

const practices: PracticeSystem[] = [
  { practiceId: 'p1', registeredPatients: 1000, odsKey: 'EMIS' },
  { practiceId: 'p2', registeredPatients: 3000, odsKey: 'EMIS' },
  { practiceId: 'p3', registeredPatients: 4000, odsKey: 'TPP' },
  { practiceId: 'p4', registeredPatients: 2000, odsKey: null },
];

describe('dashboard rules', () => {
  it('computes the HHI as the sum of squared percentage shares', () => {
    expect(hhi([100])).toBe(10000);
    expect(hhi([50, 50])).toBe(5000);
    expect(hhi([60, 30, 10])).toBe(3600 + 900 + 100);
    expect(hhi([])).toBe(0);
    expect(hhi([100 / 3, 100 / 3, 100 / 3])).toBe(3333);
  });

  it('bands concentration', () => {
    expect(concentration(999)).toBe('unconcentrated');
    expect(concentration(1500)).toBe('moderately concentrated');
    expect(concentration(2001)).toBe('highly concentrated');
  });

  it('shares practices and patients, leaving unrecorded systems out of the denominators', () => {
    const s = shares(practices, systemsOn(practices, [], '2026-11-23'));
    expect(s.map((x) => x.key)).toEqual(['EMIS', 'TPP', NOT_RECORDED]);
    const emis = s.find((x) => x.key === 'EMIS')!;
    expect(emis).toMatchObject({ practices: 2, patients: 4000 });
    expect(emis.practicesPercent).toBeCloseTo(200 / 3);
    expect(emis.patientsPercent).toBeCloseTo(50);
    expect(s.find((x) => x.key === NOT_RECORDED)).toMatchObject({ practices: 1, practicesPercent: 0, patientsPercent: 0 });
    const h = hhiOf(s);
    expect(h.byPractices).toBe(Math.round((200 / 3) ** 2 + (100 / 3) ** 2));
    expect(h.byPatients).toBe(5000);
  });

  it('lets a contract in force override ODS data, the latest-starting one winning', () => {
    const contracts: ClinicalContract[] = [
      { practiceId: 'p1', supplierKey: 'TPP', startDate: '2025-01-01', endDate: '2027-12-31', terminationDate: null },
      { practiceId: 'p2', supplierKey: 'TPP', startDate: '2025-01-01', endDate: '2027-12-31', terminationDate: '2026-06-01' },
      { practiceId: 'p3', supplierKey: 'EMIS', startDate: '2024-01-01', endDate: '2028-01-01', terminationDate: null },
      { practiceId: 'p3', supplierKey: 'MED', startDate: '2026-01-01', endDate: '2028-01-01', terminationDate: null },
      { practiceId: 'p4', supplierKey: 'EMIS', startDate: '2027-01-01', endDate: '2029-01-01', terminationDate: null },
    ];
    const now = systemsOn(practices, contracts, '2026-11-23');
    expect(Object.fromEntries(now)).toEqual({ p1: 'TPP', p2: 'EMIS', p3: 'MED', p4: NOT_RECORDED });
    const before = systemsOn(practices, contracts, '2025-06-30');
    expect(Object.fromEntries(before)).toEqual({ p1: 'TPP', p2: 'TPP', p3: 'EMIS', p4: NOT_RECORDED });
  });

  it('treats a contract as in force from its start to its end, until its termination date', () => {
    const c = { startDate: '2026-01-01', endDate: '2026-12-31', terminationDate: '2026-06-01' };
    expect(inForce(c, '2025-12-31')).toBe(false);
    expect(inForce(c, '2026-01-01')).toBe(true);
    expect(inForce(c, '2026-05-31')).toBe(true);
    expect(inForce(c, '2026-06-01')).toBe(false);
    expect(inForce({ ...c, terminationDate: null }, '2026-12-31')).toBe(true);
  });

  it('lists month ends for the trend and months ahead for notice deadlines', () => {
    expect(trendDays('2026-03-15', 3)).toEqual(['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-15']);
    expect(trendDays('2026-11-23', 24)).toHaveLength(25);
    expect(nextMonths('2026-11-23', 3)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(nextMonths('2026-11-23', 24).at(-1)).toBe('2028-10');
  });

  it('matches ODS supplier labels to catalogue suppliers by leading word', () => {
    const suppliers = [{ name: 'EMIS Health' }, { name: 'TPP – The Phoenix Partnership (Leeds) Ltd' }, { name: 'Emisphere' }];
    expect(matchOdsSupplier('EMIS', suppliers)?.name).toBe('EMIS Health');
    expect(matchOdsSupplier('TPP', suppliers)?.name).toBe('TPP – The Phoenix Partnership (Leeds) Ltd');
    expect(matchOdsSupplier('Medicus', suppliers)).toBeNull();
    expect(matchOdsSupplier('', suppliers)).toBeNull();
  });
});
