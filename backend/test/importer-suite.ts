import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDataSource } from './test-app';

/**
 * For the importers' specs (no HTTP: imports run from the command line): a fresh database and a
 * scratch folder for edited copies of a release, made before the file's tests and removed after.
 * Call it inside `describe`; read `db` and `tmp` only inside tests and hooks.
 */
export function importerSuite(tmpPrefix: string): { readonly db: DataSource; readonly tmp: string } {
  let database: Awaited<ReturnType<typeof createTestDataSource>> | undefined;
  let tmp: string | undefined;
  beforeAll(async () => {
    database = await createTestDataSource();
    tmp = mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  });
  afterAll(async () => {
    await database?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });
  return {
    get db() {
      return database!.db;
    },
    get tmp() {
      return tmp!;
    },
  };
}
