import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders (call-offs) and the contracts they create (product.md §3–4, "Orders", "Contracts").
 *
 * An order number (C000123) names a call-off across its revisions: revision 1 is the original order,
 * each amendment a new revision (C000123-02) that copies the previous one and may only add. At most
 * one revision per number is open (being edited or awaiting approval) at a time. A contract is created
 * when revision 1 completes and follows the number: amendments update its value and link to it.
 */
export class Ordering1795000000050 implements MigrationInterface {
  name = 'Ordering1795000000050';

  async up(q: QueryRunner): Promise<void> {
    // Notice a buyer gives to end a call-off; framework terms, 90 days unless a framework says otherwise.
    await q.query(`ALTER TABLE frameworks ADD COLUMN notice_period_days integer NOT NULL DEFAULT 90 CHECK (notice_period_days BETWEEN 0 AND 365)`);

    await q.query(`CREATE SEQUENCE order_number_seq START 1 MAXVALUE 999999`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number integer NOT NULL CHECK (number BETWEEN 1 AND 999999),
        revision smallint NOT NULL DEFAULT 1 CHECK (revision BETWEEN 1 AND 99),
        previous_revision_id uuid REFERENCES orders(id),
        status varchar(24) NOT NULL DEFAULT 'in_progress'
          CHECK (status IN ('in_progress','awaiting_approval','completed','superseded','terminated','deleted')),
        description text CHECK (length(description) BETWEEN 1 AND 500),
        ordering_party_id uuid NOT NULL REFERENCES organisations(id),
        ordering_contact jsonb,
        supplier_id uuid REFERENCES organisations(id),
        supplier_contact jsonb,
        framework_id varchar(16) REFERENCES frameworks(id),
        commencement_date date,
        initial_period_months integer CHECK (initial_period_months BETWEEN 1 AND 120),
        maximum_term_months integer CHECK (maximum_term_months BETWEEN 1 AND 120),
        approval_status varchar(16) NOT NULL DEFAULT 'not_required'
          CHECK (approval_status IN ('not_required','pending','approved','returned')),
        approval_requested_by uuid REFERENCES users(id),
        approval_requested_at timestamptz,
        approval_decided_by uuid REFERENCES users(id),
        approval_decided_at timestamptz,
        approval_reason text CHECK (length(approval_reason) <= 1000),
        totals jsonb,
        completed_by uuid REFERENCES users(id),
        completed_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (number, revision),
        CHECK ((revision = 1) = (previous_revision_id IS NULL)),
        CHECK (status <> 'completed' OR completed_at IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX orders_one_open_revision_idx ON orders (number) WHERE status IN ('in_progress','awaiting_approval')`);
    await q.query(`CREATE INDEX orders_ordering_party_idx ON orders (ordering_party_id, created_at DESC)`);
    await q.query(`CREATE INDEX orders_supplier_idx ON orders (supplier_id, completed_at DESC) WHERE status IN ('completed','superseded','terminated')`);
    await q.query(`CREATE INDEX orders_awaiting_approval_idx ON orders (approval_requested_at) WHERE status = 'awaiting_approval'`);

    await q.query(`
      CREATE TABLE order_recipients (
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        practice_id uuid NOT NULL REFERENCES organisations(id),
        -- registered patients when the order completed (per-patient quantities are priced on this)
        registered_patients integer CHECK (registered_patients >= 0),
        PRIMARY KEY (order_id, practice_id)
      )`);
    await q.query(`CREATE INDEX order_recipients_practice_idx ON order_recipients (practice_id)`);

    await q.query(`
      CREATE TABLE order_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        -- the live listing version whose price was chosen; the price itself is snapshotted
        listing_version_id uuid NOT NULL REFERENCES listing_versions(id),
        price_id text NOT NULL,
        price_snapshot jsonb NOT NULL,
        funding_source varchar(8) CHECK (funding_source IN ('central','local')),
        -- one quantity for the whole order (per-solution prices that are not per patient)
        quantity integer CHECK (quantity BETWEEN 0 AND 100000000),
        cost jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_id, item_id)
      )`);
    await q.query(`
      CREATE TABLE order_item_quantities (
        order_item_id uuid NOT NULL REFERENCES order_items(id) ON DELETE CASCADE,
        practice_id uuid NOT NULL REFERENCES organisations(id),
        quantity integer NOT NULL CHECK (quantity BETWEEN 0 AND 100000000),
        PRIMARY KEY (order_item_id, practice_id)
      )`);

    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_number integer NOT NULL,
        order_id uuid NOT NULL REFERENCES orders(id),
        buyer_id uuid NOT NULL REFERENCES organisations(id),
        supplier_id uuid NOT NULL REFERENCES organisations(id),
        framework_id varchar(16) NOT NULL REFERENCES frameworks(id),
        solution_item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        start_date date NOT NULL,
        end_date date NOT NULL,
        notice_period_days integer NOT NULL CHECK (notice_period_days >= 0),
        notice_deadline date NOT NULL,
        value_pence bigint NOT NULL CHECK (value_pence >= 0),
        termination_date date,
        termination_reason text CHECK (length(termination_reason) <= 1000),
        terminated_by uuid REFERENCES users(id),
        terminated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_number, supplier_id),
        CHECK (end_date >= start_date),
        CHECK ((termination_date IS NULL) = (termination_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX contracts_buyer_idx ON contracts (buyer_id, notice_deadline)`);
    await q.query(`CREATE INDEX contracts_supplier_idx ON contracts (supplier_id, start_date DESC)`);
    await q.query(`CREATE INDEX contracts_notice_deadline_idx ON contracts (notice_deadline)`);
    // Which practices a contract serves (the recipients of its latest completed revision).
    await q.query(`
      CREATE TABLE contract_recipients (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        practice_id uuid NOT NULL REFERENCES organisations(id),
        PRIMARY KEY (contract_id, practice_id)
      )`);
    await q.query(`CREATE INDEX contract_recipients_practice_idx ON contract_recipients (practice_id)`);

    // Status follows the calendar: derived when read, never stale.
    await q.query(`
      CREATE FUNCTION contract_status(start_date date, end_date date, termination_date date, today date)
      RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN termination_date IS NOT NULL AND termination_date <= today THEN 'terminated'
          WHEN end_date < today THEN 'ended'
          WHEN start_date > today THEN 'pending'
          ELSE 'active' END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS contract_status(date, date, date, date)`);
    await q.query(`DROP TABLE IF EXISTS contract_recipients`);
    await q.query(`DROP TABLE IF EXISTS contracts`);
    await q.query(`DROP TABLE IF EXISTS order_item_quantities`);
    await q.query(`DROP TABLE IF EXISTS order_items`);
    await q.query(`DROP TABLE IF EXISTS order_recipients`);
    await q.query(`DROP TABLE IF EXISTS orders`);
    await q.query(`DROP SEQUENCE IF EXISTS order_number_seq`);
    await q.query(`ALTER TABLE frameworks DROP COLUMN IF EXISTS notice_period_days`);
  }
}
