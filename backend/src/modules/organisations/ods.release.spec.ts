import { deriveRelease, parseOdsDate, readCsv } from './ods.release';
import { ImportError } from './reference-import';

const MAPPING_HEADER =
  'PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,ONS_SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_CODE,' +
  'SUB_ICB_LOCATION_NAME,ONS_ICB_CODE,ICB_CODE,ICB_NAME,ONS_COMM_REGION_CODE,COMM_REGION_CODE,COMM_REGION_NAME,SUPPLIER_NAME';
const EPRACCUR_HEADER =
  'organisation_code,name,national_grouping,high_level_health_geography,address_line_1,address_line_2,address_line_3,address_line_4,' +
  'address_line_5,postcode,open_date,close_date,status,organisation_sub_type_code,commissioner_code,join_commissioner_date,' +
  'left_commissioner_date,contact_telephone,null_19,null_20,null_21,amended_record_indicator,null_23,provider_purchaser_code,null_25,' +
  'prescribing_setting_roles,null_27';
const PATIENTS_HEADER = 'PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS';

const NENC = 'E54000050,QHM,NHS North East and North Cumbria Integrated Care Board,E40000012,Y63,North East and Yorkshire';
const mappingRow = (practice: string, name: string, pcn: string, pcnName: string, subIcb = '16C', icb = NENC, supplier = 'TPP') =>
  `GP_PRAC_PAT_LIST,01Aug2026,${practice},${name},TS18 1HU,${pcn},${pcnName},E38000247,${subIcb},NHS North East and North Cumbria ICB - ${subIcb},${icb},${supplier}`;
const epraccurRow = (code: string, status = 'ACTIVE', roles = 'RO76', openDate = '19740401') =>
  `${code},SURGERY ${code},Y63,QHM,HEALTH CENTRE,"LAWSON STREET, EAST",,STOCKTON-ON-TEES,,TS18 1HU,${openDate},,${status},B,16C,20200401,,01642 672351,,,,1,,16C,,${roles},`;
const patientsRow = (code: string, n: string) => `GP_PRAC_PAT_LIST,2025-04-01,GP,16C,E38000247,${code},TS18 1HU,ALL,ALL,${n}`;

function release(over: { mapping?: string[]; epraccur?: string[]; patients?: string[] } = {}) {
  return {
    mapping: [MAPPING_HEADER, ...(over.mapping ?? [mappingRow('A81001', 'THE DENSHAM SURGERY', 'U89141', 'STOCKTON PCN')])].join('\n') + '\n',
    epraccur: [EPRACCUR_HEADER, ...(over.epraccur ?? [epraccurRow('A81001')])].join('\n') + '\n',
    patients: [PATIENTS_HEADER, ...(over.patients ?? [patientsRow('A81001', '3904')])].join('\n') + '\n',
  };
}

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('expected an ImportError');
};

describe('parseOdsDate', () => {
  it.each([
    ['20260801', '2026-08-01'],
    ['2025-04-01', '2025-04-01'],
    ['01Aug2026', '2026-08-01'],
    ['1aug2026', '2026-08-01'],
  ])('reads %s', (input, iso) => expect(parseOdsDate(input)).toBe(iso));

  it.each(['20260231', '2026-13-01', '32Aug2026', '01Foo2026', '2026/08/01', 'yesterday', ''])('refuses %s', (input) => {
    expect(parseOdsDate(input)).toBeUndefined();
  });
});

describe('readCsv', () => {
  it('numbers records by the physical line they start on, counting quoted line breaks and blank lines', () => {
    const csv = readCsv('x.csv', 'a,b\n1,2\n\n"multi\nline",3\n4,5\n', ['a', 'b']);
    expect(csv.rows.map((r) => [r.line, r.get('a')])).toEqual([[2, '1'], [4, 'multi\nline'], [6, '4']]);
  });

  it('names the file and the columns a header lacks', () => {
    expect(message(() => readCsv('x.csv', 'a,c\n1,2\n', ['a', 'b', 'd']))).toBe('x.csv:1: missing columns b, d');
  });

  it('refuses a record with the wrong number of fields, at its line', () => {
    expect(message(() => readCsv('x.csv', 'a,b\n1,2\n3\n', ['a']))).toBe('x.csv:3: expected 2 fields, found 1');
  });

  it('refuses a NUL character at its line (found by the hostile-input suite)', () => {
    expect(message(() => readCsv('x.csv', 'a,b\n1,2\n3,A8\u00001001\n', ['a']))).toBe('x.csv:3: contains a NUL character; is the file UTF-8?');
  });

  it('refuses an unclosed quote and an empty file', () => {
    expect(message(() => readCsv('x.csv', 'a,b\n1,"2\n', ['a']))).toMatch(/^x\.csv:\d+: not valid CSV/);
    expect(message(() => readCsv('x.csv', '', ['a']))).toBe('x.csv:1: the file is empty; expected a header row');
  });

  it('ignores a byte-order mark and trims values', () => {
    const csv = readCsv('x.csv', '\uFEFFa,b\n 1 ,2\n', ['a']);
    expect(csv.rows[0].get('a')).toBe('1');
  });
});

describe('deriveRelease', () => {
  it('builds the hierarchy from the mapping, with the address from epraccur and the list size', () => {
    const r = deriveRelease(release());
    expect(r.counts).toEqual({ regions: 1, icbs: 1, subIcbLocations: 1, pcns: 1, practices: 1 });
    expect(r.organisations.map((o) => [o.type, o.code])).toEqual([['region', 'Y63'], ['icb', 'QHM'], ['sub_icb', '16C'], ['pcn', 'U89141'], ['practice', 'A81001']]);
    expect(r.organisations.find((o) => o.code === 'A81001')).toMatchObject({
      name: 'THE DENSHAM SURGERY', pcnCode: 'U89141', subIcbCode: '16C', icbCode: 'QHM', regionCode: 'Y63',
      addressLine1: 'HEALTH CENTRE', addressLine2: 'LAWSON STREET, EAST', addressLine3: null, town: 'STOCKTON-ON-TEES', county: null,
      postcode: 'TS18 1HU', telephone: '01642 672351', openDate: '1974-04-01', registeredPatients: 3904, registeredPatientsDate: '2025-04-01',
      clinicalSystemSupplier: 'TPP', sourceExtractDate: '2026-08-01',
    });
    expect(r.organisations.find((o) => o.code === 'QHM')).toMatchObject({ onsCode: 'E54000050', regionCode: 'Y63', icbCode: null });
    expect(r.organisations.find((o) => o.code === '16C')).toMatchObject({ onsCode: 'E38000247', icbCode: 'QHM', regionCode: 'Y63' });
  });

  it('leaves out the Unallocated pseudo-PCN, and gives a PCN across sub-ICB locations no sub-ICB parent', () => {
    const r = deriveRelease(
      release({
        mapping: [
          mappingRow('A81001', 'ONE', 'U', 'Unallocated'),
          mappingRow('A81002', 'TWO', 'U00001', 'SPLIT PCN', '16C'),
          mappingRow('A81003', 'THREE', 'U00001', 'SPLIT PCN', '00K'),
        ],
        epraccur: [epraccurRow('A81001'), epraccurRow('A81002'), epraccurRow('A81003')],
        patients: [patientsRow('A81001', '1'), patientsRow('A81002', '2'), patientsRow('A81003', '3')],
      }),
    );
    expect(r.organisations.some((o) => o.code === 'U')).toBe(false);
    expect(r.organisations.find((o) => o.code === 'A81001')!.pcnCode).toBeNull();
    expect(r.organisations.find((o) => o.code === 'U00001')).toMatchObject({ subIcbCode: null, icbCode: 'QHM', regionCode: 'Y63' });
    expect(r.counts).toMatchObject({ pcns: 1, subIcbLocations: 2, practices: 3 });
  });

  it('keeps the mapping postcode and no address for a practice that is not an ACTIVE GP practice in epraccur, and reports it', () => {
    const r = deriveRelease(release({ epraccur: [epraccurRow('A81001', 'INACTIVE')], patients: [] }));
    expect(r.practicesWithoutAddress).toEqual(['A81001']);
    expect(r.practicesWithoutPatients).toEqual(['A81001']);
    expect(r.organisations.find((o) => o.code === 'A81001')).toMatchObject({ postcode: 'TS18 1HU', addressLine1: null, registeredPatients: null });
  });

  it('ignores epraccur rows that are not GP practices, but still checks them', () => {
    expect(() => deriveRelease(release({ epraccur: [epraccurRow('A81001'), epraccurRow('NQT12', 'ACTIVE', 'RO80')] }))).not.toThrow();
    expect(message(() => deriveRelease(release({ epraccur: [epraccurRow('A81001'), epraccurRow('NQT12', 'CLOSED', 'RO80')] })))).toBe(
      'epraccur.csv:3: status "CLOSED" is not one of ACTIVE, INACTIVE, DORMANT',
    );
  });

  it.each([
    [{ patients: [patientsRow('A81001', 'abc')] }, 'gp-registered-patients.csv:2: NUMBER_OF_PATIENTS "abc" is not a whole number of 0 or more'],
    [{ patients: [patientsRow('A81001', '-5')] }, 'gp-registered-patients.csv:2: NUMBER_OF_PATIENTS "-5" is not a whole number of 0 or more'],
    [{ patients: [patientsRow('A81001', '1'), patientsRow('A81001', '2')] }, 'gp-registered-patients.csv:3: practice A81001 has two patient counts (also at line 2)'],
    [{ mapping: [mappingRow('A8100', 'X', 'U89141', 'STOCKTON PCN')] }, 'gp-practice-mapping.csv:2: PRACTICE_CODE "A8100" is not a GP practice code (a letter and 5 digits)'],
    [{ mapping: [mappingRow('A81001', 'X', 'P12', 'STOCKTON PCN')] }, 'gp-practice-mapping.csv:2: PCN_CODE "P12" is not a PCN code (U and 5 digits, or U for unallocated)'],
    [{ mapping: [mappingRow('A81001', '', 'U89141', 'STOCKTON PCN')] }, 'gp-practice-mapping.csv:2: PRACTICE_NAME is empty'],
    [
      { mapping: [mappingRow('A81001', 'X', 'U89141', 'STOCKTON PCN'), mappingRow('A81002', 'Y', 'U89141', 'OTHER NAME')] },
      'gp-practice-mapping.csv:3: PCN U89141 has PCN_NAME "OTHER NAME" here but "STOCKTON PCN" at line 2',
    ],
    [
      { mapping: [mappingRow('A81001', 'X', 'U89141', 'STOCKTON PCN'), mappingRow('A81001', 'X', 'U89141', 'STOCKTON PCN')] },
      'gp-practice-mapping.csv:3: practice A81001 is listed twice (also at line 2)',
    ],
    [
      { mapping: [mappingRow('A81001', 'X', 'U89141', 'STOCKTON PCN', 'QHM')] },
      'gp-practice-mapping.csv:2: code QHM is used for both an ICB (line 2) and a sub-ICB location',
    ],
    [{ epraccur: [epraccurRow('A81001', 'ACTIVE', 'RO76', '20260231')] }, 'epraccur.csv:2: open_date "20260231" is not a valid date'],
  ])('refuses a bad row with <file>:<line>: <reason> (%#)', (over, expected) => {
    expect(message(() => deriveRelease(release(over)))).toBe(expected);
  });

  it('names the file when a required column is missing', () => {
    const files = release();
    files.epraccur = files.epraccur.replace(',postcode,', ',post_code,');
    expect(message(() => deriveRelease(files))).toBe('epraccur.csv:1: missing column postcode');
  });
});
