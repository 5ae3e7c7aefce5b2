import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { deriveRelease, ODS_FILES, ODS_TYPES, OdsOrganisation, OdsRelease } from './ods.release';
import { batches, checksumOf, count, ImportError, ImportOptions, lastImport, lockImport, recordImport } from './reference-import';

export { ImportError } from './reference-import';
export type { ImportOptions } from './reference-import';

export const ODS_IMPORT = 'ods';

export interface OdsImportSummary {
  [key: string]: unknown;
  skipped: boolean;
  checksum: string;
  mappingExtractDate: string;
  patientsExtractDate: string | null;
  regions: number;
  icbs: number;
  subIcbLocations: number;
  pcns: number;
  practices: number;
  inserted: number;
  updated: number;
  madeInactive: number;
  practicesWithoutAddress: string[];
  practicesWithoutPatients: string[];
  ms: number;
}

export async function readFiles(dir: string, names: readonly string[]): Promise<{ name: string; content: Buffer }[]> {
  return Promise.all(
    names.map(async (name) => {
      try {
        return { name, content: await readFile(path.join(dir, name)) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ImportError(`${name}: not found in ${dir}`);
        throw e;
      }
    }),
  );
}

/**
 * Loads one ODS / NHS England release (the three raw files in `dir`) into `organisations`:
 * regions, ICBs, sub-ICB locations, PCNs and practices, with parent links, addresses and list
 * sizes. One transaction; a bad row throws `ImportError("<file>:<line>: <reason>")` before
 * anything is written. Re-running is a no-op; practices that left the release become inactive.
 */
export async function importOds(db: DataSource, dir: string, opts: ImportOptions = {}): Promise<OdsImportSummary> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const files = await readFiles(dir, [ODS_FILES.mapping, ODS_FILES.epraccur, ODS_FILES.patients]);
  const checksum = checksumOf(files);
  const previous = await lastImport(db, ODS_IMPORT);
  if (!opts.force && previous?.checksum === checksum) {
    log('ODS reference data unchanged; skipped');
    return { ...(previous.summary as OdsImportSummary), skipped: true };
  }

  const [mapping, epraccur, patients] = files.map((f) => f.content.toString('utf8'));
  const release = deriveRelease({ mapping, epraccur, patients });
  const c = release.counts;
  log(
    `ODS: ${count(c.practices)} practices (${count(c.pcns)} PCNs, ${count(c.subIcbLocations)} sub-ICB locations, ${count(c.icbs)} ICBs, ` +
      `${count(c.regions)} regions) from ${ODS_FILES.mapping} (extract ${release.mappingExtractDate})`,
  );
  reportGaps(release, log);

  const result = await db.transaction(async (m) => {
    await lockImport(m, ODS_IMPORT);
    // A 100× release is a few hundred thousand rows; the pool's 30 s default is for requests.
    await m.query(`SET LOCAL statement_timeout = '10min'`);
    await stage(m, release.organisations);
    await refuseForeignCodes(m);
    const [{ inserted, updated }] = await m.query(MERGE_SQL, [ODS_TYPES]);
    const [{ made_inactive }] = await m.query(DEACTIVATE_SQL, [ODS_TYPES]);
    const summary: OdsImportSummary = {
      skipped: false,
      checksum,
      mappingExtractDate: release.mappingExtractDate,
      patientsExtractDate: release.patientsExtractDate,
      ...c,
      inserted,
      updated,
      madeInactive: made_inactive,
      practicesWithoutAddress: release.practicesWithoutAddress,
      practicesWithoutPatients: release.practicesWithoutPatients,
      ms: Date.now() - started,
    };
    await recordImport(m, ODS_IMPORT, checksum, summary);
    return summary;
  });
  log(
    `ODS: ${count(result.inserted)} organisations added, ${count(result.updated)} updated, ${count(result.madeInactive)} made inactive ` +
      `in ${(result.ms / 1000).toFixed(1)} s`,
  );
  return result;
}

function reportGaps(release: OdsRelease, log: (m: string) => void) {
  const some = (codes: string[]) => codes.slice(0, 10).join(', ') + (codes.length > 10 ? ', …' : '');
  const { practices } = release.counts;
  log(
    `ODS: addresses for ${count(practices - release.practicesWithoutAddress.length)} practices from ${ODS_FILES.epraccur}; ` +
      `registered patients for ${count(practices - release.practicesWithoutPatients.length)} from ${ODS_FILES.patients}` +
      (release.patientsExtractDate ? ` (extract ${release.patientsExtractDate})` : ''),
  );
  if (release.practicesWithoutAddress.length) {
    log(
      `ODS: warning: ${count(release.practicesWithoutAddress.length)} practices are not ACTIVE GP practices in ${ODS_FILES.epraccur}; ` +
        `kept the mapping postcode and no address: ${some(release.practicesWithoutAddress)}`,
    );
  }
  if (release.practicesWithoutPatients.length) {
    log(`ODS: warning: ${count(release.practicesWithoutPatients.length)} practices have no patient count: ${some(release.practicesWithoutPatients)}`);
  }
  if (release.postcodeDifferences.length) {
    log(`ODS: note: ${count(release.postcodeDifferences.length)} practices have a different postcode in ${ODS_FILES.mapping}; used epraccur's: ${some(release.postcodeDifferences)}`);
  }
}

const COLUMNS = [
  ['code', 'text'], ['type', 'text'], ['name', 'text'], ['ons_code', 'text'], ['region_code', 'text'], ['icb_code', 'text'],
  ['sub_icb_code', 'text'], ['pcn_code', 'text'], ['address_line_1', 'text'], ['address_line_2', 'text'], ['address_line_3', 'text'],
  ['town', 'text'], ['county', 'text'], ['postcode', 'text'], ['telephone', 'text'], ['open_date', 'date'], ['registered_patients', 'int'],
  ['registered_patients_date', 'date'], ['clinical_system_supplier', 'text'], ['source_extract_date', 'date'],
] as const;

const values = (o: OdsOrganisation) => [
  o.code, o.type, o.name, o.onsCode, o.regionCode, o.icbCode, o.subIcbCode, o.pcnCode, o.addressLine1, o.addressLine2, o.addressLine3,
  o.town, o.county, o.postcode, o.telephone, o.openDate, o.registeredPatients, o.registeredPatientsDate, o.clinicalSystemSupplier, o.sourceExtractDate,
];

const names = COLUMNS.map(([n]) => n).join(', ');

/** The release goes into a temporary table first, so the merge and the "left the release" check are each one statement. */
async function stage(m: EntityManager, organisations: OdsOrganisation[]) {
  await m.query(
    `CREATE TEMP TABLE ods_stage (${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')}, PRIMARY KEY (code)) ON COMMIT DROP`,
  );
  const unnest = COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  for (const batch of batches(organisations)) {
    const rows = batch.map(values);
    await m.query(`INSERT INTO ods_stage (${names}) SELECT * FROM unnest(${unnest})`, COLUMNS.map((_, i) => rows.map((r) => r[i])));
  }
  await m.query(`ANALYZE ods_stage`);
}

/** Supplier and operator codes share the code space; an ODS release never takes one over. */
async function refuseForeignCodes(m: EntityManager) {
  const [clash] = await m.query(
    `SELECT s.code, s.type, o.type AS existing FROM ods_stage s JOIN organisations o ON o.code = s.code
     WHERE o.type <> ALL($1::text[]) LIMIT 1`,
    [ODS_TYPES],
  );
  if (clash) {
    throw new ImportError(`${ODS_FILES.mapping}: code ${clash.code} (${clash.type}) is already used by an organisation of type ${clash.existing}`);
  }
}

const UPDATED = COLUMNS.filter(([n]) => n !== 'code').map(([n]) => n);

// Rows whose values are unchanged are not touched, so re-running leaves updated_at alone.
const MERGE_SQL = `
  WITH merged AS (
    INSERT INTO organisations (${names}, status)
    SELECT ${names}, 'active' FROM ods_stage
    ON CONFLICT (code) DO UPDATE SET ${UPDATED.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}, status = 'active', updated_at = now()
    WHERE organisations.type = ANY($1::text[])
      AND (${UPDATED.map((n) => `organisations.${n}`).join(', ')}, organisations.status)
          IS DISTINCT FROM (${UPDATED.map((n) => `EXCLUDED.${n}`).join(', ')}, 'active')
    RETURNING (xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM merged`;

// Organisations are referenced by users and contracts, so those that left the release are kept, inactive.
const DEACTIVATE_SQL = `
  WITH gone AS (
    UPDATE organisations o SET status = 'inactive', updated_at = now()
    WHERE o.type = ANY($1::text[]) AND o.status = 'active' AND NOT EXISTS (SELECT 1 FROM ods_stage s WHERE s.code = o.code)
    RETURNING 1
  )
  SELECT count(*)::int AS made_inactive FROM gone`;
