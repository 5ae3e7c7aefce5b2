import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Switch plans (product.md §3 "Switch plan", §4 "Switching"): a practice's move from its current
 * system (a contract, or the clinical system ODS names) to a target solution, with a timeline of
 * steps whose dates the practice may change and whose progress it tracks. Dates are calendar days
 * (docs/decisions/017-switch-dates.md).
 */
export class Switching1795000000063 implements MigrationInterface {
  name = 'Switching1795000000063';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE switch_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES organisations(id),
        -- where the plan starts: the practice's contract for a clinical system, else ODS data
        current_contract_id uuid REFERENCES contracts(id),
        current_item_id varchar(24) REFERENCES catalogue_items(id),
        current_supplier_name text CHECK (length(current_supplier_name) <= 300),
        current_source varchar(16) NOT NULL CHECK (current_source IN ('contract','ods','unknown')),
        target_item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        -- computed when the plan was made (contract notice period and end date, or a default lead time)
        earliest_switch_date date NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in_progress','completed')),
        order_number integer,
        termination_date date,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (current_item_id IS NULL OR current_item_id <> target_item_id)
      )`);
    await q.query(`CREATE INDEX switch_plans_practice_idx ON switch_plans (practice_id, created_at DESC)`);
    await q.query(`CREATE INDEX switch_plans_created_idx ON switch_plans (created_at DESC)`);
    await q.query(`
      CREATE TABLE switch_plan_steps (
        plan_id uuid NOT NULL REFERENCES switch_plans(id) ON DELETE CASCADE,
        key varchar(24) NOT NULL
          CHECK (key IN ('give_notice','order','data_migration','integrations','training','go_live','decommission')),
        position smallint NOT NULL,
        title text NOT NULL,
        due_date date NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started','in_progress','done')),
        completed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, key),
        CHECK ((status = 'done') = (completed_at IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS switch_plan_steps`);
    await q.query(`DROP TABLE IF EXISTS switch_plans`);
  }
}
