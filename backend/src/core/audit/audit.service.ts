import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { requestContext } from '../logging/logger';
import type { Actor } from '../auth/roles';

export interface AuditInput {
  action: string;
  actor?: Pick<Actor, 'userId' | 'email'> & { organisation?: { id: string } } | null;
  /** For events without a signed-in actor (a failed sign-in names the email tried). */
  actorEmail?: string | null;
  organisationId?: string | null;
  objectType?: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Append-only audit trail. Pass the transaction's manager so the event commits with the change. */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  async record(event: AuditInput, manager: EntityManager = this.db.manager): Promise<void> {
    await this.recordAll([event], manager);
  }

  /** Several events in one statement (in order), e.g. an order completed and the contract it created. */
  async recordAll(events: AuditInput[], manager: EntityManager = this.db.manager): Promise<void> {
    if (!events.length) return;
    const requestId = requestContext.getStore()?.requestId ?? null;
    const values: unknown[] = [];
    const rows = events.map((event) => {
      const row = [
        event.actor?.userId ?? null,
        event.actor?.email ?? event.actorEmail ?? null,
        event.organisationId ?? event.actor?.organisation?.id ?? null,
        event.action,
        event.objectType ?? null,
        event.objectId ?? null,
        event.before === undefined ? null : JSON.stringify(event.before),
        event.after === undefined ? null : JSON.stringify(event.after),
        requestId,
        event.ip ?? null,
      ];
      const start = values.length;
      values.push(...row);
      return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await manager.query(
      `INSERT INTO audit_events (actor_user_id, actor_email, organisation_id, action, object_type, object_id, before, after, request_id, ip)
       VALUES ${rows.join(', ')}`,
      values,
    );
  }
}
