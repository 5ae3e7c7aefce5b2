import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importerSuite } from '../../../test/importer-suite';
import { dataDir } from '../../cli/data-dir';
import { ImportError, importOds } from './ods.importer';

describe('ODS importer (real PostgreSQL)', () => {
  const suite = importerSuite('ods-import-');

  /** A copy of the shipped release; `edit` changes one file's text. */
  function release(name: string, edits: Record<string, (text: string) => string> = {}) {
    const dir = path.join(suite.tmp, name);
    cpSync(dataDir('ods'), dir, { recursive: true });
    for (const [file, edit] of Object.entries(edits)) {
      writeFileSync(path.join(dir, file), edit(readFileSync(path.join(dir, file), 'utf8')));
    }
    return dir;
  }

  /** Changes the line of `file` that starts with `prefix`, and says which physical line it was. */
  function editLine(file: string, prefix: string, edit: (line: string) => string) {
    let lineNo = 0;
    const text = (t: string) =>
      t
        .split('\n')
        .map((l, i) => {
          if (!l.startsWith(prefix)) return l;
          lineNo = i + 1;
          return edit(l);
        })
        .join('\n');
    return { edits: { [file]: text }, line: () => lineNo };
  }

  const orgChecksum = async () =>
    (await suite.db.query(`SELECT md5(string_agg(o::text, '|' ORDER BY o.code)) AS sum, count(*)::int AS n FROM organisations o`))[0];
  const counts = async () =>
    Object.fromEntries(
      (await suite.db.query(`SELECT type, count(*)::int AS n FROM organisations WHERE status = 'active' GROUP BY type ORDER BY type`)).map(
        (r: { type: string; n: number }) => [r.type, r.n],
      ),
    );
  const practice = async (code: string) => (await suite.db.query(`SELECT * FROM organisations WHERE code = $1`, [code]))[0];
  const storedImport = async () => (await suite.db.query(`SELECT checksum, summary FROM reference_imports WHERE name = 'ods'`))[0];

  async function importError(dir: string): Promise<string> {
    const before = await orgChecksum();
    const stored = await storedImport();
    const err = await importOds(suite.db, dir, { force: true }).then(
      () => undefined,
      (e) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    // Nothing written: the organisations and the import record are as they were.
    expect(await orgChecksum()).toEqual(before);
    expect(await storedImport()).toEqual(stored);
    return err.message;
  }

  it('has loaded the shipped release into the template', async () => {
    expect(await counts()).toMatchObject({ region: 7, icb: 36, sub_icb: 106, pcn: 1298, practice: 6129 });
    expect(await practice('A81001')).toMatchObject({
      type: 'practice', name: 'THE DENSHAM SURGERY', pcn_code: 'U89141', sub_icb_code: '16C', icb_code: 'QHM', region_code: 'Y63',
      registered_patients: 3904, clinical_system_supplier: 'TPP', postcode: 'TS18 1HU', town: 'STOCKTON-ON-TEES', status: 'active',
    });
    expect(await practice('U89141')).toMatchObject({ type: 'pcn', name: 'STOCKTON PCN', sub_icb_code: '16C', icb_code: 'QHM' });
    expect(await practice('U')).toBeUndefined();
  });

  it('skips unchanged files, and a forced re-import changes nothing', async () => {
    const before = await orgChecksum();
    const logs: string[] = [];
    const skipped = await importOds(suite.db, dataDir('ods'), { log: (m) => logs.push(m) });
    expect(skipped.skipped).toBe(true);
    expect(logs).toEqual(['ODS reference data unchanged; skipped']);

    const forced = await importOds(suite.db, dataDir('ods'), { force: true, log: (m) => logs.push(m) });
    expect(forced).toMatchObject({ skipped: false, practices: 6129, pcns: 1298, subIcbLocations: 106, icbs: 36, regions: 7, inserted: 0, updated: 0, madeInactive: 0 });
    expect(logs).toContain('ODS: 6,129 practices (1,298 PCNs, 106 sub-ICB locations, 36 ICBs, 7 regions) from gp-practice-mapping.csv (extract 2026-08-01)');
    expect(await orgChecksum()).toEqual(before);
  });

  it('updates a practice whose patient count changed in a newer release (checksum differs, no force needed)', async () => {
    const { edits } = editLine('gp-registered-patients.csv', 'GP_PRAC_PAT_LIST,2025-04-01,GP,16C,E38000247,A81001,', (l) => l.replace(/,3904$/, ',4012'));
    const other = await practice('A81002');
    const summary = await importOds(suite.db, release('patients-changed', edits));
    expect(summary).toMatchObject({ skipped: false, inserted: 0, updated: 1, madeInactive: 0 });
    expect((await practice('A81001')).registered_patients).toBe(4012);
    expect(await practice('A81002')).toEqual(other);
  });

  it('makes a practice that left the mapping inactive, keeping the row', async () => {
    const dir = release('practice-gone', { 'gp-practice-mapping.csv': (t) => t.split('\n').filter((l) => !l.includes(',A81002,')).join('\n') });
    const summary = await importOds(suite.db, dir);
    expect(summary).toMatchObject({ practices: 6128, madeInactive: 1 });
    expect(await practice('A81002')).toMatchObject({ status: 'inactive', pcn_code: 'U07032' });
    // …and active again when it comes back.
    expect(await importOds(suite.db, dataDir('ods'))).toMatchObject({ madeInactive: 0 });
    expect((await practice('A81002')).status).toBe('active');
  });

  it('refuses a patient count that is not a number, at its line, writing nothing', async () => {
    const { edits, line } = editLine('gp-registered-patients.csv', 'GP_PRAC_PAT_LIST,2025-04-01,GP,16C,E38000247,A81002,', (l) => l.replace(/,\d+$/, ',abc'));
    const dir = release('bad-patients', edits);
    expect(line()).toBeGreaterThan(1);
    expect(await importError(dir)).toBe(`gp-registered-patients.csv:${line()}: NUMBER_OF_PATIENTS "abc" is not a whole number of 0 or more`);
  });

  it('refuses a malformed practice code, at its line, writing nothing', async () => {
    const { edits, line } = editLine('gp-practice-mapping.csv', 'GP_PRAC_PAT_LIST,01Aug2026,A81005,', (l) => l.replace(',A81005,', ',A8100X,'));
    expect(await importError(release('bad-practice-code', edits))).toBe(
      `gp-practice-mapping.csv:${line()}: PRACTICE_CODE "A8100X" is not a GP practice code (a letter and 5 digits)`,
    );
  });

  it('refuses a NUL character at its line, writing nothing, rather than fail in the database (found by the hostile-input suite)', async () => {
    const { edits, line } = editLine('gp-practice-mapping.csv', 'GP_PRAC_PAT_LIST,01Aug2026,A81005,', (l) => l.replace(',A81005,', ',A81005,\u0000'));
    expect(await importError(release('nul', edits))).toBe(`gp-practice-mapping.csv:${line()}: contains a NUL character; is the file UTF-8?`);
  });

  it('names the file when a required column is missing', async () => {
    const dir = release('missing-column', { 'epraccur.csv': (t) => t.replace(',contact_telephone,', ',phone,') });
    expect(await importError(dir)).toBe('epraccur.csv:1: missing column contact_telephone');
  });

  it('names a missing file', async () => {
    const dir = release('missing-file');
    rmSync(path.join(dir, 'epraccur.csv'));
    expect(await importError(dir)).toBe(`epraccur.csv: not found in ${dir}`);
  });

  it('rolls back when a code is already a supplier, after rows were staged', async () => {
    // 10000 is a supplier (sample catalogue); as a sub-ICB code it passes the row checks but not the code-space check.
    const dir = release('code-clash', { 'gp-practice-mapping.csv': (t) => t.replace(/,16C,/g, ',10000,') });
    expect(await importError(dir)).toBe('gp-practice-mapping.csv: code 10000 (sub_icb) is already used by an organisation of type supplier');
  });
});
