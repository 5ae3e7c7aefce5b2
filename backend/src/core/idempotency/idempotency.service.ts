import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INSTANCE_LOCK_NS, LivenessService, lockHeldSql } from '../liveness/liveness.service';
import { KEY_TTL_HOURS, STALE_CLAIM_MINUTES } from './idempotency';

export interface IdempotencyRequest {
  principal: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Claim =
  | { kind: 'claimed'; id: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

interface Row {
  id: string;
  fingerprint: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: unknown;
  takeover: boolean;
  mine: boolean;
}

/** The idempotency_keys table: claim a key, complete it with the response, or release it. */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');
  /** Claims this process is working on now; one of ours not in here was abandoned (its request failed with the database). */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly db: DataSource,
    private readonly liveness: LivenessService,
  ) {}

  /**
   * Claims the key for this request, or says what the earlier request with it came to. The
   * unique (principal, key) constraint decides races: of two concurrent first requests, one
   * inserts and the other sees its in-progress row.
   */
  async claim(req: IdempotencyRequest): Promise<Claim> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted: { id: string }[] = await this.db.query(
        `INSERT INTO idempotency_keys (principal, key, method, path, fingerprint, owner) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (principal, key) DO NOTHING RETURNING id`,
        [req.principal, req.key, req.method, req.path, req.fingerprint, this.liveness.instanceKey],
      );
      if (inserted.length) {
        const id = String(inserted[0].id);
        this.inFlight.add(id);
        return { kind: 'claimed', id };
      }

      // In progress but abandoned: its process is gone (no liveness lock), or it is this process and
      // the request is no longer running; without an owner (older rows), after STALE_CLAIM_MINUTES.
      const [row]: Row[] = await this.db.query(
        `SELECT id, fingerprint, status, response_status, response_headers, response_body, owner = $5 AS mine,
                created_at < now() - make_interval(hours => $3)
                  OR (status = 'in_progress' AND created_at < now() - make_interval(mins => $4))
                  OR (status = 'in_progress' AND owner IS NOT NULL AND owner <> $5 AND NOT ${lockHeldSql(INSTANCE_LOCK_NS, 'owner')}) AS takeover
           FROM idempotency_keys WHERE principal = $1 AND key = $2`,
        [req.principal, req.key, KEY_TTL_HOURS, STALE_CLAIM_MINUTES, this.liveness.instanceKey],
      );
      if (!row) continue; // released or purged in between: try to claim again
      if (row.takeover || (row.mine && row.status === 'in_progress' && !this.inFlight.has(String(row.id)))) {
        // Expired (behaves as new) or abandoned by a process that died mid-request.
        await this.db.query(`DELETE FROM idempotency_keys WHERE id = $1`, [row.id]);
        continue;
      }
      if (row.fingerprint.trim() !== req.fingerprint) return { kind: 'mismatch' };
      if (row.status === 'in_progress') return { kind: 'in-progress' };
      return { kind: 'replay', response: { status: row.response_status!, headers: row.response_headers ?? {}, body: row.response_body } };
    }
    return { kind: 'in-progress' };
  }

  /** Stores the response to replay for this claim. */
  async complete(id: string, response: StoredResponse): Promise<void> {
    this.inFlight.delete(id);
    await this.db.query(
      `UPDATE idempotency_keys
          SET status = 'completed', response_status = $2, response_headers = $3, response_body = $4, completed_at = now()
        WHERE id = $1`,
      [id, response.status, JSON.stringify(response.headers), response.body === undefined ? null : JSON.stringify(response.body)],
    );
  }

  /** Forgets a claim (the request failed on our side), so the client can retry with the same key. */
  async release(id: string): Promise<void> {
    this.inFlight.delete(id);
    await this.db.query(`DELETE FROM idempotency_keys WHERE id = $1 AND status = 'in_progress'`, [id]);
  }

  /** Deletes keys older than the TTL; returns how many. Run daily by the purge job. */
  async purgeExpired(): Promise<number> {
    const [, count]: [unknown, number] = await this.db.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [KEY_TTL_HOURS],
    );
    if (count) this.logger.log(`Purged ${count} expired idempotency keys`);
    return count;
  }
}
