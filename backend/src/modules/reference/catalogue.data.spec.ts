import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../../cli/data-dir';
import { ImportError } from '../organisations/reference-import';
import { CATALOGUE_FILES, readCatalogue } from './catalogue.data';

type Texts = Record<keyof typeof CATALOGUE_FILES, string>;
const shipped = (): Texts =>
  Object.fromEntries(
    Object.entries(CATALOGUE_FILES).map(([k, f]) => [k, readFileSync(path.join(dataDir('buying-catalogue'), f), 'utf8')]),
  ) as Texts;

/** The shipped files with one JSON document edited. */
function edited(key: keyof Texts, edit: (doc: any) => void): Texts {
  const texts = shipped();
  const doc = JSON.parse(texts[key]);
  edit(doc);
  texts[key] = JSON.stringify(doc);
  return texts;
}

const message = (texts: Texts) => {
  try {
    readCatalogue(texts);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('expected an ImportError');
};

describe('readCatalogue', () => {
  it('reads the shipped catalogue', () => {
    const c = readCatalogue(shipped());
    expect({
      categories: c.categories.length,
      capabilities: c.capabilities.length,
      epics: c.epics.length,
      standards: c.standards.length,
      frameworks: c.frameworks.length,
      suppliers: c.suppliers.length,
      applicationTypes: c.applicationTypes.length,
      hostingTypes: c.hostingTypes.length,
    }).toEqual({ categories: 12, capabilities: 46, epics: 768, standards: 67, frameworks: 4, suppliers: 74, applicationTypes: 3, hostingTypes: 4 });
    expect(c.capabilities.find((x) => x.ref === 'C1')).toMatchObject({ id: 1, categoryId: 3, status: 'Effective', isFoundation: false });
    expect(c.frameworks.find((f) => f.id === 'NHSDGP001')).toMatchObject({ status: 'expired', maximumTermMonths: 36, fundingTypes: ['GPIT funding', 'Local funding'] });
    expect(c.frameworks.find((f) => f.id === 'TIF001')!.status).toBe('live');
    expect(c.integrationTypes.filter((t) => t.integration === 'NHS App').every((t) => t.description)).toBe(true);
    expect(c.suppliers[0]).toEqual({ code: '10000', name: 'EMIS Health', status: 'active' });
  });

  it('expands capability_ids "ALL" to every capability', () => {
    const c = readCatalogue(edited('standards', (d) => (d.standards[0].capability_ids = 'ALL')));
    const first = c.standards[0].id;
    expect(c.standardCapabilities.filter((l) => l.standardId === first)).toHaveLength(46);
  });

  it('marks deleted suppliers inactive', () => {
    const c = readCatalogue(edited('suppliers', (d) => (d.suppliers[1].deleted = true)));
    expect(c.suppliers[1].status).toBe('inactive');
  });

  it.each<[keyof Texts, (d: any) => void, string]>([
    ['capabilities', (d) => (d.capabilities[2].ref = 'X3'), 'capabilities.json: capabilities[2].ref: "X3" is not a capability reference like C1'],
    ['capabilities', (d) => (d.capabilities[1].ref = 'C1'), 'capabilities.json: capabilities[1].ref: duplicate capability ref C1 (also at capabilities[0].ref)'],
    ['capabilities', (d) => (d.capabilities[0].status = 'Live'), 'capabilities.json: capabilities[0].status: must be one of Effective, Expired'],
    ['capabilities', (d) => (d.capabilities[0].category_id = 99), 'capabilities.json: capabilities[0].category_id: category 99 is not in categories'],
    ['epics', (d) => (d.epics[0].capabilities[0].compliancy = 'OPTIONAL'), 'epics.json: epics[0].capabilities[0].compliancy: must be one of MUST, SHOULD, MAY'],
    ['epics', (d) => (d.epics[0].capabilities[0].capability_id = 999), 'epics.json: epics[0].capabilities[0].capability_id: capability 999 is not in capabilities.json'],
    ['epics', (d) => (d.epics[3].is_active = 'yes'), 'epics.json: epics[3].is_active: must be true or false'],
    ['standards', (d) => (d.standards[0].type = 'Interoperability'), 'standards.json: standards[0].type: must be one of Overarching, Other'],
    ['frameworks', (d) => (d.frameworks[1].maximum_term_months = 0), 'frameworks.json: frameworks[1].maximum_term_months: must be a whole number from 1 to 120'],
    ['frameworks', (d) => (d.frameworks[0].funding_types = ['Free money']), 'frameworks.json: frameworks[0].funding_types[0]: must be one of GPIT funding, Local funding, PCARP funding'],
    ['suppliers', (d) => (d.suppliers[5].id = 'EMIS'), 'sample-solutions.json: suppliers[5].id: "EMIS" is not a supplier id of 5 to 8 digits'],
    ['applicationAndHosting', (d) => delete d.hosting_types, 'application-and-hosting-types.json: hosting_types: must be an array'],
  ])('refuses a bad %s value, naming the file and JSON path (%#)', (key, edit, expected) => {
    expect(message(edited(key, edit))).toBe(expected);
  });

  it('names the file that is not valid JSON', () => {
    const texts = shipped();
    texts.frameworks = '{"frameworks": [';
    expect(message(texts)).toMatch(/^frameworks\.json: not valid JSON: /);
  });
});
