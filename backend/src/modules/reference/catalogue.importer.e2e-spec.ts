import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importerSuite } from '../../../test/importer-suite';
import { dataDir } from '../../cli/data-dir';
import { ImportError } from '../organisations/reference-import';
import { importCatalogue } from './catalogue.importer';

const TABLES = [
  'capability_categories', 'capabilities', 'epics', 'capability_epics', 'standards', 'standard_capabilities', 'frameworks',
  'framework_capabilities', 'integration_types', 'application_types', 'hosting_types',
];

describe('Catalogue importer (real PostgreSQL)', () => {
  const suite = importerSuite('catalogue-import-');

  function copy(name: string, file: string, edit: (doc: any) => void) {
    const dir = path.join(suite.tmp, name);
    cpSync(dataDir('buying-catalogue'), dir, { recursive: true });
    const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    edit(doc);
    writeFileSync(path.join(dir, file), JSON.stringify(doc, null, 2));
    return dir;
  }

  /** One md5 per table (and the suppliers), so "nothing changed" is checked everywhere. */
  async function snapshot() {
    const sums: Record<string, string> = {};
    for (const t of TABLES) sums[t] = (await suite.db.query(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS s FROM ${t} x`))[0].s;
    sums.suppliers = (await suite.db.query(`SELECT md5(string_agg(o::text, '|' ORDER BY o.code)) AS s FROM organisations o WHERE type = 'supplier'`))[0].s;
    return sums;
  }

  it('has loaded the shipped catalogue into the template', async () => {
    const [row] = await suite.db.query(`
      SELECT (SELECT count(*)::int FROM capabilities) AS capabilities, (SELECT count(*)::int FROM epics) AS epics,
             (SELECT count(*)::int FROM standards) AS standards, (SELECT count(*)::int FROM frameworks WHERE source = 'reference') AS frameworks,
             (SELECT count(*)::int FROM organisations WHERE type = 'supplier') AS suppliers,
             (SELECT funding_types FROM frameworks WHERE id = 'NHSDGP001') AS funding,
             (SELECT detail_fields FROM hosting_types WHERE key = 'PublicCloud') AS hosting`);
    expect(row).toEqual({
      capabilities: 46, epics: 768, standards: 67, frameworks: 4, suppliers: 74,
      funding: ['GPIT funding', 'Local funding'], hosting: ['summary', 'link', 'requires HSCN/N3'],
    });
  });

  it('skips unchanged files, and a forced re-import changes nothing', async () => {
    const before = await snapshot();
    expect((await importCatalogue(suite.db, dataDir('buying-catalogue'))).skipped).toBe(true);
    expect(await importCatalogue(suite.db, dataDir('buying-catalogue'), { force: true })).toMatchObject({ skipped: false, changed: 0, capabilities: 46 });
    expect(await snapshot()).toEqual(before);
  });

  it('applies a newer file: renames, retires a dropped epic, unlinks it', async () => {
    const dir = copy('newer', 'epics.json', (d) => {
      d.epics = d.epics.filter((e: { id: string }) => e.id !== 'E00109');
      d.epics.find((e: { id: string }) => e.id === 'C1E1').name = 'Manage appointments (renamed)';
    });
    const summary = await importCatalogue(suite.db, dir);
    expect(summary.skipped).toBe(false);
    expect(await suite.db.query(`SELECT id, name, is_active FROM epics WHERE id IN ('C1E1', 'E00109') ORDER BY id`)).toEqual([
      { id: 'C1E1', name: 'Manage appointments (renamed)', is_active: false },
      { id: 'E00109', name: expect.any(String), is_active: false },
    ]);
    expect(await suite.db.query(`SELECT count(*)::int AS n FROM capability_epics WHERE epic_id = 'E00109'`)).toEqual([{ n: 0 }]);
    // Back to the shipped files.
    await importCatalogue(suite.db, dataDir('buying-catalogue'));
    expect(await suite.db.query(`SELECT is_active FROM epics WHERE id = 'E00109'`)).toEqual([{ is_active: true }]);
  });

  it('refuses a bad value, naming the file and JSON path, and writes nothing', async () => {
    const before = await snapshot();
    const dir = copy('bad', 'frameworks.json', (d) => {
      d.frameworks[0].name = 'Renamed but never written';
      d.frameworks[2].capability_ids.push(999);
    });
    const err = await importCatalogue(suite.db, dir).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toBe('frameworks.json: frameworks[2].capability_ids[38]: capability 999 is not in capabilities.json');
    expect(await snapshot()).toEqual(before);
  });

  it('never takes over an organisation of another type', async () => {
    const before = await snapshot();
    const dir = copy('clash', 'sample-solutions.json', (d) => (d.suppliers[3].id = '99999'));
    await suite.db.query(`INSERT INTO organisations (code, type, name) VALUES ('99999', 'operator', 'Someone else')`);
    const err = await importCatalogue(suite.db, dir, { force: true }).catch((e) => e);
    expect(err.message).toBe('sample-solutions.json: suppliers[3].id: code 99999 is already used by an organisation of type operator');
    expect(await snapshot()).toEqual(before);
  });
});
