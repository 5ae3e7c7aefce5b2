import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key records for creating writes: one row per (principal, key), claimed before the
 * handler runs (in_progress) and completed with the response to replay. Rows older than 24 hours
 * are purged by a daily job and treated as absent before then.
 */
export class IdempotencyKeys1795000000040 implements MigrationInterface {
  name = 'IdempotencyKeys1795000000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        principal text NOT NULL CHECK (length(principal) BETWEEN 1 AND 200),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        method varchar(10) NOT NULL,
        path text NOT NULL,
        fingerprint char(64) NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'completed')),
        response_status smallint CHECK (response_status BETWEEN 100 AND 599),
        response_headers jsonb,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT idempotency_keys_principal_key_unique UNIQUE (principal, key),
        CHECK ((status = 'completed') = (response_status IS NOT NULL AND completed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
  }
}
