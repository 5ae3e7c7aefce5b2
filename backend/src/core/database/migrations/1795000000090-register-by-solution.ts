import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contract register's solution filters (supplier, capability, flagged as Lapsed/Failed) read a
 * second index on contract_areas: each solution's slice of an area in notice-deadline order. A
 * filter resolves to a few solutions, so the first page merges the first rows of each slice and the
 * capped count reads only matching entries, instead of walking the whole area in deadline order and
 * discarding the other suppliers' contracts (docs/performance.md, contract register).
 *
 * On a large live database build it by hand first with CREATE INDEX CONCURRENTLY under the same
 * name; IF NOT EXISTS then makes this migration a no-op.
 */
export class RegisterBySolution1795000000090 implements MigrationInterface {
  name = 'RegisterBySolution1795000000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX IF NOT EXISTS contract_areas_solution_idx
        ON contract_areas (area_code, solution_item_id, notice_deadline, contract_id)
        INCLUDE (supplier_id, start_date, end_date, termination_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contract_areas_solution_idx`);
  }
}
