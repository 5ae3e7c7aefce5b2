// Runs a command with DATABASE_URL pointing at the portal's database (embedded unless DATABASE_URL is set).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureDatabase, repoRoot, startEmbeddedPostgres, withDatabase } from './lib/postgres.mjs';

const [cmd, ...args] = process.argv.slice(2);
const env = { ...process.env };
let pg;
if (!env.DATABASE_URL) {
  pg = await startEmbeddedPostgres({ dataDir: path.resolve(repoRoot, env.PGDATA_DIR || '.data/postgres'), port: Number(env.EMBEDDED_PG_PORT || 54329) });
  await ensureDatabase(pg.url('postgres'), 'gpit');
  env.DATABASE_URL = withDatabase(pg.url('postgres'), 'gpit');
}
const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: 'inherit' });
const code = await new Promise((r) => child.on('exit', (c) => r(c ?? 1)));
if (pg) await pg.stop();
process.exit(code);
