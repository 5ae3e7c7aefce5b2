import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../core/auth/roles';
import { forbidden, notFound } from '../../core/errors/domain-error';
import { likeContains, likePrefix, orderBy, Page, pagedQuery, Where } from '../../core/http/paging';
import { ORGANISATION_CODE, OrganisationDetail, OrganisationListQuery, OrganisationSummary } from './dto/organisation.dto';

/**
 * Organisation scope, from the ODS hierarchy: operators see everything; commissioners see their
 * ICB or sub-ICB location and everything under it; practice and vendor users see their own
 * organisation. Added to `where` as a condition on alias `o`.
 */
export function addScope(actor: Actor, where: Where): Where {
  const org = actor.organisation;
  if (actor.role === 'operator') return where;
  if (actor.role === 'commissioner' && org.type === 'icb') return where.add('(o.code = ? OR o.icb_code = ?)', org.code, org.code);
  if (actor.role === 'commissioner' && org.type === 'sub_icb') return where.add('(o.code = ? OR o.sub_icb_code = ?)', org.code, org.code);
  return where.add('o.id = ?', org.id);
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
    const where = addScope(actor, new Where());
    if (query.type) where.add('o.type = ?', query.type);
    if (query.icb) where.add('o.icb_code = ?', query.icb);
    if (query.subIcb) where.add('o.sub_icb_code = ?', query.subIcb);
    if (query.pcn) where.add('o.pcn_code = ?', query.pcn);
    const q = query.q?.trim();
    if (q) {
      // One box: ODS code (exact or prefix), postcode (spaces ignored) or words of the name.
      const upper = q.toUpperCase();
      where.add(
        "(o.code = ? OR o.code LIKE ? OR replace(o.postcode, ' ', '') LIKE ? OR o.name ILIKE ?)",
        upper,
        likePrefix(upper),
        likePrefix(upper.replace(/\s+/g, '')),
        likeContains(q),
      );
    }
    return pagedQuery<OrganisationSummary>(
      this.db,
      {
        select: SUMMARY_COLUMNS,
        from: `organisations o LEFT JOIN organisations pcn ON pcn.code = o.pcn_code`,
        where,
        orderBy: orderBy(query.sort, SORTABLE, 'o.code'),
      },
      query,
    );
  }

  /** One organisation, if the actor may see it; otherwise 404 (not 403, so codes outside scope are not confirmed). */
  async get(actor: Actor, code: string): Promise<OrganisationDetail> {
    if (!ORGANISATION_CODE.test(code)) throw notFound('Organisation', code);
    const where = addScope(actor, new Where().add('o.code = ?', code));
    const [r] = await this.db.query(
      `SELECT o.*, reg.name AS region_name, icb.name AS icb_name, sub.name AS sub_icb_name, pcn.name AS pcn_name
         FROM organisations o
         LEFT JOIN organisations reg ON reg.code = o.region_code
         LEFT JOIN organisations icb ON icb.code = o.icb_code
         LEFT JOIN organisations sub ON sub.code = o.sub_icb_code
         LEFT JOIN organisations pcn ON pcn.code = o.pcn_code
        ${where.sql}`,
      where.params,
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
