import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { hashPassword, passwordProblems, verifyPassword } from '../../core/auth/password';
import { Actor, ROLE_FOR_ORGANISATION_TYPE, Role } from '../../core/auth/roles';
import { SessionStore } from '../../core/auth/session.store';
import { hashToken, newToken } from '../../core/auth/tokens';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { conflict, DomainError, forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { ListQuery, Page, pagedQuery, Where } from '../../core/http/paging';
import { OutboxService } from '../mail/outbox.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { ClientMeta } from './auth.service';
import { InvitationPreview, InvitationView, MemberView } from './dto/identity.dto';

const INVITATION_TTL_DAYS = 7;

const ROLE_NAMES: Record<Role, string> = {
  practice_manager: 'practice manager',
  commissioner: 'commissioner',
  vendor: 'supplier user',
  operator: 'marketplace operator',
};

const invalidInvitation = () =>
  new DomainError(404, 'invalid-invitation', 'Invitation not valid', 'This invitation has expired, been used or been withdrawn. Ask for a new one.');

/**
 * Invitations and membership: an operator invites the first user of any organisation; an
 * organisation's administrators invite and manage their colleagues.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly sessions: SessionStore,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Operators manage any organisation; administrators their own. */
  private async manageable(actor: Actor, code: string) {
    const org = await this.organisations.requireVisible(actor, code);
    const own = org.id === actor.organisation.id;
    if (actor.role !== 'operator' && !(own && actor.isAdmin)) {
      throw forbidden('Only your organisation’s administrators can manage its users.');
    }
    return org;
  }

  async invite(actor: Actor, code: string, email: string, isAdmin: boolean, meta: ClientMeta): Promise<InvitationView> {
    const org = await this.manageable(actor, code);
    const role = ROLE_FOR_ORGANISATION_TYPE[org.type as keyof typeof ROLE_FOR_ORGANISATION_TYPE];
    if (!role) throw new DomainError(400, 'no-users-for-type', 'Cannot invite', `Users cannot belong to a ${org.type.replace('_', '-')} organisation.`);
    const [member] = await this.db.query(
      `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND lower(u.email) = lower($2)`,
      [org.id, email],
    );
    if (member) throw validationFailed([{ field: 'email', message: `${email} is already a member of ${org.name}` }]);
    const token = newToken();
    return this.db.transaction(async (m) => {
      // A new invitation replaces any earlier unused one for the same person and organisation.
      await m.query(
        `UPDATE invitations SET revoked_at = now() WHERE organisation_id = $1 AND lower(email) = lower($2) AND accepted_at IS NULL AND revoked_at IS NULL`,
        [org.id, email],
      );
      const [inv] = await m.query(
        `INSERT INTO invitations (email, organisation_id, role, is_admin, invited_by, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))
         RETURNING id, email, role, is_admin AS "isAdmin", created_at AS "createdAt", expires_at AS "expiresAt"`,
        [email, org.id, role, isAdmin, actor.userId, hashToken(token), INVITATION_TTL_DAYS],
      );
      await this.outbox.enqueue(
        {
          to: email,
          template: 'invitation',
          subject: `You have been invited to join ${org.name} on GP IT Marketplace`,
          text:
            `Hello,\n\n${actor.name} has invited you to use GP IT Marketplace as a ${ROLE_NAMES[role]} for ${org.name} (${org.code}).\n\n` +
            `Accept the invitation and set your password here (the link works for ${INVITATION_TTL_DAYS} days):\n${this.config.publicUrl}/invitations/${token}\n\n` +
            `If you were not expecting this, you can ignore this email.\n`,
        },
        m,
      );
      await this.audit.record(
        { action: 'invitation.created', actor, organisationId: org.id, objectType: 'invitation', objectId: inv.id, after: { email, organisation: org.code, role, isAdmin }, ip: meta.ip },
        m,
      );
      return inv;
    });
  }

  async pending(actor: Actor, code: string, query: ListQuery): Promise<Page<InvitationView>> {
    const org = await this.manageable(actor, code);
    return pagedQuery<InvitationView>(
      this.db,
      {
        select: `id, email, role, is_admin AS "isAdmin", created_at AS "createdAt", expires_at AS "expiresAt"`,
        from: 'invitations',
        where: new Where().add('organisation_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()', org.id),
        orderBy: 'created_at DESC, id',
      },
      query,
    );
  }

  private async findOpen(token: string) {
    const [inv] = await this.db.query(
      `SELECT i.id, i.email, i.role, i.is_admin, i.expires_at, i.organisation_id, o.code, o.name, o.type,
              u.id AS existing_user_id, u.password_hash AS existing_hash, u.status AS existing_status
         FROM invitations i JOIN organisations o ON o.id = i.organisation_id
         LEFT JOIN users u ON lower(u.email) = lower(i.email)
        WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()`,
      [hashToken(token)],
    );
    if (!inv) throw invalidInvitation();
    return inv;
  }

  async preview(token: string): Promise<InvitationPreview> {
    const inv = await this.findOpen(token);
    return {
      email: inv.email,
      role: inv.role,
      isAdmin: inv.is_admin,
      organisation: { code: inv.code, name: inv.name, type: inv.type },
      expiresAt: new Date(inv.expires_at).toISOString(),
      existingUser: Boolean(inv.existing_user_id && inv.existing_hash),
    };
  }

  /** Creates the user (or, for an existing account, checks its password) and the membership, then signs in. */
  async accept(token: string, name: string | undefined, password: string, meta: ClientMeta): Promise<{ token: string; expiresAt: Date }> {
    const inv = await this.findOpen(token);
    let userId: string = inv.existing_user_id;
    let newHash: string | null = null;
    if (userId && inv.existing_hash) {
      if (inv.existing_status !== 'active' || !(await verifyPassword(inv.existing_hash, password))) {
        throw validationFailed([{ field: 'password', message: 'Enter the password of your existing account' }]);
      }
    } else {
      const problems = passwordProblems(password, inv.email).map((message) => ({ field: 'password', message }));
      if (!name) problems.unshift({ field: 'name', message: 'Enter your full name' });
      if (problems.length) throw validationFailed(problems);
      newHash = await hashPassword(password);
    }
    return this.db.transaction(async (m) => {
      const [claimed] = await m.query(`UPDATE invitations SET accepted_at = now() WHERE id = $1 AND accepted_at IS NULL RETURNING id`, [inv.id]);
      if (!claimed.length) throw invalidInvitation();
      if (!userId) {
        const [u] = await m.query(`INSERT INTO users (email, name, password_hash, status) VALUES ($1, $2, $3, 'active') RETURNING id`, [inv.email, name, newHash]);
        userId = u.id;
      } else if (newHash) {
        await m.query(`UPDATE users SET name = $2, password_hash = $3, status = 'active', updated_at = now() WHERE id = $1`, [userId, name, newHash]);
      }
      const [membership] = await m.query(
        `INSERT INTO memberships (user_id, organisation_id, role, is_admin) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = EXCLUDED.role RETURNING id`,
        [userId, inv.organisation_id, inv.role, inv.is_admin],
      );
      const actorRef = { userId, email: inv.email };
      await this.audit.record(
        { action: 'invitation.accepted', actor: actorRef, organisationId: inv.organisation_id, objectType: 'invitation', objectId: inv.id, after: { membershipId: membership.id, role: inv.role, isAdmin: inv.is_admin }, ip: meta.ip },
        m,
      );
      const session = await this.sessions.create(userId, membership.id, meta, m);
      await m.query(`UPDATE users SET last_sign_in_at = now() WHERE id = $1`, [userId]);
      await this.audit.record({ action: 'auth.sign-in', actor: actorRef, organisationId: inv.organisation_id, objectType: 'session', objectId: session.sessionId, after: { via: 'invitation' }, ip: meta.ip }, m);
      return { token: session.token, expiresAt: session.expiresAt };
    });
  }

  async members(actor: Actor, code: string, query: ListQuery): Promise<Page<MemberView>> {
    const org = await this.manageable(actor, code);
    return pagedQuery<MemberView>(
      this.db,
      {
        select: `u.id AS "userId", u.email, u.name, m.role, m.is_admin AS "isAdmin", u.status, u.last_sign_in_at AS "lastSignInAt"`,
        from: 'memberships m JOIN users u ON u.id = m.user_id',
        where: new Where().add('m.organisation_id = ?', org.id),
        orderBy: 'u.name, u.email',
      },
      query,
    );
  }

  /** A role change: grant or remove administration of the organisation. */
  async updateMember(actor: Actor, code: string, userId: string, isAdmin: boolean, meta: ClientMeta): Promise<MemberView> {
    const org = await this.manageable(actor, code);
    return this.db.transaction(async (m) => {
      const [before] = await m.query(`SELECT id, role, is_admin FROM memberships WHERE organisation_id = $1 AND user_id = $2 FOR UPDATE`, [org.id, userId]);
      if (!before) throw notFound('Member', userId);
      if (before.is_admin && !isAdmin) {
        const [{ admins }] = await m.query(`SELECT count(*)::int AS admins FROM memberships WHERE organisation_id = $1 AND is_admin`, [org.id]);
        if (admins <= 1) throw conflict('last-admin', 'An organisation must keep at least one administrator.');
      }
      await m.query(`UPDATE memberships SET is_admin = $2 WHERE id = $1`, [before.id, isAdmin]);
      await this.audit.record(
        {
          action: 'membership.role-changed',
          actor,
          organisationId: org.id,
          objectType: 'membership',
          objectId: before.id,
          before: { userId, role: before.role, isAdmin: before.is_admin },
          after: { userId, role: before.role, isAdmin },
          ip: meta.ip,
        },
        m,
      );
      const [member] = await m.query(
        `SELECT u.id AS "userId", u.email, u.name, m.role, m.is_admin AS "isAdmin", u.status, u.last_sign_in_at AS "lastSignInAt"
           FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.id = $1`,
        [before.id],
      );
      return member;
    });
  }
}
