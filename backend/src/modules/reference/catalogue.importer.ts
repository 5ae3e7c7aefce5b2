import { DataSource } from 'typeorm';
import type { ImportOptions } from '../organisations/ods.importer';

// Placeholder replaced by the real importer.
export async function importCatalogue(_db: DataSource, _dir: string, _opts: ImportOptions = {}): Promise<Record<string, unknown>> {
  throw new Error('not implemented');
}
