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
    await manager.query(
      `INSERT INTO audit_events (actor_user_id, actor_email, organisation_id, action, object_type, object_id, before, after, request_id, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        event.actor?.userId ?? null,
        event.actor?.email ?? event.actorEmail ?? null,
        event.organisationId ?? event.actor?.organisation?.id ?? null,
        event.action,
        event.objectType ?? null,
        event.objectId ?? null,
        event.before === undefined ? null : JSON.stringify(event.before),
        event.after === undefined ? null : JSON.stringify(event.after),
        requestContext.getStore()?.requestId ?? null,
        event.ip ?? null,
      ],
    );
  }
}
