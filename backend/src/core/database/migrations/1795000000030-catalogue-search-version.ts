import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change counter for the public search index, bumped in the same transaction as any change to
 * catalogue_search, so API replicas can cache search results and know exactly when they go stale
 * (reading one row per request instead of recounting facets over the whole catalogue).
 */
export class CatalogueSearchVersion1795000000030 implements MigrationInterface {
  name = 'CatalogueSearchVersion1795000000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalogue_search_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO catalogue_search_state DEFAULT VALUES`);
    await q.query(`
      CREATE FUNCTION catalogue_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE catalogue_search_state SET version = version + 1;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER catalogue_search_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_search
        FOR EACH STATEMENT EXECUTE FUNCTION catalogue_search_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS catalogue_search_changed ON catalogue_search`);
    await q.query(`DROP FUNCTION IF EXISTS catalogue_search_changed()`);
    await q.query(`DROP TABLE IF EXISTS catalogue_search_state`);
  }
}
