import 'reflect-metadata';
import { createDataSource } from '../core/database/data-source';
import { seedDemoAccounts, seedOperatorOrganisation } from '../core/database/seeds/demo.seed';
import { importOds } from '../modules/organisations/ods.importer';
import { importCatalogue } from '../modules/reference/catalogue.importer';
import { dataDir } from './data-dir';

/**
 * Makes a database ready to serve: migrations, the shipped reference data (skipped when unchanged),
 * the operator organisation and, unless SEED_DEMO=false, the demo accounts.
 */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const log = (m: string) => console.log(m);
  const db = createDataSource(url);
  await db.initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    log(ran.length ? `Applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}` : 'Database schema is up to date');
    await importCatalogue(db, dataDir('buying-catalogue'), { log });
    await importOds(db, dataDir('ods'), { log });
    await seedOperatorOrganisation(db);
    if (process.env.SEED_DEMO !== 'false') await seedDemoAccounts(db, log);
  } finally {
    await db.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
