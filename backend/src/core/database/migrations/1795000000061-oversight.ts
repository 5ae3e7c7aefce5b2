import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commissioner oversight (product.md §4 Enforcement): when a solution's accreditation changed, so
 * contracts for a Lapsed or Failed solution are flagged "since <date>" until it is accredited again.
 * Kept by a trigger, whatever writes the status (the operator's results, the daily re-derivation).
 */
export class Oversight1795000000061 implements MigrationInterface {
  name = 'Oversight1795000000061';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalogue_items ADD COLUMN accreditation_status_since timestamptz`);
    await q.query(`UPDATE catalogue_items SET accreditation_status_since = coalesce(accreditation_derived_at, updated_at) WHERE accreditation_status IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION catalogue_items_accreditation_since() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.accreditation_status IS DISTINCT FROM OLD.accreditation_status THEN
          NEW.accreditation_status_since := CASE WHEN NEW.accreditation_status IS NULL THEN NULL ELSE now() END;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER catalogue_items_accreditation_since BEFORE INSERT OR UPDATE OF accreditation_status ON catalogue_items
        FOR EACH ROW EXECUTE FUNCTION catalogue_items_accreditation_since()`);

    // The contract register (GET /api/register/contracts): one row per contract and each organisation
    // it belongs to — the buyer, and every recipient practice with its PCN, sub-ICB location and ICB —
    // plus a '*' row for the operator's national view, so a commissioner's area (or a narrower PCN /
    // practice filter) is one index range walked in notice-deadline order. The columns the other
    // filters need (supplier, solution, dates) are copied in the index, so filtering and counting are
    // index-only. Kept by triggers on contracts and contract_recipients (the ordering code that writes
    // them needs no change).
    await q.query(`
      CREATE TABLE contract_areas (
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        area_code varchar(16) NOT NULL,
        notice_deadline date NOT NULL,
        supplier_id uuid NOT NULL,
        solution_item_id varchar(24) NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        termination_date date,
        PRIMARY KEY (contract_id, area_code)
      )`);
    await q.query(`
      CREATE INDEX contract_areas_register_idx ON contract_areas (area_code, notice_deadline, contract_id)
        INCLUDE (supplier_id, solution_item_id, start_date, end_date, termination_date)`);
    await q.query(`
      CREATE FUNCTION contract_areas_add(contract uuid, codes text[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO contract_areas (contract_id, area_code, notice_deadline, supplier_id, solution_item_id, start_date, end_date, termination_date)
        SELECT c.id, a.code, c.notice_deadline, c.supplier_id, c.solution_item_id, c.start_date, c.end_date, c.termination_date
          FROM contracts c, unnest(codes) a(code)
         WHERE c.id = contract AND a.code IS NOT NULL
        ON CONFLICT DO NOTHING
      $$`);
    await q.query(`
      INSERT INTO contract_areas (contract_id, area_code, notice_deadline, supplier_id, solution_item_id, start_date, end_date, termination_date)
      SELECT c.id, a.code, c.notice_deadline, c.supplier_id, c.solution_item_id, c.start_date, c.end_date, c.termination_date
        FROM contracts c
        CROSS JOIN LATERAL (
          SELECT '*' UNION SELECT b.code FROM organisations b WHERE b.id = c.buyer_id
          UNION SELECT x.code FROM contract_recipients cr JOIN organisations p ON p.id = cr.practice_id
                 CROSS JOIN LATERAL (VALUES (p.code), (p.pcn_code), (p.sub_icb_code), (p.icb_code)) x(code)
           WHERE cr.contract_id = c.id AND x.code IS NOT NULL
        ) a(code)`);
    await q.query(`
      CREATE FUNCTION contract_areas_from_contract() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM contract_areas_add(NEW.id, ARRAY['*', (SELECT code FROM organisations WHERE id = NEW.buyer_id)]);
        ELSE
          UPDATE contract_areas SET notice_deadline = NEW.notice_deadline, supplier_id = NEW.supplier_id, solution_item_id = NEW.solution_item_id,
                 start_date = NEW.start_date, end_date = NEW.end_date, termination_date = NEW.termination_date
           WHERE contract_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER contract_areas_from_contract AFTER INSERT OR UPDATE OF notice_deadline, supplier_id, solution_item_id, start_date, end_date, termination_date
        ON contracts FOR EACH ROW EXECUTE FUNCTION contract_areas_from_contract()`);
    await q.query(`
      CREATE FUNCTION contract_areas_from_recipient() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM contract_areas_add(NEW.contract_id, ARRAY[p.code, p.pcn_code, p.sub_icb_code, p.icb_code]::text[])
           FROM organisations p WHERE p.id = NEW.practice_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER contract_areas_from_recipient AFTER INSERT ON contract_recipients
        FOR EACH ROW EXECUTE FUNCTION contract_areas_from_recipient()`);
    // Flagged contracts: by solution (few solutions are Lapsed or Failed at a time).
    await q.query(`CREATE INDEX contracts_solution_deadline_idx ON contracts (solution_item_id, notice_deadline)`);
    await q.query(`CREATE INDEX catalogue_items_enforcement_idx ON catalogue_items (id) WHERE accreditation_status IN ('lapsed','failed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS catalogue_items_enforcement_idx`);
    await q.query(`DROP INDEX IF EXISTS contracts_solution_deadline_idx`);
    await q.query(`DROP TRIGGER IF EXISTS contract_areas_from_recipient ON contract_recipients`);
    await q.query(`DROP FUNCTION IF EXISTS contract_areas_from_recipient()`);
    await q.query(`DROP TRIGGER IF EXISTS contract_areas_from_contract ON contracts`);
    await q.query(`DROP FUNCTION IF EXISTS contract_areas_from_contract()`);
    await q.query(`DROP TABLE IF EXISTS contract_areas`);
    await q.query(`DROP FUNCTION IF EXISTS contract_areas_add(uuid, text[])`);
    await q.query(`DROP TRIGGER IF EXISTS catalogue_items_accreditation_since ON catalogue_items`);
    await q.query(`DROP FUNCTION IF EXISTS catalogue_items_accreditation_since()`);
    await q.query(`ALTER TABLE catalogue_items DROP COLUMN IF EXISTS accreditation_status_since`);
  }
}
