import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API process that claimed an Idempotency-Key (its liveness lock key, core/liveness): a claim
 * left in progress by a process that has died can be taken over at once instead of after minutes.
 */
export class IdempotencyOwner1795000000110 implements MigrationInterface {
  name = 'IdempotencyOwner1795000000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN owner integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS owner`);
  }
}
