import path from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../core/database/data-source';
import { migrate } from '../core/database/migrate';
import { ImportError, ImportOptions } from '../modules/organisations/reference-import';

type Importer = (db: DataSource, dir: string, opts: ImportOptions) => Promise<unknown>;

/** Shared by the import CLIs: `[dir] [--force]`, DATABASE_URL from the environment, migrations first. */
export async function runImport(command: string, defaultDir: string, importer: Importer, argv = process.argv.slice(2)) {
  const force = argv.includes('--force');
  const rest = argv.filter((a) => a !== '--force');
  const unknown = rest.filter((a) => a.startsWith('-'));
  if (unknown.length || rest.length > 1) {
    console.error(`Usage: node backend/dist/cli/${command}.js [dir] [--force]`);
    process.exit(2);
  }
  // Relative to where the user ran `npm run …` (npm's INIT_CWD), not the repository root.
  const dir = rest[0] ? path.resolve(process.env.INIT_CWD || process.cwd(), rest[0]) : defaultDir;
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    process.exit(2);
  }
  const db = createDataSource(url);
  let code = 0;
  try {
    await db.initialize();
    const ran = await migrate(db);
    if (ran.length) console.log(`Applied ${ran.length} migration(s): ${ran.join(', ')}`);
    await importer(db, dir, { force, log: (m) => console.log(m) });
  } catch (e) {
    console.error(e instanceof ImportError ? e.message : e instanceof Error ? `${command} failed: ${e.message}` : e);
    code = 1;
  } finally {
    if (db.isInitialized) await db.destroy();
  }
  process.exit(code);
}
