import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open Contracting Data Standard releases (product.md §4 "Open data", decision 016).
 *
 * One row per OCDS release: every contract event (award and contract on completion, each
 * amendment, termination) appends one, built in the same transaction as the change from the data
 * at that moment. Releases are immutable, enforced here like the audit trail: UPDATE, DELETE and
 * TRUNCATE raise. `icb_code` is the ICB the buyer belongs to (or the ICB itself), for the bulk
 * endpoint's area filter.
 */
export class Ocds1795000000060 implements MigrationInterface {
  name = 'Ocds1795000000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ocds_releases (
        id text NOT NULL CHECK (length(id) BETWEEN 1 AND 100 AND position('#' in id) = 0),
        ocid text NOT NULL CHECK (length(ocid) BETWEEN 1 AND 100),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        order_number integer NOT NULL,
        tag text[] NOT NULL CHECK (cardinality(tag) >= 1),
        date timestamptz NOT NULL,
        icb_code varchar(16),
        released jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ocid, id)
      )`);
    await q.query(`CREATE INDEX ocds_releases_ocid_idx ON ocds_releases (ocid, date, id)`);
    await q.query(`CREATE INDEX ocds_releases_icb_date_idx ON ocds_releases (icb_code, date, ocid, id)`);
    await q.query(`CREATE INDEX ocds_releases_contract_idx ON ocds_releases (contract_id)`);
    await q.query(`
      CREATE FUNCTION ocds_releases_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ocds_releases is append-only: releases are immutable';
      END $$`);
    await q.query(`
      CREATE TRIGGER ocds_releases_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON ocds_releases
      FOR EACH STATEMENT EXECUTE FUNCTION ocds_releases_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ocds_releases`);
    await q.query(`DROP FUNCTION IF EXISTS ocds_releases_append_only()`);
  }
}
