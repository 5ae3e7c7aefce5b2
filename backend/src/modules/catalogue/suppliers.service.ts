import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { forbidden, notFound } from '../../core/errors/domain-error';
import { SupplierProfile, UpdateSupplierRequest } from './dto/supplier.dto';

const PROFILE_SQL = `
  SELECT o.id, o.code, o.name, s.legal_name, s.companies_house_number, s.summary, s.website,
         s.address, s.contacts, s.updated_at
    FROM organisations o LEFT JOIN suppliers s ON s.organisation_id = o.id
   WHERE o.code = $1 AND o.type = 'supplier'`;

function view(r: any): SupplierProfile {
  const address = r.address && Object.keys(r.address).length ? r.address : null;
  return {
    code: r.code,
    name: r.name,
    legalName: r.legal_name ?? null,
    companiesHouseNumber: r.companies_house_number ?? null,
    summary: r.summary ?? null,
    website: r.website ?? null,
    address,
    contacts: r.contacts ?? [],
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
  };
}

/** Suppliers' profiles. Edits apply directly (audited); they are not moderated. */
@Injectable()
export class SuppliersService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The public profile of an active supplier. */
  async publicProfile(code: string): Promise<SupplierProfile> {
    const [r] = await this.db.query(`${PROFILE_SQL} AND o.status = 'active'`, [code]);
    if (!r) throw notFound('Supplier', code);
    return view(r);
  }

  async ownProfile(actor: Actor): Promise<SupplierProfile> {
    if (actor.organisation.type !== 'supplier') throw forbidden('Only suppliers have a supplier profile.');
    const [r] = await this.db.query(PROFILE_SQL, [actor.organisation.code]);
    if (!r) throw notFound('Supplier', actor.organisation.code);
    return view(r);
  }

  async update(actor: Actor, body: UpdateSupplierRequest): Promise<SupplierProfile> {
    if (actor.organisation.type !== 'supplier') throw forbidden('Only suppliers have a supplier profile.');
    return this.db.transaction(async (m: EntityManager) => {
      const [row] = await m.query(`${PROFILE_SQL} FOR UPDATE OF o`, [actor.organisation.code]);
      if (!row) throw notFound('Supplier', actor.organisation.code);
      const before = view(row);
      await m.query(
        `INSERT INTO suppliers (organisation_id, legal_name, companies_house_number, summary, website, address, contacts, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (organisation_id) DO UPDATE SET legal_name = $2, companies_house_number = $3, summary = $4, website = $5,
           address = $6, contacts = $7, updated_at = now()`,
        [
          row.id,
          body.legalName ?? null,
          body.companiesHouseNumber ?? null,
          body.summary ?? null,
          body.website ?? null,
          JSON.stringify(body.address ?? {}),
          JSON.stringify(body.contacts ?? []),
        ],
      );
      const [updated] = await m.query(PROFILE_SQL, [actor.organisation.code]);
      const after = view(updated);
      const strip = ({ updatedAt: _u, ...rest }: SupplierProfile) => rest;
      await this.audit.record({ action: 'supplier.updated', actor, objectType: 'supplier', objectId: actor.organisation.code, before: strip(before), after: strip(after) }, m);
      return after;
    });
  }
}
