import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { Actor } from './roles';
import { hashToken, newToken } from './tokens';

/** Sessions live in PostgreSQL so any API replica can serve any request and sign-out is immediate. */
@Injectable()
export class SessionStore {
  constructor(private readonly db: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async create(userId: string, membershipId: string, meta: { ip?: string; userAgent?: string }, runner = this.db.manager) {
    const token = newToken();
    const csrfToken = newToken();
    const [row] = await runner.query(
      `INSERT INTO sessions (token_hash, user_id, membership_id, csrf_token, ip, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7)) RETURNING id, expires_at`,
      [hashToken(token), userId, membershipId, csrfToken, meta.ip ?? null, meta.userAgent?.slice(0, 500) ?? null, this.config.sessionTtlHours],
    );
    return { token, sessionId: row.id as string, expiresAt: row.expires_at as Date };
  }

  /** The actor behind a cookie value, or null when the session is unknown, expired, revoked or the user disabled. */
  async resolve(token: string): Promise<Actor | null> {
    if (!token || token.length > 100) return null;
    const rows = await this.db.query(
      `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at,
              u.id AS user_id, u.email, u.name,
              m.id AS membership_id, m.role, m.is_admin,
              o.id AS org_id, o.code, o.type, o.name AS org_name, o.icb_code, o.sub_icb_code
         FROM sessions s
         JOIN users u ON u.id = s.user_id AND u.status = 'active'
         JOIN memberships m ON m.id = s.membership_id
         JOIN organisations o ON o.id = m.organisation_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [hashToken(token)],
    );
    const r = rows[0];
    if (!r) return null;
    // Touch at most once a minute: enough for "last seen" without a write per request.
    if (Date.now() - new Date(r.last_seen_at).getTime() > 60_000) {
      await this.db.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [r.session_id]);
    }
    return {
      userId: r.user_id,
      email: r.email,
      name: r.name,
      sessionId: r.session_id,
      csrfToken: r.csrf_token,
      membershipId: r.membership_id,
      role: r.role,
      isAdmin: r.is_admin,
      organisation: { id: r.org_id, code: r.code, type: r.type, name: r.org_name, icbCode: r.icb_code, subIcbCode: r.sub_icb_code },
    };
  }

  async revoke(sessionId: string) {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  async revokeAllForUser(userId: string, runner = this.db.manager) {
    await runner.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  async switchMembership(sessionId: string, membershipId: string) {
    await this.db.query(`UPDATE sessions SET membership_id = $2 WHERE id = $1`, [sessionId, membershipId]);
  }
}
