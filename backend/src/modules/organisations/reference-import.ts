import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

/** Shared by the reference-data importers (ODS and Buying Catalogue). */
export interface ImportOptions {
  log?: (message: string) => void;
  /** Re-import even when the files match the last import's checksum. */
  force?: boolean;
}

/**
 * A problem with the files being imported, as `<file>:<line>: <reason>` (CSV) or
 * `<file>: <json path>: <reason>` (JSON). Nothing has been written when it is thrown.
 */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** sha256 over each file's name and contents, in the order given. */
export function checksumOf(files: { name: string; content: Buffer | string }[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f.name);
    h.update('\0');
    h.update(f.content);
    h.update('\0');
  }
  return h.digest('hex');
}

export interface StoredImport {
  checksum: string;
  importedAt: Date;
  summary: Record<string, unknown>;
}

export async function lastImport(db: DataSource | EntityManager, name: string): Promise<StoredImport | undefined> {
  const [row] = await db.query(`SELECT checksum, imported_at, summary FROM reference_imports WHERE name = $1`, [name]);
  return row ? { checksum: row.checksum, importedAt: row.imported_at, summary: row.summary } : undefined;
}

export async function recordImport(m: EntityManager, name: string, checksum: string, summary: Record<string, unknown>) {
  await m.query(
    `INSERT INTO reference_imports (name, checksum, imported_at, summary) VALUES ($1, $2, now(), $3)
     ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, imported_at = EXCLUDED.imported_at, summary = EXCLUDED.summary`,
    [name, checksum, JSON.stringify(summary)],
  );
}

/** One importer of a kind at a time, across processes (two replicas starting together). */
export async function lockImport(m: EntityManager, name: string) {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reference_import:${name}`]);
}

export const count = (n: number) => n.toLocaleString('en-GB');

/** Rows in slices, so a 100× release is still a handful of statements, each of bounded size. */
export function* batches<T>(rows: T[], size = 5000): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
