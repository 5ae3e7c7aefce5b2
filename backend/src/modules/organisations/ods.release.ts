import { CsvError, parse } from 'csv-parse/sync';
import { ImportError } from './reference-import';

/*
 * One ODS / NHS England release, read and checked without touching the database.
 * File layouts: backend/data/ods/README.md. The mapping file (gp-reg-pat-prac-map) is the
 * authority for which English practices exist and where they sit in the hierarchy; epraccur adds
 * addresses, gp-reg-pat-prac-all adds list sizes.
 */

export const ODS_FILES = {
  mapping: 'gp-practice-mapping.csv',
  epraccur: 'epraccur.csv',
  patients: 'gp-registered-patients.csv',
} as const;

export type OdsType = 'region' | 'icb' | 'sub_icb' | 'pcn' | 'practice';
export const ODS_TYPES: OdsType[] = ['region', 'icb', 'sub_icb', 'pcn', 'practice'];

/** What epraccur says about a practice's premises; the same fields on every organisation row. */
export interface PracticeAddress {
  addressLine1: string | null;
  addressLine2: string | null;
  addressLine3: string | null;
  town: string | null;
  county: string | null;
  postcode: string | null;
  telephone: string | null;
  openDate: string | null;
}

export interface OdsOrganisation extends PracticeAddress {
  code: string;
  type: OdsType;
  name: string;
  onsCode: string | null;
  regionCode: string | null;
  icbCode: string | null;
  subIcbCode: string | null;
  pcnCode: string | null;
  registeredPatients: number | null;
  registeredPatientsDate: string | null;
  clinicalSystemSupplier: string | null;
  sourceExtractDate: string | null;
}

export interface OdsRelease {
  /** Regions, ICBs, sub-ICB locations, PCNs, then practices. */
  organisations: OdsOrganisation[];
  counts: { regions: number; icbs: number; subIcbLocations: number; pcns: number; practices: number };
  mappingExtractDate: string;
  patientsExtractDate: string | null;
  /** Mapping practices with no ACTIVE GP-practice (RO76) row in epraccur: mapping postcode, no address. */
  practicesWithoutAddress: string[];
  /** Mapping practices with no registered-patients row: registered_patients stays null. */
  practicesWithoutPatients: string[];
  /** Practices whose epraccur postcode (used) differs from the mapping's PRACTICE_POSTCODE. */
  postcodeDifferences: string[];
}

// ---- ODS code and value formats

export const PATTERNS = {
  practice: /^[A-Z]\d{5}$/,
  pcn: /^U\d{5}$/,
  /** Sub-ICB locations (former CCGs: 00L, 16C) and ICBs (QHM, QE1; 5 characters since the April 2026 mergers: D7T5G). */
  subIcb: /^[A-Z0-9]{3}(?:[A-Z0-9]{2})?$/,
  icb: /^[A-Z0-9]{3}(?:[A-Z0-9]{2})?$/,
  region: /^Y\d{2}$/,
  onsSubIcb: /^E38\d{6}$/,
  onsIcb: /^E54\d{6}$/,
  onsRegion: /^E40\d{6}$/,
  odsCode: /^[A-Z0-9]{3,10}$/,
  postcode: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
  wholeNumber: /^\d{1,10}$/,
};

/** The PCN code NHS England uses for practices that belong to no PCN. */
export const UNALLOCATED_PCN = 'U';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/**
 * ISO date from the three spellings these files use: `20260801` (epraccur), `2026-08-01`
 * (patients) and `01Aug2026` (mapping). Undefined when it is not a real calendar date.
 */
export function parseOdsDate(value: string): string | undefined {
  let y: number, m: number, d: number;
  let match: RegExpMatchArray | null;
  if ((match = value.match(/^(\d{4})(\d{2})(\d{2})$/)) || (match = value.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = value.match(/^(\d{1,2})([A-Za-z]{3})(\d{4})$/))) {
    [y, m, d] = [Number(match[3]), MONTHS[match[2].toLowerCase()] ?? 0, Number(match[1])];
  } else {
    return undefined;
  }
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// ---- CSV reading with physical line numbers

export interface CsvRow {
  /** Physical line in the file where the record starts; the header is line 1. */
  line: number;
  get(column: string): string;
}

export interface CsvFile {
  file: string;
  header: string[];
  rows: CsvRow[];
}

export const fail = (file: string, line: number, reason: string) => new ImportError(`${file}:${line}: ${reason}`);

/**
 * Parses a CSV file with a header row. Every record must have as many fields as the header, and
 * every `required` column must be present. Values are trimmed.
 */
export function readCsv(file: string, text: string, required: readonly string[]): CsvFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as never;
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines ?? 0;
      throw fail(file, line, `not valid CSV: ${e.message.replace(/\s*(at|on) line \d+\.?/, '')}`);
    }
    throw e;
  }
  if (!records.length) throw fail(file, 1, 'the file is empty; expected a header row');
  // info.lines is the line a record ends on; a quoted field may span lines.
  const startLine = (r: { record: string[]; info: { lines: number } }) =>
    r.info.lines - r.record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
  const header = records[0].record.map((h) => h.trim());
  const headerLine = startLine(records[0]);
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (index.has(h)) throw fail(file, headerLine, `column ${h} appears twice in the header`);
    index.set(h, i);
  });
  const missing = required.filter((c) => !index.has(c));
  if (missing.length) throw fail(file, headerLine, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const rows: CsvRow[] = [];
  for (const r of records.slice(1)) {
    const line = startLine(r);
    if (r.record.length !== header.length) throw fail(file, line, `expected ${header.length} fields, found ${r.record.length}`);
    // PostgreSQL text cannot hold NUL; refuse it here, at its line, rather than fail in the database.
    if (r.record.some((v) => v.includes('\u0000'))) throw fail(file, line, 'contains a NUL character; is the file UTF-8?');
    const values = r.record;
    rows.push({
      line,
      get: (column) => {
        const i = index.get(column);
        return i === undefined ? '' : values[i].trim();
      },
    });
  }
  return { file, header, rows };
}

// ---- field checks: each returns the value or throws `<file>:<line>: <reason>`

function check(file: string, row: CsvRow) {
  const text = (column: string, { required = true, max = 300 } = {}): string | null => {
    const v = row.get(column);
    if (!v) {
      if (required) throw fail(file, row.line, `${column} is empty`);
      return null;
    }
    if (v.length > max) throw fail(file, row.line, `${column} is longer than ${max} characters`);
    return v;
  };
  return {
    text,
    code: (column: string, pattern: RegExp, what: string): string => {
      const v = row.get(column);
      if (!v) throw fail(file, row.line, `${column} is empty`);
      if (!pattern.test(v)) throw fail(file, row.line, `${column} "${v}" is not ${what}`);
      return v;
    },
    date: (column: string, { required = true } = {}): string | null => {
      const v = row.get(column);
      if (!v) {
        if (required) throw fail(file, row.line, `${column} is empty`);
        return null;
      }
      const iso = parseOdsDate(v);
      if (!iso) throw fail(file, row.line, `${column} "${v}" is not a valid date`);
      return iso;
    },
    postcode: (column: string): string | null => {
      const v = row.get(column).toUpperCase();
      if (!v) return null;
      if (!PATTERNS.postcode.test(v)) throw fail(file, row.line, `${column} "${v}" is not a UK postcode`);
      return v;
    },
    wholeNumber: (column: string): number => {
      const v = row.get(column);
      if (!PATTERNS.wholeNumber.test(v) || Number(v) > 2147483647) throw fail(file, row.line, `${column} "${v}" is not a whole number of 0 or more`);
      return Number(v);
    },
  };
}

// ---- the three files

export const MAPPING_COLUMNS = [
  'EXTRACT_DATE', 'PRACTICE_CODE', 'PRACTICE_NAME', 'PRACTICE_POSTCODE', 'PCN_CODE', 'PCN_NAME',
  'ONS_SUB_ICB_LOCATION_CODE', 'SUB_ICB_LOCATION_CODE', 'SUB_ICB_LOCATION_NAME', 'ONS_ICB_CODE', 'ICB_CODE', 'ICB_NAME',
  'ONS_COMM_REGION_CODE', 'COMM_REGION_CODE', 'COMM_REGION_NAME', 'SUPPLIER_NAME',
] as const;

export interface MappingRow {
  line: number;
  extractDate: string;
  practiceCode: string;
  practiceName: string;
  practicePostcode: string | null;
  pcnCode: string | null;
  pcnName: string | null;
  subIcbCode: string;
  subIcbName: string;
  subIcbOnsCode: string;
  icbCode: string;
  icbName: string;
  icbOnsCode: string;
  regionCode: string;
  regionName: string;
  regionOnsCode: string;
  supplier: string | null;
}

export function mappingRow(file: string, row: CsvRow): MappingRow {
  const c = check(file, row);
  const pcnCode = row.get('PCN_CODE');
  const unallocated = pcnCode === UNALLOCATED_PCN;
  if (!unallocated) c.code('PCN_CODE', PATTERNS.pcn, `a PCN code (U and 5 digits, or U for unallocated)`);
  return {
    line: row.line,
    extractDate: c.date('EXTRACT_DATE')!,
    practiceCode: c.code('PRACTICE_CODE', PATTERNS.practice, 'a GP practice code (a letter and 5 digits)'),
    practiceName: c.text('PRACTICE_NAME')!,
    practicePostcode: c.postcode('PRACTICE_POSTCODE'),
    pcnCode: unallocated ? null : pcnCode,
    pcnName: unallocated ? null : c.text('PCN_NAME'),
    subIcbCode: c.code('SUB_ICB_LOCATION_CODE', PATTERNS.subIcb, 'a sub-ICB location code'),
    subIcbName: c.text('SUB_ICB_LOCATION_NAME')!,
    subIcbOnsCode: c.code('ONS_SUB_ICB_LOCATION_CODE', PATTERNS.onsSubIcb, 'an ONS sub-ICB location code (E38…)'),
    icbCode: c.code('ICB_CODE', PATTERNS.icb, 'an ICB code'),
    icbName: c.text('ICB_NAME')!,
    icbOnsCode: c.code('ONS_ICB_CODE', PATTERNS.onsIcb, 'an ONS ICB code (E54…)'),
    regionCode: c.code('COMM_REGION_CODE', PATTERNS.region, 'an NHS England region code (Y and 2 digits)'),
    regionName: c.text('COMM_REGION_NAME')!,
    regionOnsCode: c.code('ONS_COMM_REGION_CODE', PATTERNS.onsRegion, 'an ONS region code (E40…)'),
    supplier: c.text('SUPPLIER_NAME', { required: false, max: 100 }),
  };
}

export const EPRACCUR_COLUMNS = [
  'organisation_code', 'name', 'address_line_1', 'address_line_2', 'address_line_3', 'address_line_4', 'address_line_5',
  'postcode', 'open_date', 'close_date', 'status', 'contact_telephone', 'prescribing_setting_roles',
] as const;

export const EPRACCUR_STATUSES = ['ACTIVE', 'INACTIVE', 'DORMANT'];
/** ODS non-primary role "GP PRACTICE"; every epraccur row is also RO177 (prescribing cost centre). */
export const GP_PRACTICE_ROLE = 'RO76';

export interface EpraccurPractice extends PracticeAddress {
  line: number;
  code: string;
}

/** Checks any epraccur row; returns the practice details only for ACTIVE GP practices. */
export function epraccurRow(file: string, row: CsvRow): EpraccurPractice | undefined {
  const c = check(file, row);
  const code = c.code('organisation_code', PATTERNS.odsCode, 'an ODS organisation code');
  const status = row.get('status');
  if (!EPRACCUR_STATUSES.includes(status)) throw fail(file, row.line, `status "${status}" is not one of ${EPRACCUR_STATUSES.join(', ')}`);
  const openDate = c.date('open_date', { required: false });
  c.date('close_date', { required: false });
  const roles = row.get('prescribing_setting_roles').split('|').map((r) => r.trim());
  if (status !== 'ACTIVE' || !roles.includes(GP_PRACTICE_ROLE)) return undefined;
  if (!PATTERNS.practice.test(code)) throw fail(file, row.line, `organisation_code "${code}" is not a GP practice code (a letter and 5 digits)`);
  return {
    line: row.line,
    code,
    addressLine1: c.text('address_line_1', { required: false }),
    addressLine2: c.text('address_line_2', { required: false }),
    addressLine3: c.text('address_line_3', { required: false }),
    town: c.text('address_line_4', { required: false }),
    county: c.text('address_line_5', { required: false }),
    postcode: c.postcode('postcode'),
    telephone: c.text('contact_telephone', { required: false, max: 32 }),
    openDate,
  };
}

export const PATIENTS_COLUMNS = ['EXTRACT_DATE', 'CODE', 'NUMBER_OF_PATIENTS'] as const;

export interface PatientsRow {
  line: number;
  code: string;
  patients: number;
  extractDate: string;
}

/** Only the all-ages, both-sexes totals count; the breakdown files have other SEX/AGE rows. */
export function patientsRow(file: string, row: CsvRow, header: string[]): PatientsRow | undefined {
  if (header.includes('SEX') && row.get('SEX') !== 'ALL') return undefined;
  if (header.includes('AGE') && row.get('AGE') !== 'ALL') return undefined;
  const c = check(file, row);
  return {
    line: row.line,
    code: c.code('CODE', PATTERNS.practice, 'a GP practice code (a letter and 5 digits)'),
    patients: c.wholeNumber('NUMBER_OF_PATIENTS'),
    extractDate: c.date('EXTRACT_DATE')!,
  };
}

// ---- deriving the hierarchy

function blankOrganisation(code: string, type: OdsType, name: string, sourceExtractDate: string): OdsOrganisation {
  return {
    code, type, name, onsCode: null, regionCode: null, icbCode: null, subIcbCode: null, pcnCode: null,
    addressLine1: null, addressLine2: null, addressLine3: null, town: null, county: null, postcode: null, telephone: null,
    openDate: null, registeredPatients: null, registeredPatientsDate: null, clinicalSystemSupplier: null, sourceExtractDate,
  };
}

const TYPE_NAMES: Record<OdsType, string> = { region: 'region', icb: 'ICB', sub_icb: 'sub-ICB location', pcn: 'PCN', practice: 'practice' };
const aOrAn = (type: OdsType) => `${type === 'icb' ? 'an' : 'a'} ${TYPE_NAMES[type]}`;

export function deriveRelease(texts: { mapping: string; epraccur: string; patients: string }): OdsRelease {
  const mappingFile = readCsv(ODS_FILES.mapping, texts.mapping, MAPPING_COLUMNS);
  const epraccurFile = readCsv(ODS_FILES.epraccur, texts.epraccur, EPRACCUR_COLUMNS);
  const patientsFile = readCsv(ODS_FILES.patients, texts.patients, PATIENTS_COLUMNS);
  const mf = ODS_FILES.mapping;

  // epraccur: every row checked, ACTIVE GP practices kept.
  const addresses = new Map<string, EpraccurPractice>();
  for (const row of epraccurFile.rows) {
    const p = epraccurRow(ODS_FILES.epraccur, row);
    if (!p) continue;
    const seen = addresses.get(p.code);
    if (seen) throw fail(ODS_FILES.epraccur, row.line, `practice ${p.code} is listed twice as ACTIVE (also at line ${seen.line})`);
    addresses.set(p.code, p);
  }

  const patients = new Map<string, PatientsRow>();
  for (const row of patientsFile.rows) {
    const p = patientsRow(ODS_FILES.patients, row, patientsFile.header);
    if (!p) continue;
    const seen = patients.get(p.code);
    if (seen) throw fail(ODS_FILES.patients, row.line, `practice ${p.code} has two patient counts (also at line ${seen.line})`);
    patients.set(p.code, p);
  }

  const regions = new Map<string, OdsOrganisation>();
  const icbs = new Map<string, OdsOrganisation>();
  const subIcbs = new Map<string, OdsOrganisation>();
  const pcns = new Map<string, OdsOrganisation>();
  const practices = new Map<string, OdsOrganisation>();
  /** Where each organisation was first seen, for messages. */
  const firstLine = new Map<OdsOrganisation, number>();
  const pcnParents = new Map<string, { subIcbs: Set<string>; icbs: Set<string>; regions: Set<string> }>();
  const practicesWithoutAddress: string[] = [];
  const practicesWithoutPatients: string[] = [];
  const postcodeDifferences: string[] = [];
  let mappingExtractDate: string | undefined;
  const patientDates = new Set<string>();

  const add = (group: Map<string, OdsOrganisation>, o: OdsOrganisation, line: number) => {
    group.set(o.code, o);
    firstLine.set(o, line);
  };
  /** The same parent must be described the same way on every row. */
  const same = (line: number, o: OdsOrganisation, column: string, now: string | null, before: string | null) => {
    if (now !== before) {
      throw fail(mf, line, `${TYPE_NAMES[o.type]} ${o.code} has ${column} "${now ?? ''}" here but "${before ?? ''}" at line ${firstLine.get(o)}`);
    }
  };

  for (const row of mappingFile.rows) {
    const r = mappingRow(mf, row);
    if (mappingExtractDate && r.extractDate !== mappingExtractDate) {
      throw fail(mf, r.line, `EXTRACT_DATE ${r.extractDate} differs from ${mappingExtractDate} on the rows before; one file is one release`);
    }
    mappingExtractDate = r.extractDate;
    const date = r.extractDate;

    const region = regions.get(r.regionCode);
    if (region) {
      same(r.line, region, 'COMM_REGION_NAME', r.regionName, region.name);
      same(r.line, region, 'ONS_COMM_REGION_CODE', r.regionOnsCode, region.onsCode);
    } else {
      add(regions, { ...blankOrganisation(r.regionCode, 'region', r.regionName, date), onsCode: r.regionOnsCode }, r.line);
    }

    const icb = icbs.get(r.icbCode);
    if (icb) {
      same(r.line, icb, 'ICB_NAME', r.icbName, icb.name);
      same(r.line, icb, 'ONS_ICB_CODE', r.icbOnsCode, icb.onsCode);
      same(r.line, icb, 'COMM_REGION_CODE', r.regionCode, icb.regionCode);
    } else {
      add(icbs, { ...blankOrganisation(r.icbCode, 'icb', r.icbName, date), onsCode: r.icbOnsCode, regionCode: r.regionCode }, r.line);
    }

    const subIcb = subIcbs.get(r.subIcbCode);
    if (subIcb) {
      same(r.line, subIcb, 'SUB_ICB_LOCATION_NAME', r.subIcbName, subIcb.name);
      same(r.line, subIcb, 'ONS_SUB_ICB_LOCATION_CODE', r.subIcbOnsCode, subIcb.onsCode);
      same(r.line, subIcb, 'ICB_CODE', r.icbCode, subIcb.icbCode);
    } else {
      add(
        subIcbs,
        { ...blankOrganisation(r.subIcbCode, 'sub_icb', r.subIcbName, date), onsCode: r.subIcbOnsCode, icbCode: r.icbCode, regionCode: r.regionCode },
        r.line,
      );
    }

    if (r.pcnCode) {
      const pcn = pcns.get(r.pcnCode);
      if (pcn) same(r.line, pcn, 'PCN_NAME', r.pcnName, pcn.name);
      else add(pcns, blankOrganisation(r.pcnCode, 'pcn', r.pcnName!, date), r.line);
      const parents = pcnParents.get(r.pcnCode) ?? { subIcbs: new Set<string>(), icbs: new Set<string>(), regions: new Set<string>() };
      parents.subIcbs.add(r.subIcbCode);
      parents.icbs.add(r.icbCode);
      parents.regions.add(r.regionCode);
      pcnParents.set(r.pcnCode, parents);
    }

    const seen = practices.get(r.practiceCode);
    if (seen) throw fail(mf, r.line, `practice ${r.practiceCode} is listed twice (also at line ${firstLine.get(seen)})`);
    const address = addresses.get(r.practiceCode);
    const count = patients.get(r.practiceCode);
    if (!address) practicesWithoutAddress.push(r.practiceCode);
    else if (address.postcode && r.practicePostcode && address.postcode !== r.practicePostcode) postcodeDifferences.push(r.practiceCode);
    if (!count) practicesWithoutPatients.push(r.practiceCode);
    else patientDates.add(count.extractDate);
    add(
      practices,
      {
        ...blankOrganisation(r.practiceCode, 'practice', r.practiceName, date),
        regionCode: r.regionCode,
        icbCode: r.icbCode,
        subIcbCode: r.subIcbCode,
        pcnCode: r.pcnCode,
        addressLine1: address?.addressLine1 ?? null,
        addressLine2: address?.addressLine2 ?? null,
        addressLine3: address?.addressLine3 ?? null,
        town: address?.town ?? null,
        county: address?.county ?? null,
        // The postcode belongs with epraccur's address lines; the mapping's is the fallback.
        postcode: address?.postcode ?? r.practicePostcode,
        telephone: address?.telephone ?? null,
        openDate: address?.openDate ?? null,
        registeredPatients: count?.patients ?? null,
        registeredPatientsDate: count?.extractDate ?? null,
        clinicalSystemSupplier: r.supplier,
      },
      r.line,
    );
  }
  if (!mappingExtractDate) throw fail(mf, 2, 'the file has no practices');

  // A PCN's parent is set only where all its practices agree (11 PCNs span sub-ICB locations, 1 spans ICBs).
  const only = (s: Set<string>) => (s.size === 1 ? [...s][0] : null);
  for (const p of pcns.values()) {
    const parents = pcnParents.get(p.code)!;
    p.subIcbCode = only(parents.subIcbs);
    p.icbCode = only(parents.icbs);
    p.regionCode = only(parents.regions);
  }

  // organisations.code is unique across all types.
  const groups = [regions, icbs, subIcbs, pcns, practices];
  const byCode = new Map<string, OdsOrganisation>();
  for (const group of groups) {
    for (const o of group.values()) {
      const other = byCode.get(o.code);
      if (other) {
        throw fail(mf, firstLine.get(o)!, `code ${o.code} is used for both ${aOrAn(other.type)} (line ${firstLine.get(other)}) and ${aOrAn(o.type)}`);
      }
      byCode.set(o.code, o);
    }
  }

  return {
    organisations: groups.flatMap((group) => [...group.values()]),
    counts: { regions: regions.size, icbs: icbs.size, subIcbLocations: subIcbs.size, pcns: pcns.size, practices: practices.size },
    mappingExtractDate,
    patientsExtractDate: patientDates.size ? [...patientDates].sort().at(-1)! : null,
    practicesWithoutAddress,
    practicesWithoutPatients,
    postcodeDifferences,
  };
}
