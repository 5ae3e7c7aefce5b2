import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { hashPassword, passwordProblems } from '../../core/auth/password';
import { RateLimitService } from '../../core/auth/rate-limit.service';
import type { Actor } from '../../core/auth/roles';
import { hashToken, newToken } from '../../core/auth/tokens';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { conflict, DomainError, FieldError, notFound, validationFailed } from '../../core/errors/domain-error';
import { OutboxService } from '../mail/outbox.service';
import type { ClientMeta } from '../identity/auth.service';
import { companyNumberProblem, normaliseCompanyNumber } from './companies-house';
import { MergeResult, OnboardedSupplierView, RegisterSupplierRequest, RegistrationAccepted, RegistrationVerified } from './dto/onboarding.dto';

const VERIFICATION_TTL_HOURS = 24;
const REGISTRATIONS_PER_IP_PER_HOUR = 10;

const invalidRegistration = () =>
  new DomainError(404, 'invalid-registration', 'Confirmation link not valid', 'This link has expired or has already been used. Register again to get a new one.');

const ACCEPTED: RegistrationAccepted = {
  message: `Check your email: we have sent a link to confirm your address. It works for ${VERIFICATION_TTL_HOURS} hours.`,
};

/** Emails of a supplier's active users, for the outbox. */
export async function supplierEmails(m: Pick<EntityManager, 'query'>, supplierId: string): Promise<string[]> {
  const rows = await m.query(
    `SELECT DISTINCT u.email FROM memberships ms JOIN users u ON u.id = ms.user_id WHERE ms.organisation_id = $1 AND ms.role = 'vendor' AND u.status = 'active' ORDER BY u.email`,
    [supplierId],
  );
  return rows.map((r: { email: string }) => r.email);
}

/**
 * Vendor self-registration (public): a pending registration and an emailed link; following the
 * link creates the supplier organisation and its first user (an administrator) in one transaction.
 * The password is chosen at registration and stored only as its hash, like every other password.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly rateLimits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(body: RegisterSupplierRequest, meta: ClientMeta): Promise<RegistrationAccepted> {
    const key = `registration:ip:${meta.ip ?? 'unknown'}`;
    const wait = await this.rateLimits.retryAfter(key, REGISTRATIONS_PER_IP_PER_HOUR, 60);
    if (wait) {
      throw new DomainError(429, 'too-many-attempts', 'Too many registrations', `Too many registrations from your network. Try again in ${Math.ceil(wait / 60)} minutes.`, undefined, { 'Retry-After': String(wait) });
    }
    const number = normaliseCompanyNumber(body.companiesHouseNumber);
    const errors: FieldError[] = [];
    const numberProblem = companyNumberProblem(number);
    if (numberProblem) errors.push({ field: 'companiesHouseNumber', message: numberProblem });
    errors.push(...passwordProblems(body.password, body.email).map((message) => ({ field: 'password', message })));
    if (errors.length) throw validationFailed(errors);
    await this.rateLimits.hit(key, 60);

    const [existing] = await this.db.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [body.email]);
    // The same answer either way, so registration cannot be used to find accounts.
    if (existing) {
      await this.outbox.enqueue({
        to: body.email,
        template: 'supplier-registration-existing',
        subject: 'Your GP IT Marketplace registration',
        text: `Hello,\n\nSomeone tried to register ${body.companyName} on GP IT Marketplace with this email address, which already has an account.\n\nSign in at ${this.config.publicUrl}/sign-in, or reset your password there if you have forgotten it.\n\nIf this was not you, you can ignore this email.\n`,
      });
      return ACCEPTED;
    }
    const token = newToken();
    const passwordHash = await hashPassword(body.password);
    const address = { line1: body.registeredAddress.line1, ...(body.registeredAddress.line2 ? { line2: body.registeredAddress.line2 } : {}), town: body.registeredAddress.town, postcode: body.registeredAddress.postcode.toUpperCase() };
    await this.db.transaction(async (m) => {
      const [reg] = await m.query(
        `INSERT INTO supplier_registrations (company_name, companies_house_number, address, contact_name, email, password_hash, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(hours => $8)) RETURNING id`,
        [body.companyName, number, JSON.stringify(address), body.contactName, body.email, passwordHash, hashToken(token), VERIFICATION_TTL_HOURS],
      );
      await this.outbox.enqueue(
        {
          to: body.email,
          template: 'supplier-registration',
          subject: 'Confirm your email to finish registering on GP IT Marketplace',
          text:
            `Hello ${body.contactName},\n\nThank you for registering ${body.companyName} (Companies House ${number}) on GP IT Marketplace.\n\n` +
            `Confirm your email address to create your supplier account (the link works for ${VERIFICATION_TTL_HOURS} hours):\n${this.config.publicUrl}/supplier-registration/confirm/${token}\n\n` +
            `If you did not register, you can ignore this email.\n`,
        },
        m,
      );
      await this.audit.record(
        { action: 'supplier-registration.created', actorEmail: body.email, objectType: 'supplier_registration', objectId: reg.id, after: { companyName: body.companyName, companiesHouseNumber: number }, ip: meta.ip },
        m,
      );
    });
    return ACCEPTED;
  }

  async verify(token: string, meta: ClientMeta): Promise<RegistrationVerified> {
    return this.db.transaction(async (m) => {
      const [reg] = await m.query(
        `SELECT * FROM supplier_registrations WHERE token_hash = $1 AND verified_at IS NULL AND expires_at > now() FOR UPDATE`,
        [hashToken(token)],
      );
      if (!reg) throw invalidRegistration();
      const [user] = await m.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [reg.email]);
      if (user) throw conflict('email-in-use', 'An account with this email already exists. Sign in instead, or register with another email.');
      // Supplier codes are the next 5-digit number: catalogue item ids are built from them.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('supplier-code'))`);
      const [{ code }] = await m.query(
        `SELECT lpad((greatest(coalesce(max(code::int), 0), 9999) + 1)::text, 5, '0') AS code FROM organisations WHERE code ~ '^[0-9]{5}$'`,
      );
      const [org] = await m.query(
        `INSERT INTO organisations (code, type, name, address_line_1, address_line_2, town, postcode, status)
         VALUES ($1, 'supplier', $2, $3, $4, $5, $6, 'active') RETURNING id`,
        [code, reg.company_name, reg.address.line1, reg.address.line2 ?? null, reg.address.town, reg.address.postcode],
      );
      await m.query(
        `INSERT INTO suppliers (organisation_id, legal_name, companies_house_number, address, contacts) VALUES ($1, $2, $3, $4, $5)`,
        [org.id, reg.company_name, reg.companies_house_number, JSON.stringify(reg.address), JSON.stringify([{ name: reg.contact_name, email: reg.email }])],
      );
      const [u] = await m.query(`INSERT INTO users (email, name, password_hash, status) VALUES ($1, $2, $3, 'active') RETURNING id`, [reg.email, reg.contact_name, reg.password_hash]);
      await m.query(`INSERT INTO memberships (user_id, organisation_id, role, is_admin) VALUES ($1, $2, 'vendor', true)`, [u.id, org.id]);
      await m.query(`UPDATE supplier_registrations SET verified_at = now(), organisation_id = $2 WHERE id = $1`, [reg.id, org.id]);
      const duplicates = await m.query(
        `SELECT o.code FROM suppliers s JOIN organisations o ON o.id = s.organisation_id WHERE s.companies_house_number = $1 AND o.id <> $2 ORDER BY o.code`,
        [reg.companies_house_number, org.id],
      );
      await this.audit.record(
        {
          action: 'supplier.registered',
          actor: { userId: u.id, email: reg.email },
          organisationId: org.id,
          objectType: 'organisation',
          objectId: code,
          after: { code, name: reg.company_name, companiesHouseNumber: reg.companies_house_number, possibleDuplicates: duplicates.map((d: { code: string }) => d.code) },
          ip: meta.ip,
        },
        m,
      );
      await this.outbox.enqueue(
        {
          to: reg.email,
          template: 'supplier-registered',
          subject: `${reg.company_name} is registered on GP IT Marketplace`,
          text: `Hello ${reg.contact_name},\n\nYour email is confirmed and ${reg.company_name} now has a supplier account (supplier ${code}).\n\nSign in at ${this.config.publicUrl}/sign-in to apply to open frameworks and to invite colleagues.\n`,
        },
        m,
      );
      return { organisationCode: code, organisationName: reg.company_name, email: reg.email };
    });
  }

  /** Suppliers for the operator, with others sharing their Companies House number flagged. */
  async suppliers(): Promise<OnboardedSupplierView[]> {
    const rows = await this.db.query(
      `SELECT o.code, o.name, s.companies_house_number, o.status, m.code AS merged_into,
              (SELECT count(*)::int FROM memberships ms WHERE ms.organisation_id = o.id) AS users,
              (SELECT min(r.verified_at) FROM supplier_registrations r WHERE r.organisation_id = o.id) AS registered_at,
              coalesce((SELECT array_agg(o2.code ORDER BY o2.code) FROM suppliers s2 JOIN organisations o2 ON o2.id = s2.organisation_id
                         WHERE s2.companies_house_number = s.companies_house_number AND o2.id <> o.id AND s2.merged_into IS NULL), '{}') AS duplicates
         FROM organisations o LEFT JOIN suppliers s ON s.organisation_id = o.id LEFT JOIN organisations m ON m.id = s.merged_into
        WHERE o.type = 'supplier'
        ORDER BY (SELECT min(r.verified_at) FROM supplier_registrations r WHERE r.organisation_id = o.id) DESC NULLS LAST, o.code`,
    );
    return rows.map((r: any) => ({
      code: r.code,
      name: r.name,
      companiesHouseNumber: r.companies_house_number ?? null,
      status: r.status,
      users: r.users,
      registeredAt: r.registered_at ? new Date(r.registered_at).toISOString() : null,
      possibleDuplicates: r.duplicates,
      mergedInto: r.merged_into ?? null,
    }));
  }

  private async lockSupplier(m: EntityManager, code: string) {
    const [org] = await m.query(`SELECT o.id, o.code, o.name, o.status FROM organisations o WHERE o.code = $1 AND o.type = 'supplier' FOR UPDATE`, [code]);
    if (!org) throw notFound('Supplier', code);
    return org;
  }

  /** Suspending hides the supplier, disables users who belong to no other organisation and ends their sessions. */
  async suspend(actor: Actor, code: string, reason: string, meta: ClientMeta): Promise<OnboardedSupplierView> {
    await this.db.transaction(async (m) => {
      const org = await this.lockSupplier(m, code);
      if (org.status === 'inactive') throw conflict('already-suspended', `${org.name} is already suspended.`);
      await m.query(`UPDATE organisations SET status = 'inactive', updated_at = now() WHERE id = $1`, [org.id]);
      const disabled = await m.query(
        `UPDATE users u SET status = 'disabled', updated_at = now()
          WHERE u.status = 'active' AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.user_id = u.id AND ms.organisation_id = $1)
            AND NOT EXISTS (SELECT 1 FROM memberships ms WHERE ms.user_id = u.id AND ms.organisation_id <> $1)
          RETURNING u.id`,
        [org.id],
      );
      await m.query(`UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL AND membership_id IN (SELECT id FROM memberships WHERE organisation_id = $1)`, [org.id]);
      await this.audit.record(
        { action: 'supplier.suspended', actor, organisationId: org.id, objectType: 'organisation', objectId: code, before: { status: org.status }, after: { status: 'inactive', reason, usersDisabled: disabled[0].length }, ip: meta.ip },
        m,
      );
    });
    return (await this.suppliers()).find((s) => s.code === code)!;
  }

  /**
   * Merges a duplicate into the supplier to keep: memberships, catalogue items, applications,
   * interest and framework places move; the duplicate is suspended and marked as merged.
   */
  async merge(actor: Actor, code: string, intoCode: string, reason: string, meta: ClientMeta): Promise<MergeResult> {
    if (code === intoCode) throw validationFailed([{ field: 'intoCode', message: 'Choose a different supplier to merge into' }]);
    const [target] = await this.db.query(`SELECT 1 FROM organisations WHERE code = $1 AND type = 'supplier'`, [intoCode]);
    if (!target) throw validationFailed([{ field: 'intoCode', message: `There is no supplier ${intoCode}` }]);
    return this.db.transaction(async (m) => {
      const [a, b] = code < intoCode ? [code, intoCode] : [intoCode, code];
      const first = await this.lockSupplier(m, a);
      const second = await this.lockSupplier(m, b);
      const from = first.code === code ? first : second;
      const into = first.code === code ? second : first;
      if (into.status !== 'active') throw validationFailed([{ field: 'intoCode', message: `${into.name} is suspended; merge into an active supplier` }]);
      const count = async (sql: string) => (await m.query(sql, [from.id]))[0].n as number;
      const before = {
        from: { code: from.code, status: from.status, users: await count(`SELECT count(*)::int AS n FROM memberships WHERE organisation_id = $1`), items: await count(`SELECT count(*)::int AS n FROM catalogue_items WHERE supplier_id = $1`) },
        into: { code: into.code },
      };
      const [conflicting] = await m.query(
        `SELECT f.framework_id FROM framework_applications f WHERE f.supplier_id = $1 AND EXISTS (SELECT 1 FROM framework_applications g WHERE g.supplier_id = $2 AND g.framework_id = f.framework_id) LIMIT 1`,
        [from.id, into.id],
      );
      if (conflicting) throw conflict('both-applied', `Both suppliers have applied to ${conflicting.framework_id}; withdraw one application before merging.`);
      const users = await m.query(
        `INSERT INTO memberships (user_id, organisation_id, role, is_admin) SELECT user_id, $2, role, is_admin FROM memberships WHERE organisation_id = $1
         ON CONFLICT (user_id, organisation_id) DO NOTHING RETURNING id`,
        [from.id, into.id],
      );
      await m.query(`UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL AND membership_id IN (SELECT id FROM memberships WHERE organisation_id = $1)`, [from.id]);
      await m.query(`DELETE FROM memberships WHERE organisation_id = $1`, [from.id]);
      const items = await m.query(`UPDATE catalogue_items SET supplier_id = $2, updated_at = now() WHERE supplier_id = $1 RETURNING id`, [from.id, into.id]);
      for (const it of items[0] ?? []) await m.query(`SELECT refresh_catalogue_search($1)`, [it.id]);
      await m.query(`UPDATE framework_applications SET supplier_id = $2, updated_at = now() WHERE supplier_id = $1`, [from.id, into.id]);
      await m.query(`UPDATE framework_agreements SET supplier_id = $2 WHERE supplier_id = $1`, [from.id, into.id]);
      await m.query(`UPDATE framework_clarifications SET supplier_id = $2 WHERE supplier_id = $1`, [from.id, into.id]);
      await m.query(`INSERT INTO framework_interest (framework_id, supplier_id, registered_by, registered_at) SELECT framework_id, $2, registered_by, registered_at FROM framework_interest WHERE supplier_id = $1 ON CONFLICT DO NOTHING`, [from.id, into.id]);
      await m.query(`DELETE FROM framework_interest WHERE supplier_id = $1`, [from.id]);
      await m.query(`INSERT INTO supplier_frameworks (supplier_id, framework_id, via, since) SELECT $2, framework_id, via, since FROM supplier_frameworks WHERE supplier_id = $1 ON CONFLICT DO NOTHING`, [from.id, into.id]);
      await m.query(`DELETE FROM supplier_frameworks WHERE supplier_id = $1`, [from.id]);
      await m.query(`UPDATE organisations SET status = 'inactive', updated_at = now() WHERE id = $1`, [from.id]);
      await m.query(
        `INSERT INTO suppliers (organisation_id, merged_into) VALUES ($1, $2) ON CONFLICT (organisation_id) DO UPDATE SET merged_into = $2, updated_at = now()`,
        [from.id, into.id],
      );
      const itemIds = (items[0] ?? []).map((i: { id: string }) => i.id);
      const result = { from: from.code, into: into.code, usersMoved: (users as unknown[]).length, itemsMoved: itemIds.length };
      await this.audit.record(
        { action: 'supplier.merged', actor, organisationId: into.id, objectType: 'organisation', objectId: from.code, before, after: { ...result, itemIds, reason, status: 'inactive' }, ip: meta.ip },
        m,
      );
      return result;
    });
  }
}
