import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Offline validation against the official OCDS 1.1.5 JSON Schemas in `backend/data/ocds/` (draft-04).
 * For tests only: ajv is a devDependency and nothing at runtime imports this file.
 *
 * The release package schema `$ref`s the release schema by its canonical URL; that URL is the
 * release schema's own `id`, so adding the local file under it resolves the reference without the
 * network. The reference data holds no record package schema, so a record package is checked with
 * the 1.1.5 record package's structure (required fields) and, through `$ref`, every embedded release
 * and the compiled release against the official release schema.
 */
const DIR = path.join(__dirname, '../../../data/ocds');
export const RELEASE_SCHEMA_ID = 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json';
export const RELEASE_PACKAGE_SCHEMA_ID = 'https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json';
const RECORD_PACKAGE_SCHEMA_ID = 'urn:gpitm:ocds-1.1.5-record-package-structure';

const recordPackageStructure = {
  id: RECORD_PACKAGE_SCHEMA_ID,
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  required: ['uri', 'publisher', 'publishedDate', 'records', 'version'],
  properties: {
    uri: { type: 'string', format: 'uri' },
    version: { type: 'string', pattern: '^(\\d+\\.)(\\d+)$' },
    publishedDate: { type: 'string', format: 'date-time' },
    publisher: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    license: { type: ['string', 'null'], format: 'uri' },
    packages: { type: 'array', items: { type: 'string', format: 'uri' }, minItems: 1, uniqueItems: true },
    records: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['ocid', 'releases'],
        properties: {
          ocid: { type: 'string' },
          releases: {
            type: 'array',
            minItems: 1,
            items: {
              oneOf: [
                { $ref: RELEASE_SCHEMA_ID },
                { type: 'object', required: ['url', 'date'], properties: { url: { type: 'string', format: 'uri' }, date: { type: 'string', format: 'date-time' }, tag: { type: 'array' } } },
              ],
            },
          },
          compiledRelease: { $ref: RELEASE_SCHEMA_ID },
        },
      },
    },
  },
};

let ajv: Ajv | undefined;

function validator(): Ajv {
  if (ajv) return ajv;
  // The schemas carry OCDS's own keywords (codelist, openCodelist, omitWhenMerged, …): not strict.
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(readFileSync(path.join(DIR, 'release-schema.json'), 'utf8')));
  ajv.addSchema(JSON.parse(readFileSync(path.join(DIR, 'release-package-schema.json'), 'utf8')));
  ajv.addSchema(recordPackageStructure);
  return ajv;
}

function check(id: string, data: unknown): string[] {
  const validate = validator().getSchema(id)!;
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Errors against the official release schema; empty when valid. */
export const releaseErrors = (release: unknown) => check(RELEASE_SCHEMA_ID, release);
/** Errors against the official release package schema (which includes the release schema). */
export const releasePackageErrors = (pkg: unknown) => check(RELEASE_PACKAGE_SCHEMA_ID, pkg);
/** Errors against the record package structure, its releases and compiled release against the release schema. */
export const recordPackageErrors = (pkg: unknown) => check(RECORD_PACKAGE_SCHEMA_ID, pkg);
