// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, reference data and demo
// accounts, then the API on API_PORT (3001) and the portal on PORT (3000), which proxies /api.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { apiNodeFlags, portalNodeFlags } from './lib/node-flags.mjs';
import { ensureDatabase, repoRoot, startEmbeddedPostgres, withDatabase } from './lib/postgres.mjs';

const env = { ...process.env };
let pg;
if (!env.DATABASE_URL) {
  pg = await startEmbeddedPostgres({
    dataDir: path.resolve(repoRoot, env.PGDATA_DIR || '.data/postgres'),
    port: Number(env.EMBEDDED_PG_PORT || 54329),
  });
  await ensureDatabase(pg.url('postgres'), 'gpit');
  env.DATABASE_URL = withDatabase(pg.url('postgres'), 'gpit');
}
env.API_PORT ||= '3001';
env.PORT ||= '3000';
env.API_URL ||= `http://127.0.0.1:${env.API_PORT}`;

const children = new Set();
let stopping = false;

function run(name, args, { wait = false } = {}) {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: 'inherit' });
  children.add(child);
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (wait) return code === 0 ? resolve() : reject(new Error(`${name} failed (${signal ?? code})`));
      if (!stopping) {
        console.error(`${name} stopped unexpectedly (${signal ?? code}); shutting down`);
        shutdown(1);
      }
    });
    if (!wait) resolve(child);
  });
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all([...children].map((c) => new Promise((r) => c.once('exit', r))));
  if (pg) await pg.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  await run('prepare', ['backend/dist/cli/prepare.js'], { wait: true });
  await run('API', [...apiNodeFlags(env), 'backend/dist/main.js']);
  await run('portal', [...portalNodeFlags(env), 'frontend/server.mjs']);
  console.log(`\nGP IT Marketplace: http://localhost:${env.PORT}  (API docs: http://localhost:${env.PORT}/api/docs)\n`);
} catch (e) {
  console.error(e.message);
  await shutdown(1);
}
