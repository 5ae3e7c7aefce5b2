import { DataSource } from 'typeorm';

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so replicas starting together (or
 * `prepare` racing an API start) apply each migration once; the others wait, then find nothing to do.
 */
export async function migrate(db: DataSource): Promise<string[]> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('gpit:migrations'))`);
    const ran = await db.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('gpit:migrations'))`).catch(() => undefined);
    await runner.release();
  }
}
