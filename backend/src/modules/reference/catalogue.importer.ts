import { DataSource, EntityManager } from 'typeorm';
import { readFiles } from '../organisations/ods.importer';
import { checksumOf, count, ImportError, ImportOptions, lastImport, lockImport, recordImport } from '../organisations/reference-import';
import { Catalogue, CATALOGUE_FILES, readCatalogue } from './catalogue.data';

export const CATALOGUE_IMPORT = 'catalogue';

export interface CatalogueImportSummary {
  [key: string]: unknown;
  skipped: boolean;
  checksum: string;
  categories: number;
  capabilities: number;
  epics: number;
  capabilityEpics: number;
  standards: number;
  standardCapabilities: number;
  frameworks: number;
  frameworkCapabilities: number;
  integrationTypes: number;
  applicationTypes: number;
  hostingTypes: number;
  suppliers: number;
  /** Rows inserted, updated, retired or unlinked by this run. */
  changed: number;
  ms: number;
}

/**
 * Loads the Buying Catalogue reference data (capabilities, epics, standards, frameworks,
 * integration / application / hosting types) and the sample suppliers as organisations.
 * One transaction of upserts; a bad value throws `ImportError("<file>: <path>: <reason>")` before
 * anything is written. Items that leave the files are retired (expired, inactive, deleted flag),
 * never removed, because assessments and listings refer to them.
 */
export async function importCatalogue(db: DataSource, dir: string, opts: ImportOptions = {}): Promise<CatalogueImportSummary> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const keys = Object.keys(CATALOGUE_FILES) as (keyof typeof CATALOGUE_FILES)[];
  const files = await readFiles(dir, keys.map((k) => CATALOGUE_FILES[k]));
  const checksum = checksumOf(files);
  const previous = await lastImport(db, CATALOGUE_IMPORT);
  if (!opts.force && previous?.checksum === checksum) {
    log('Catalogue reference data unchanged; skipped');
    return { ...(previous.summary as CatalogueImportSummary), skipped: true };
  }

  const texts = Object.fromEntries(keys.map((k, i) => [k, files[i].content.toString('utf8')])) as Record<keyof typeof CATALOGUE_FILES, string>;
  const c = readCatalogue(texts);
  log(
    `Catalogue: ${c.capabilities.length} capabilities in ${c.categories.length} categories, ${count(c.epics.length)} epics, ` +
      `${c.standards.length} standards, ${c.frameworks.length} frameworks, ${c.integrationTypes.length} integration types, ` +
      `${c.applicationTypes.length} application types, ${c.hostingTypes.length} hosting types, ${c.suppliers.length} suppliers`,
  );

  const summary = await db.transaction(async (m) => {
    await lockImport(m, CATALOGUE_IMPORT);
    const changed = await write(m, c);
    const summary: CatalogueImportSummary = {
      skipped: false,
      checksum,
      categories: c.categories.length,
      capabilities: c.capabilities.length,
      epics: c.epics.length,
      capabilityEpics: c.capabilityEpics.length,
      standards: c.standards.length,
      standardCapabilities: c.standardCapabilities.length,
      frameworks: c.frameworks.length,
      frameworkCapabilities: c.frameworkCapabilities.length,
      integrationTypes: c.integrationTypes.length,
      applicationTypes: c.applicationTypes.length,
      hostingTypes: c.hostingTypes.length,
      suppliers: c.suppliers.length,
      changed,
      ms: Date.now() - started,
    };
    await recordImport(m, CATALOGUE_IMPORT, checksum, summary);
    return summary;
  });
  log(`Catalogue: ${count(summary.changed)} rows changed in ${(summary.ms / 1000).toFixed(1)} s`);
  return summary;
}

interface Column {
  name: string;
  type: string;
  /** SQL over `u.<name>` when the stored value is not the unnested one. */
  expr?: string;
}

/**
 * `INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE` that leaves unchanged rows alone and
 * says how many it inserted or changed. Rows keep their file order (serial ids follow it).
 */
async function upsert(
  m: EntityManager,
  table: string,
  columns: Column[],
  rows: unknown[][],
  conflict: string[],
  extra: { set?: string; guard?: string } = {},
): Promise<number> {
  if (!rows.length) return 0;
  const names = columns.map((c) => c.name);
  const update = names.filter((n) => !conflict.includes(n));
  const onConflict = update.length
    ? `DO UPDATE SET ${update.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}${extra.set ? `, ${extra.set}` : ''}
       WHERE ${extra.guard ? `${extra.guard} AND ` : ''}(${update.map((n) => `${table}.${n}`).join(', ')}) IS DISTINCT FROM (${update.map((n) => `EXCLUDED.${n}`).join(', ')})`
    : 'DO NOTHING';
  const sql = `
    WITH x AS (
      INSERT INTO ${table} (${names.join(', ')})
      SELECT ${columns.map((c) => c.expr ?? `u.${c.name}`).join(', ')}
      FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')}) WITH ORDINALITY AS u(${names.join(', ')}, ord)
      ORDER BY u.ord
      ON CONFLICT (${conflict.join(', ')}) ${onConflict}
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM x`;
  const [{ n }] = await m.query(sql, columns.map((_, i) => rows.map((r) => r[i])));
  return n;
}

/** Deletes link rows the files no longer contain. */
async function prune(m: EntityManager, table: string, keys: [string, string][], pairs: [unknown, unknown][], only = 'true'): Promise<number> {
  const [[a, ta], [b, tb]] = keys;
  const [{ n }] = await m.query(
    `WITH x AS (
       DELETE FROM ${table} t WHERE ${only} AND NOT EXISTS (
         SELECT 1 FROM unnest($1::${ta}[], $2::${tb}[]) AS k(a, b) WHERE k.a = t.${a} AND k.b = t.${b})
       RETURNING 1)
     SELECT count(*)::int AS n FROM x`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  return n;
}

async function retire(m: EntityManager, sql: string, ids: unknown[]): Promise<number> {
  const [{ n }] = await m.query(`WITH x AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM x`, [ids]);
  return n;
}

async function write(m: EntityManager, c: Catalogue): Promise<number> {
  let changed = 0;
  changed += await upsert(m, 'capability_categories', [{ name: 'id', type: 'int' }, { name: 'name', type: 'text' }], c.categories.map((x) => [x.id, x.name]), ['id']);
  changed += await upsert(
    m,
    'capabilities',
    [
      { name: 'id', type: 'int' }, { name: 'ref', type: 'text' }, { name: 'name', type: 'text' }, { name: 'description', type: 'text' },
      { name: 'category_id', type: 'int' }, { name: 'version', type: 'text' }, { name: 'status', type: 'text' },
      { name: 'source_url', type: 'text' }, { name: 'is_foundation', type: 'boolean' },
    ],
    c.capabilities.map((x) => [x.id, x.ref, x.name, x.description, x.categoryId, x.version, x.status, x.sourceUrl, x.isFoundation]),
    ['id'],
  );
  changed += await retire(m, `UPDATE capabilities SET status = 'Expired' WHERE status <> 'Expired' AND NOT (id = ANY($1::int[]))`, c.capabilities.map((x) => x.id));

  changed += await upsert(
    m,
    'epics',
    [{ name: 'id', type: 'text' }, { name: 'name', type: 'text' }, { name: 'is_active', type: 'boolean' }, { name: 'supplier_defined', type: 'boolean' }],
    c.epics.map((x) => [x.id, x.name, x.isActive, x.supplierDefined]),
    ['id'],
  );
  changed += await retire(m, `UPDATE epics SET is_active = false WHERE is_active AND NOT (id = ANY($1::text[]))`, c.epics.map((x) => x.id));
  changed += await prune(m, 'capability_epics', [['capability_id', 'int'], ['epic_id', 'text']], c.capabilityEpics.map((x) => [x.capabilityId, x.epicId]));
  changed += await upsert(
    m,
    'capability_epics',
    [{ name: 'capability_id', type: 'int' }, { name: 'epic_id', type: 'text' }, { name: 'compliancy', type: 'text' }],
    c.capabilityEpics.map((x) => [x.capabilityId, x.epicId, x.compliancy]),
    ['capability_id', 'epic_id'],
  );

  changed += await upsert(
    m,
    'standards',
    [
      { name: 'id', type: 'text' }, { name: 'name', type: 'text' }, { name: 'description', type: 'text' }, { name: 'url', type: 'text' },
      { name: 'version', type: 'text' }, { name: 'is_deleted', type: 'boolean' }, { name: 'type', type: 'text' }, { name: 'category', type: 'text' },
    ],
    c.standards.map((x) => [x.id, x.name, x.description, x.url, x.version, x.isDeleted, x.type, x.category]),
    ['id'],
  );
  changed += await retire(m, `UPDATE standards SET is_deleted = true WHERE NOT is_deleted AND NOT (id = ANY($1::text[]))`, c.standards.map((x) => x.id));
  changed += await prune(m, 'standard_capabilities', [['standard_id', 'text'], ['capability_id', 'int']], c.standardCapabilities.map((x) => [x.standardId, x.capabilityId]));
  changed += await upsert(
    m,
    'standard_capabilities',
    [{ name: 'standard_id', type: 'text' }, { name: 'capability_id', type: 'int' }],
    c.standardCapabilities.map((x) => [x.standardId, x.capabilityId]),
    ['standard_id', 'capability_id'],
  );

  changed += await upsert(
    m,
    'frameworks',
    [
      { name: 'id', type: 'text' }, { name: 'name', type: 'text' }, { name: 'short_name', type: 'text' }, { name: 'owner', type: 'text' },
      // text[] per row cannot be unnested from a 2-D array, so each travels as JSON.
      { name: 'funding_types', type: 'jsonb', expr: 'ARRAY(SELECT jsonb_array_elements_text(u.funding_types))' },
      { name: 'status', type: 'text' }, { name: 'maximum_term_months', type: 'int' },
    ],
    c.frameworks.map((x) => [x.id, x.name, x.shortName, x.owner, JSON.stringify(x.fundingTypes), x.status, x.maximumTermMonths]),
    ['id'],
  );
  // Only frameworks that came from the reference data: rounds the operator runs (onboarding) are not in it.
  changed += await retire(m, `UPDATE frameworks SET status = 'expired' WHERE status <> 'expired' AND source = 'reference' AND NOT (id = ANY($1::text[]))`, c.frameworks.map((x) => x.id));
  changed += await prune(
    m,
    'framework_capabilities',
    [['framework_id', 'text'], ['capability_id', 'int']],
    c.frameworkCapabilities.map((x) => [x.frameworkId, x.capabilityId]),
    `t.framework_id IN (SELECT id FROM frameworks WHERE source = 'reference')`,
  );
  changed += await upsert(
    m,
    'framework_capabilities',
    [{ name: 'framework_id', type: 'text' }, { name: 'capability_id', type: 'int' }],
    c.frameworkCapabilities.map((x) => [x.frameworkId, x.capabilityId]),
    ['framework_id', 'capability_id'],
  );

  changed += await upsert(
    m,
    'integration_types',
    [{ name: 'integration', type: 'text' }, { name: 'name', type: 'text' }, { name: 'description', type: 'text' }],
    c.integrationTypes.map((x) => [x.integration, x.name, x.description]),
    ['integration', 'name'],
  );
  for (const [table, list] of [['application_types', c.applicationTypes], ['hosting_types', c.hostingTypes]] as const) {
    changed += await upsert(
      m,
      table,
      [{ name: 'key', type: 'text' }, { name: 'name', type: 'text' }, { name: 'detail_fields', type: 'jsonb' }],
      list.map((x) => [x.key, x.name, JSON.stringify(x.detailFields)]),
      ['key'],
    );
  }

  // Suppliers share the organisations code space with ODS codes; never take over another type's row.
  const [clash] = await m.query(
    `SELECT code, type FROM organisations WHERE code = ANY($1::text[]) AND type <> 'supplier' LIMIT 1`,
    [c.suppliers.map((s) => s.code)],
  );
  if (clash) {
    const i = c.suppliers.findIndex((s) => s.code === clash.code);
    throw new ImportError(`${CATALOGUE_FILES.suppliers}: suppliers[${i}].id: code ${clash.code} is already used by an organisation of type ${clash.type}`);
  }
  changed += await upsert(
    m,
    'organisations',
    [{ name: 'code', type: 'text' }, { name: 'type', type: 'text' }, { name: 'name', type: 'text' }, { name: 'status', type: 'text' }],
    c.suppliers.map((s) => [s.code, 'supplier', s.name, s.status]),
    ['code'],
    { set: 'updated_at = now()', guard: `organisations.type = 'supplier'` },
  );
  return changed;
}
