import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../core/auth/roles';
import { forbidden, notFound } from '../../core/errors/domain-error';
import { orderBy, Page, pagedQuery } from '../../core/http/paging';
import { ORGANISATION_CODE, OrganisationDetail, OrganisationListQuery, OrganisationSummary } from './dto/organisation.dto';

/**
 * Organisation scope, from the ODS hierarchy: operators see everything; commissioners see their
 * ICB or sub-ICB location and everything under it; practice and vendor users see their own
 * organisation. Returned as a SQL condition on alias `o` with its parameters numbered from `next`.
 */
export function scopeCondition(actor: Actor, next: number): { sql: string; params: unknown[] } {
  const org = actor.organisation;
  if (actor.role === 'operator') return { sql: 'TRUE', params: [] };
  if (actor.role === 'commissioner' && org.type === 'icb') {
    return { sql: `(o.code = $${next} OR o.icb_code = $${next})`, params: [org.code] };
  }
  if (actor.role === 'commissioner' && org.type === 'sub_icb') {
    return { sql: `(o.code = $${next} OR o.sub_icb_code = $${next})`, params: [org.code] };
  }
  return { sql: `o.id = $${next}`, params: [org.id] };
}

const SUMMARY_COLUMNS = `o.id, o.code, o.type, o.name, o.status, o.postcode, o.town,
  o.pcn_code AS "pcnCode", pcn.name AS "pcnName", o.sub_icb_code AS "subIcbCode", o.icb_code AS "icbCode",
  o.registered_patients AS "registeredPatients", o.clinical_system_supplier AS "clinicalSystemSupplier"`;

const SORTABLE = { name: 'o.name', code: 'o.code', type: 'o.type', postcode: 'o.postcode', registeredPatients: 'o.registered_patients NULLS FIRST' };

@Injectable()
export class OrganisationsService {
  constructor(private readonly db: DataSource) {}

  /** The directory: commissioners (their area) and operators (everything). */
  async list(actor: Actor, query: OrganisationListQuery): Promise<Page<OrganisationSummary>> {
    if (actor.role !== 'operator' && actor.role !== 'commissioner') throw forbidden('The organisations directory is for commissioners and operators.');
    const scope = scopeCondition(actor, 1);
    const params: unknown[] = [...scope.params];
    const conditions = [scope.sql];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(params.length));
    };
    if (query.type) add((n) => `o.type = $${n}`, query.type);
    if (query.icb) add((n) => `o.icb_code = $${n}`, query.icb);
    if (query.subIcb) add((n) => `o.sub_icb_code = $${n}`, query.subIcb);
    if (query.pcn) add((n) => `o.pcn_code = $${n}`, query.pcn);
    const q = query.q?.trim();
    if (q) {
      // One box: ODS code (exact or prefix), postcode (spaces ignored) or words of the name.
      const like = (v: string) => v.replace(/[\\%_]/g, (c) => '\\' + c);
      const upper = q.toUpperCase();
      params.push(upper, like(upper) + '%', like(upper.replace(/\s+/g, '')) + '%', `%${like(q)}%`);
      const n = params.length;
      conditions.push(`(o.code = $${n - 3} OR o.code LIKE $${n - 2} OR replace(o.postcode, ' ', '') LIKE $${n - 1} OR o.name ILIKE $${n})`);
    }
    return pagedQuery<OrganisationSummary>(
      this.db,
      {
        select: SUMMARY_COLUMNS,
        from: `organisations o LEFT JOIN organisations pcn ON pcn.code = o.pcn_code`,
        where: conditions.join(' AND '),
        params,
        orderBy: orderBy(query.sort, SORTABLE, 'o.code'),
      },
      query,
    );
  }

  /** One organisation, if the actor may see it; otherwise 404 (not 403, so codes outside scope are not confirmed). */
  async get(actor: Actor, code: string): Promise<OrganisationDetail> {
    if (!ORGANISATION_CODE.test(code)) throw notFound('Organisation', code);
    const scope = scopeCondition(actor, 2);
    const [r] = await this.db.query(
      `SELECT o.*, reg.name AS region_name, icb.name AS icb_name, sub.name AS sub_icb_name, pcn.name AS pcn_name
         FROM organisations o
         LEFT JOIN organisations reg ON reg.code = o.region_code
         LEFT JOIN organisations icb ON icb.code = o.icb_code
         LEFT JOIN organisations sub ON sub.code = o.sub_icb_code
         LEFT JOIN organisations pcn ON pcn.code = o.pcn_code
        WHERE o.code = $1 AND ${scope.sql}`,
      [code, ...scope.params],
    );
    if (!r) throw notFound('Organisation', code);
    const ref = (c: string | null, name: string | null) => (c ? { code: c, name: name ?? c } : null);
    return {
      id: r.id,
      code: r.code,
      type: r.type,
      name: r.name,
      status: r.status,
      onsCode: r.ons_code,
      addressLines: [r.address_line_1, r.address_line_2, r.address_line_3].filter(Boolean),
      town: r.town,
      county: r.county,
      postcode: r.postcode,
      telephone: r.telephone,
      openDate: r.open_date,
      registeredPatients: r.registered_patients,
      registeredPatientsDate: r.registered_patients_date,
      clinicalSystemSupplier: r.clinical_system_supplier,
      region: ref(r.region_code, r.region_name),
      icb: ref(r.icb_code, r.icb_name),
      subIcb: ref(r.sub_icb_code, r.sub_icb_name),
      pcn: ref(r.pcn_code, r.pcn_name),
    };
  }

  /** For other modules: id and type of a visible organisation. */
  async requireVisible(actor: Actor, code: string): Promise<{ id: string; code: string; type: string; name: string }> {
    const org = await this.get(actor, code);
    return { id: org.id, code: org.code, type: org.type, name: org.name };
  }
}
