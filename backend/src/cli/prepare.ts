import 'reflect-metadata';
import { createDataSource } from '../core/database/data-source';
import { migrate } from '../core/database/migrate';
import { seedDemoAccounts, seedOperatorOrganisation } from '../core/database/seeds/demo.seed';
import { seedDemoAssessments } from '../modules/assessments/demo-assessments.seed';
import { seedDemoCatalogue } from '../modules/catalogue/demo-catalogue.seed';
import { backfillSupplierFrameworks, seedDemoOnboarding } from '../modules/onboarding/demo-onboarding.seed';
import { importOds } from '../modules/organisations/ods.importer';
import { importCatalogue } from '../modules/reference/catalogue.importer';
import { dataDir } from './data-dir';

/**
 * Makes a database ready to serve: migrations, the shipped reference data (skipped when unchanged),
 * the operator organisation, and the demo accounts and demo catalogue (SEED_DEMO; default true except
 * in production).
 */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const log = (m: string) => console.log(m);
  const db = createDataSource(url);
  await db.initialize();
  try {
    const ran = await migrate(db);
    log(ran.length ? `Applied ${ran.length} migration(s): ${ran.join(', ')}` : 'Database schema is up to date');
    await importCatalogue(db, dataDir('buying-catalogue'), { log });
    await importOds(db, dataDir('ods'), { log });
    await seedOperatorOrganisation(db);
    // Demo accounts have a published password: never in production unless asked for explicitly.
    const seedDemo = process.env.SEED_DEMO ?? (process.env.NODE_ENV === 'production' ? 'false' : 'true');
    if (seedDemo === 'true') {
      await seedDemoAccounts(db, log);
      await seedDemoCatalogue(db, log);
      // After the demo catalogue: conformance results for its listed solutions.
      await seedDemoAssessments(db, log);
      await seedDemoOnboarding(db, log);
    }
    // After any catalogue changes: suppliers stay on the imported frameworks their listings name.
    await backfillSupplierFrameworks(db);
  } finally {
    await db.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
