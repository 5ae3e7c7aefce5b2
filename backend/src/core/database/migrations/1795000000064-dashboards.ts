import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commissioner dashboards (product.md §2, §5): one precomputed snapshot per area (ICB or sub-ICB
 * code), kept current so a dashboard read is one primary-key lookup at any scale.
 *
 * - dashboard_snapshots holds the whole dashboard for an area as computed at computed_at (London day
 *   computed_on: contract status follows the calendar, so a snapshot from an earlier day is stale).
 * - dashboard_changes is an append-only log of "something in this area changed", written by
 *   statement-level triggers (no row locks, so concurrent order completions never queue on a hot
 *   row): contract recipients added (new contracts, amendments), contracts updated (amendments,
 *   terminations), and any solution's accreditation status changing ('*' = every area).
 * Each change records the writing transaction's id; each snapshot records the database snapshot
 * (pg_snapshot) its figures were read from. A snapshot is fresh when it is from today and every
 * change logged for its area (or '*') was visible to it — exact even for writers that were still
 * committing while it was computed. The dashboard-refresh job recomputes stale snapshots every
 * minute; a read that finds its snapshot stale recomputes it itself.
 */
export class Dashboards1795000000064 implements MigrationInterface {
  name = 'Dashboards1795000000064';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dashboard_snapshots (
        area_code varchar(16) PRIMARY KEY,
        data jsonb NOT NULL,
        computed_on date NOT NULL,
        computed_at timestamptz NOT NULL,
        -- the database snapshot the figures were read from: which writers it saw
        seen pg_snapshot NOT NULL,
        compute_ms integer NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE dashboard_changes (
        id bigserial PRIMARY KEY,
        area_code varchar(16) NOT NULL,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX dashboard_changes_area_idx ON dashboard_changes (area_code, xid)`);
    // Exposure and accreditation changes find a solution's contracts by this.
    await q.query(`CREATE INDEX contracts_solution_idx ON contracts (solution_item_id)`);

    await q.query(`
      CREATE FUNCTION dashboard_recipients_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO dashboard_changes (area_code)
        SELECT DISTINCT a FROM new_rows r JOIN organisations p ON p.id = r.practice_id
          CROSS JOIN LATERAL (VALUES (p.icb_code), (p.sub_icb_code)) v(a) WHERE a IS NOT NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER dashboard_recipients_changed AFTER INSERT ON contract_recipients
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_recipients_changed()`);

    await q.query(`
      CREATE FUNCTION dashboard_contracts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO dashboard_changes (area_code)
        SELECT DISTINCT a FROM (
          SELECT p.icb_code, p.sub_icb_code FROM new_rows c JOIN contract_recipients cr ON cr.contract_id = c.id JOIN organisations p ON p.id = cr.practice_id
          UNION
          SELECT coalesce(b.icb_code, b.code), b.sub_icb_code FROM new_rows c JOIN organisations b ON b.id = c.buyer_id
        ) x CROSS JOIN LATERAL (VALUES (x.icb_code), (x.sub_icb_code)) v(a) WHERE a IS NOT NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER dashboard_contracts_changed AFTER UPDATE ON contracts
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_contracts_changed()`);

    await q.query(`
      CREATE FUNCTION dashboard_accreditation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.accreditation_status IS DISTINCT FROM o.accreditation_status) THEN
          INSERT INTO dashboard_changes (area_code) VALUES ('*');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER dashboard_accreditation_changed AFTER UPDATE ON catalogue_items
        REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_accreditation_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS dashboard_accreditation_changed ON catalogue_items`);
    await q.query(`DROP FUNCTION IF EXISTS dashboard_accreditation_changed()`);
    await q.query(`DROP TRIGGER IF EXISTS dashboard_contracts_changed ON contracts`);
    await q.query(`DROP FUNCTION IF EXISTS dashboard_contracts_changed()`);
    await q.query(`DROP TRIGGER IF EXISTS dashboard_recipients_changed ON contract_recipients`);
    await q.query(`DROP FUNCTION IF EXISTS dashboard_recipients_changed()`);
    await q.query(`DROP INDEX IF EXISTS contracts_solution_idx`);
    await q.query(`DROP TABLE IF EXISTS dashboard_changes`);
    await q.query(`DROP TABLE IF EXISTS dashboard_snapshots`);
  }
}
