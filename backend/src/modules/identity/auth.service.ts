import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { hashPassword, passwordProblems, verifyPassword } from '../../core/auth/password';
import { RateLimitService } from '../../core/auth/rate-limit.service';
import type { Actor } from '../../core/auth/roles';
import { SessionStore } from '../../core/auth/session.store';
import { hashToken, newToken } from '../../core/auth/tokens';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { DomainError, validationFailed } from '../../core/errors/domain-error';
import { OutboxService } from '../mail/outbox.service';
import { MembershipView, SessionView } from './dto/identity.dto';

export interface ClientMeta {
  ip?: string;
  userAgent?: string;
}

const RESET_TTL_MINUTES = 60;
const RESET_REQUESTS_PER_HOUR = 5;

const invalidCredentials = () =>
  new DomainError(401, 'invalid-credentials', 'Sign-in failed', 'The email address or password is not correct.');

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionStore,
    private readonly rateLimits: RateLimitService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Email + password sign-in. Failures count per client IP (throttled after a limit per window)
   * and per account (locked for lockoutMinutes after lockoutThreshold failures in a row).
   */
  async signIn(email: string, password: string, meta: ClientMeta): Promise<{ token: string; session: SessionView }> {
    const ipKey = `sign-in:ip:${meta.ip ?? 'unknown'}`;
    const ipWait = await this.rateLimits.retryAfter(ipKey, this.config.ipSignInLimit, this.config.ipSignInWindowMinutes);
    if (ipWait) {
      await this.audit.record({ action: 'auth.sign-in.failed', actorEmail: email, objectType: 'user', after: { reason: 'ip-throttled' }, ip: meta.ip });
      throw new DomainError(429, 'too-many-attempts', 'Too many sign-in attempts', `Too many failed sign-ins from your network. Try again in ${Math.ceil(ipWait / 60)} minutes.`, undefined, {
        'Retry-After': String(ipWait),
      });
    }

    const [user] = await this.db.query(
      `SELECT id, email, password_hash, status, locked_until,
              GREATEST(0, ceil(extract(epoch FROM locked_until - now())))::int AS locked_seconds
         FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    if (user && user.locked_seconds > 0) {
      await this.audit.record({ action: 'auth.sign-in.failed', actor: { userId: user.id, email: user.email }, objectType: 'user', objectId: user.id, after: { reason: 'locked' }, ip: meta.ip });
      throw this.lockedError(user.locked_seconds);
    }

    const ok = (await verifyPassword(user?.password_hash, password)) && user?.status === 'active';
    if (!ok) {
      await this.rateLimits.hit(ipKey, this.config.ipSignInWindowMinutes);
      if (!user) {
        await this.audit.record({ action: 'auth.sign-in.failed', actorEmail: email, objectType: 'user', after: { reason: 'unknown-email' }, ip: meta.ip });
        throw invalidCredentials();
      }
      const [counted] = await this.db.query(
        `UPDATE users SET
           failed_sign_in_count = CASE WHEN failed_sign_in_count + 1 >= $2 THEN 0 ELSE failed_sign_in_count + 1 END,
           locked_until = CASE WHEN failed_sign_in_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1 RETURNING locked_until > now() AS locked`,
        [user.id, this.config.lockoutThreshold, this.config.lockoutMinutes],
      );
      // TypeORM returns [rows, rowCount] for UPDATE … RETURNING.
      const locked = Boolean(counted?.[0]?.locked);
      await this.audit.record({ action: 'auth.sign-in.failed', actor: { userId: user.id, email: user.email }, objectType: 'user', objectId: user.id, after: { reason: user.status === 'active' ? 'wrong-password' : `account-${user.status}` }, ip: meta.ip });
      if (locked) {
        await this.audit.record({ action: 'auth.account-locked', actor: { userId: user.id, email: user.email }, objectType: 'user', objectId: user.id, after: { lockedForMinutes: this.config.lockoutMinutes }, ip: meta.ip });
      }
      throw invalidCredentials();
    }

    const memberships = await this.memberships(user.id);
    if (!memberships.length) {
      throw new DomainError(403, 'no-organisation', 'No organisation', 'Your account is not linked to an organisation. Ask your organisation administrator to invite you again.');
    }
    const result = await this.db.transaction(async (m) => {
      await m.query(`UPDATE users SET failed_sign_in_count = 0, locked_until = NULL, last_sign_in_at = now() WHERE id = $1`, [user.id]);
      const created = await this.sessions.create(user.id, memberships[0].id, meta, m);
      await this.audit.record(
        { action: 'auth.sign-in', actor: { userId: user.id, email: user.email }, organisationId: memberships[0].organisation.id, objectType: 'session', objectId: created.sessionId, ip: meta.ip },
        m,
      );
      return created;
    });
    const actor = await this.sessions.resolve(result.token);
    return { token: result.token, session: await this.view(actor!, result.expiresAt) };
  }

  private lockedError(seconds: number) {
    const minutes = Math.ceil(seconds / 60);
    return new DomainError(
      423,
      'account-locked',
      'Account locked',
      `This account is locked after too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`,
      undefined,
      { 'Retry-After': String(seconds) },
    );
  }

  async signOut(actor: Actor, meta: ClientMeta) {
    await this.sessions.revoke(actor.sessionId);
    await this.audit.record({ action: 'auth.sign-out', actor, objectType: 'session', objectId: actor.sessionId, ip: meta.ip });
  }

  async memberships(userId: string): Promise<MembershipView[]> {
    const rows = await this.db.query(
      `SELECT m.id, m.role, m.is_admin, o.id AS org_id, o.code, o.type, o.name
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = $1 ORDER BY m.created_at, o.name`,
      [userId],
    );
    return rows.map((r: any) => ({ id: r.id, role: r.role, isAdmin: r.is_admin, organisation: { id: r.org_id, code: r.code, type: r.type, name: r.name } }));
  }

  async view(actor: Actor, expiresAt?: Date): Promise<SessionView> {
    if (!expiresAt) {
      const [s] = await this.db.query(`SELECT expires_at FROM sessions WHERE id = $1`, [actor.sessionId]);
      expiresAt = s.expires_at;
    }
    return {
      user: { id: actor.userId, email: actor.email, name: actor.name },
      role: actor.role,
      isAdmin: actor.isAdmin,
      organisation: { id: actor.organisation.id, code: actor.organisation.code, type: actor.organisation.type, name: actor.organisation.name },
      memberships: await this.memberships(actor.userId),
      csrfToken: actor.csrfToken,
      expiresAt: new Date(expiresAt!).toISOString(),
    };
  }

  async switchMembership(actor: Actor, membershipId: string, meta: ClientMeta): Promise<SessionView> {
    const memberships = await this.memberships(actor.userId);
    const target = memberships.find((m) => m.id === membershipId);
    if (!target) throw validationFailed([{ field: 'membershipId', message: 'You are not a member of that organisation' }]);
    await this.sessions.switchMembership(actor.sessionId, membershipId);
    await this.audit.record({
      action: 'auth.organisation-switched',
      actor,
      organisationId: target.organisation.id,
      objectType: 'session',
      objectId: actor.sessionId,
      before: { organisation: actor.organisation.code, role: actor.role },
      after: { organisation: target.organisation.code, role: target.role },
      ip: meta.ip,
    });
    return this.view({ ...actor, membershipId, role: target.role, isAdmin: target.isAdmin, organisation: { ...actor.organisation, ...target.organisation, icbCode: null, subIcbCode: null } });
  }

  /** Always succeeds from the caller's point of view, so it cannot be used to find accounts. */
  async requestPasswordReset(email: string, meta: ClientMeta): Promise<void> {
    // Per client IP too, so one client cannot mail reset links to a whole list of addresses.
    const ipKey = `password-reset:ip:${meta.ip ?? 'unknown'}`;
    await this.refuseIfThrottled(ipKey, 'Too many password reset requests from your network.');
    await this.rateLimits.hit(ipKey, this.config.ipSignInWindowMinutes);
    const hits = await this.rateLimits.hit(`password-reset:${email.toLowerCase()}`, 60);
    if (hits > RESET_REQUESTS_PER_HOUR) return;
    const [user] = await this.db.query(`SELECT id, email, name FROM users WHERE lower(email) = lower($1) AND status = 'active'`, [email]);
    if (!user) return;
    const token = newToken();
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [user.id]);
      await m.query(
        `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
        [user.id, hashToken(token), RESET_TTL_MINUTES],
      );
      await this.outbox.enqueue(
        {
          to: user.email,
          template: 'password-reset',
          subject: 'Reset your GP IT Marketplace password',
          text:
            `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset the password for your GP IT Marketplace account.\n\n` +
            `Choose a new password here (the link works once, for ${RESET_TTL_MINUTES} minutes):\n${this.config.publicUrl}/reset-password/${token}\n\n` +
            `If you did not ask for this, you can ignore this email; your password has not changed.\n`,
        },
        m,
      );
      await this.audit.record({ action: 'auth.password-reset.requested', actor: { userId: user.id, email: user.email }, objectType: 'user', objectId: user.id, ip: meta.ip }, m);
    });
  }

  async confirmPasswordReset(token: string, password: string, meta: ClientMeta): Promise<void> {
    const [row] = await this.db.query(
      `SELECT t.id, u.id AS user_id, u.email FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.status = 'active'`,
      [hashToken(token)],
    );
    const ipKey = `password-reset-confirm:ip:${meta.ip ?? 'unknown'}`;
    await this.refuseIfThrottled(ipKey, 'Too many attempts with password reset links from your network.');
    if (!row) {
      await this.rateLimits.hit(ipKey, this.config.ipSignInWindowMinutes);
      throw new DomainError(400, 'invalid-token', 'Link not valid', 'This password reset link has expired or has already been used. Ask for a new one.');
    }
    const problems = passwordProblems(password, row.email);
    if (problems.length) throw validationFailed(problems.map((message) => ({ field: 'password', message })));
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (m) => {
      const [used] = await m.query(`UPDATE password_reset_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id`, [row.id]);
      if (!used.length) throw new DomainError(400, 'invalid-token', 'Link not valid', 'This password reset link has already been used.');
      await m.query(`UPDATE users SET password_hash = $2, failed_sign_in_count = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [row.user_id, passwordHash]);
      // A reset is often a response to a compromise: end every existing session.
      await this.sessions.revokeAllForUser(row.user_id, m);
      await this.audit.record({ action: 'auth.password-reset.completed', actor: { userId: row.user_id, email: row.email }, objectType: 'user', objectId: row.user_id, ip: meta.ip }, m);
    });
  }

  /** 429 with Retry-After once `key` has used up the per-IP allowance (IP_SIGN_IN_LIMIT per IP_SIGN_IN_WINDOW_MINUTES). */
  private async refuseIfThrottled(key: string, detail: string): Promise<void> {
    const wait = await this.rateLimits.retryAfter(key, this.config.ipSignInLimit, this.config.ipSignInWindowMinutes);
    if (wait) {
      throw new DomainError(429, 'too-many-attempts', 'Too many attempts', `${detail} Try again in ${Math.ceil(wait / 60)} minutes.`, undefined, { 'Retry-After': String(wait) });
    }
  }
}
