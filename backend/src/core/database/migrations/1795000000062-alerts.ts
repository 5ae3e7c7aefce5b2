import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts (product.md §4 Contracts): notifications 180, 90 and 30 days before a contract's notice
 * deadline and end date, and when a contracted solution's accreditation becomes Lapsed or Failed.
 *
 * A notification row is the ledger of an alert raised for one user: it is written whatever the
 * user's preferences (in_app says whether it is listed, emailed whether an email went through the
 * outbox), so each alert is raised exactly once however often, or on however many replicas, the
 * job runs: the partial unique indexes below make a second INSERT … ON CONFLICT DO NOTHING a no-op.
 */
export class Alerts1795000000062 implements MigrationInterface {
  name = 'Alerts1795000000062';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL CHECK (kind IN ('notice-180','notice-90','notice-30','end-180','end-90','end-30','accreditation-lapsed','accreditation-failed')),
        -- deadline alerts: the contract and the date it counts down to (its notice deadline or end date)
        contract_id uuid REFERENCES contracts(id) ON DELETE CASCADE,
        target_date date,
        -- accreditation alerts: the solution and when its status changed (catalogue_items.accreditation_status_since)
        item_id varchar(24) REFERENCES catalogue_items(id) ON DELETE CASCADE,
        status_since timestamptz,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
        link text NOT NULL CHECK (link LIKE '/%'),
        in_app boolean NOT NULL,
        emailed boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CHECK (kind LIKE 'accreditation-%' OR (contract_id IS NOT NULL AND target_date IS NOT NULL)),
        CHECK (kind NOT LIKE 'accreditation-%' OR (item_id IS NOT NULL AND status_since IS NOT NULL))
      )`);
    // Exactly once per user, contract, milestone and date (leading with the contract: the job asks
    // "has this contract's milestone been raised yet?").
    await q.query(`
      CREATE UNIQUE INDEX notifications_deadline_key ON notifications (contract_id, kind, target_date, user_id)
        WHERE kind NOT LIKE 'accreditation-%'`);
    // Exactly once per user, solution and change of status.
    await q.query(`
      CREATE UNIQUE INDEX notifications_accreditation_key ON notifications (item_id, kind, status_since, user_id)
        WHERE kind LIKE 'accreditation-%'`);
    // The user's list (newest first) and unread count.
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC) WHERE in_app`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE in_app AND read_at IS NULL`);

    // Which alerts a user wants, per group; no row means both on.
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind_group varchar(32) NOT NULL CHECK (kind_group IN ('notice-deadlines','end-dates','accreditation')),
        in_app boolean NOT NULL DEFAULT true,
        email boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind_group)
      )`);

    // The daily job looks for end dates within 180 days (notice deadlines already have an index).
    await q.query(`CREATE INDEX IF NOT EXISTS contracts_end_date_idx ON contracts (end_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contracts_end_date_idx`);
    await q.query(`DROP TABLE IF EXISTS notification_preferences`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
  }
}
