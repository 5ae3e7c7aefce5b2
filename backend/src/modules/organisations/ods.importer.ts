import { DataSource } from 'typeorm';

export interface ImportOptions {
  log?: (message: string) => void;
  /** Re-import even when the files match the last import's checksum. */
  force?: boolean;
}

// Placeholder replaced by the real importer.
export async function importOds(_db: DataSource, _dir: string, _opts: ImportOptions = {}): Promise<Record<string, unknown>> {
  throw new Error('not implemented');
}
