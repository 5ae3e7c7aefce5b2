import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A solution's listed additional services, looked up by every solution page (listing-page.service):
 * without an index that lookup read all of catalogue_search, most of the page's database time
 * (~8 ms at 100× the catalogue).
 */
export class AdditionalServicesIndex1795000000111 implements MigrationInterface {
  name = 'AdditionalServicesIndex1795000000111';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX catalogue_search_parent_idx ON catalogue_search (parent_item_id) WHERE parent_item_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS catalogue_search_parent_idx`);
  }
}
