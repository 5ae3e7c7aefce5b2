import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../../core/errors/domain-error';
import { likeContains as contains, ListQuery, orderBy, Page, pagedQuery, Where } from '../../core/http/paging';
import {
  ApplicationType, CapabilityCategory, CapabilityDetail, CapabilityListItem, CapabilityRef, EpicListItem, FrameworkDetail,
  FrameworkListItem, HostingType, IntegrationType, StandardDetail, StandardListItem,
} from './dto/reference.dto';
import { CapabilityListQuery, EpicListQuery, FrameworkListQuery, StandardListQuery } from './dto/reference-query.dto';

/** C2 before C10. */
const REF_ORDER = `(substring(c.ref from 2))::int`;
const STANDARD_ORDER = `(substring(s.id from 2))::int`;

const CAPABILITY_SELECT = `
  c.id, c.ref, c.name, c.description, cc.name AS category, c.category_id AS "categoryId", c.status, c.version,
  c.is_foundation AS "isFoundation",
  (SELECT count(*)::int FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id
    WHERE ce.capability_id = c.id AND e.is_active AND ce.compliancy = 'MUST') AS "mustEpicCount",
  (SELECT count(*)::int FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id
    WHERE ce.capability_id = c.id AND e.is_active AND ce.compliancy = 'MAY') AS "mayEpicCount"`;

const STANDARD_SELECT = `
  s.id, s.name, s.type, s.category, s.version, s.url, s.description, s.is_deleted AS "isDeleted",
  (SELECT count(*)::int FROM standard_capabilities sc WHERE sc.standard_id = s.id) AS "capabilityCount"`;

const FRAMEWORK_SELECT = `
  f.id, f.name, f.short_name AS "shortName", f.status, f.owner, f.funding_types AS "fundingTypes",
  f.maximum_term_months AS "maximumTermMonths",
  (SELECT count(*)::int FROM framework_capabilities fc WHERE fc.framework_id = f.id) AS "capabilityCount"`;

const CAPABILITY_REF_SELECT = `c.id, c.ref, c.name, cc.name AS category, c.status`;

/** Read-only access to the catalogue reference data; everything here is public. */
@Injectable()
export class ReferenceService {
  constructor(private readonly db: DataSource) {}

  private page<T>(select: string, from: string, where: Where, order: string, query: ListQuery): Promise<Page<T>> {
    return pagedQuery<T>(this.db, { select, from, where, orderBy: order }, query);
  }

  listCapabilities(query: CapabilityListQuery): Promise<Page<CapabilityListItem>> {
    const where = new Where();
    if (query.category) {
      if (/^\d{1,9}$/.test(query.category)) where.add('c.category_id = ?', Number(query.category));
      else where.add('lower(cc.name) = lower(?)', query.category);
    }
    if (query.framework) {
      where.add('EXISTS (SELECT 1 FROM framework_capabilities fc WHERE fc.capability_id = c.id AND upper(fc.framework_id) = upper(?))', query.framework);
    }
    if (query.status) where.add('c.status = ?', query.status);
    if (query.q) where.add('(c.name ILIKE ? OR c.description ILIKE ? OR c.ref = upper(?))', contains(query.q), contains(query.q), query.q);
    const order = orderBy(query.sort, { ref: REF_ORDER, name: 'c.name', category: 'cc.name', status: 'c.status' }, `${REF_ORDER}`);
    return this.page(CAPABILITY_SELECT, 'capabilities c JOIN capability_categories cc ON cc.id = c.category_id', where, order, query);
  }

  async getCapability(ref: string): Promise<CapabilityDetail> {
    const [capability] = await this.db.query(
      `SELECT ${CAPABILITY_SELECT}, c.source_url AS "sourceUrl"
       FROM capabilities c JOIN capability_categories cc ON cc.id = c.category_id WHERE c.ref = $1`,
      [ref.toUpperCase()],
    );
    if (!capability) throw notFound('Capability', ref);
    const [epics, standards, frameworks] = await Promise.all([
      this.db.query(
        `SELECT e.id, e.name, e.supplier_defined AS "supplierDefined", ce.compliancy
         FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id
         WHERE ce.capability_id = $1 AND e.is_active ORDER BY e.id`,
        [capability.id],
      ),
      this.db.query(
        `SELECT s.id, s.name, s.type, s.category, s.version, s.url
         FROM standard_capabilities sc JOIN standards s ON s.id = sc.standard_id
         WHERE sc.capability_id = $1 AND NOT s.is_deleted ORDER BY s.type <> 'Overarching', ${STANDARD_ORDER}`,
        [capability.id],
      ),
      this.db.query(
        `SELECT f.id, f.name, f.short_name AS "shortName", f.status
         FROM framework_capabilities fc JOIN frameworks f ON f.id = fc.framework_id WHERE fc.capability_id = $1 ORDER BY f.id`,
        [capability.id],
      ),
    ]);
    const at = (level: string) =>
      epics.filter((e: { compliancy: string }) => e.compliancy === level).map(({ compliancy: _c, ...e }: { compliancy: string }) => e);
    return { ...capability, epics: { must: at('MUST'), should: at('SHOULD'), may: at('MAY') }, standards, frameworks };
  }

  listCapabilityCategories(): Promise<CapabilityCategory[]> {
    return this.db.query(
      `SELECT cc.id, cc.name, (SELECT count(*)::int FROM capabilities c WHERE c.category_id = cc.id) AS "capabilityCount"
       FROM capability_categories cc ORDER BY cc.id`,
    );
  }

  listEpics(query: EpicListQuery): Promise<Page<EpicListItem>> {
    const where = new Where();
    if (query.capability) {
      const link = `EXISTS (SELECT 1 FROM capability_epics ce JOIN capabilities c ON c.id = ce.capability_id
                    WHERE ce.epic_id = e.id AND c.ref = ?${query.compliancy ? ' AND ce.compliancy = ?' : ''})`;
      where.add(link, query.capability.toUpperCase(), ...(query.compliancy ? [query.compliancy] : []));
    } else if (query.compliancy) {
      where.add('EXISTS (SELECT 1 FROM capability_epics ce WHERE ce.epic_id = e.id AND ce.compliancy = ?)', query.compliancy);
    }
    if (query.active !== undefined) where.add('e.is_active = ?', query.active);
    if (query.q) where.add('(e.name ILIKE ? OR e.id = upper(?))', contains(query.q), query.q);
    const select = `e.id, e.name, e.is_active AS "isActive", e.supplier_defined AS "supplierDefined",
      COALESCE((SELECT json_agg(json_build_object('ref', c.ref, 'name', c.name, 'compliancy', ce.compliancy) ORDER BY c.id)
        FROM capability_epics ce JOIN capabilities c ON c.id = ce.capability_id WHERE ce.epic_id = e.id), '[]'::json) AS capabilities`;
    const order = orderBy(query.sort, { id: 'e.id', name: 'e.name' }, 'e.id');
    return this.page(select, 'epics e', where, order, query);
  }

  listStandards(query: StandardListQuery): Promise<Page<StandardListItem>> {
    const where = new Where();
    if (!query.includeDeleted) where.add('NOT s.is_deleted');
    if (query.type) where.add('s.type = ?', query.type);
    if (query.category) where.add('s.category = ?', query.category);
    if (query.capability) {
      where.add(
        'EXISTS (SELECT 1 FROM standard_capabilities sc JOIN capabilities c ON c.id = sc.capability_id WHERE sc.standard_id = s.id AND c.ref = ?)',
        query.capability.toUpperCase(),
      );
    }
    if (query.q) where.add('(s.name ILIKE ? OR s.description ILIKE ? OR s.id = upper(?))', contains(query.q), contains(query.q), query.q);
    const order = orderBy(query.sort, { id: STANDARD_ORDER, name: 's.name', type: 's.type', category: 's.category' }, STANDARD_ORDER);
    return this.page(STANDARD_SELECT, 'standards s', where, order, query);
  }

  async getStandard(id: string): Promise<StandardDetail> {
    const [standard] = await this.db.query(`SELECT ${STANDARD_SELECT} FROM standards s WHERE s.id = $1`, [id.toUpperCase()]);
    if (!standard) throw notFound('Standard', id);
    const capabilities: CapabilityRef[] = await this.db.query(
      `SELECT ${CAPABILITY_REF_SELECT} FROM standard_capabilities sc
       JOIN capabilities c ON c.id = sc.capability_id JOIN capability_categories cc ON cc.id = c.category_id
       WHERE sc.standard_id = $1 ORDER BY ${REF_ORDER}`,
      [standard.id],
    );
    return { ...standard, capabilities };
  }

  listFrameworks(query: FrameworkListQuery): Promise<Page<FrameworkListItem>> {
    const where = new Where();
    if (query.status) where.add('f.status = ?', query.status);
    if (query.q) where.add('(f.name ILIKE ? OR f.short_name ILIKE ? OR f.id = upper(?))', contains(query.q), contains(query.q), query.q);
    const order = orderBy(query.sort, { id: 'f.id', name: 'f.name', status: 'f.status' }, 'f.id');
    return this.page(FRAMEWORK_SELECT, 'frameworks f', where, order, query);
  }

  async getFramework(id: string): Promise<FrameworkDetail> {
    const [framework] = await this.db.query(`SELECT ${FRAMEWORK_SELECT} FROM frameworks f WHERE upper(f.id) = upper($1)`, [id]);
    if (!framework) throw notFound('Framework', id);
    const capabilities: CapabilityRef[] = await this.db.query(
      `SELECT ${CAPABILITY_REF_SELECT} FROM framework_capabilities fc
       JOIN capabilities c ON c.id = fc.capability_id JOIN capability_categories cc ON cc.id = c.category_id
       WHERE fc.framework_id = $1 ORDER BY ${REF_ORDER}`,
      [framework.id],
    );
    return { ...framework, capabilities };
  }

  listIntegrationTypes(): Promise<IntegrationType[]> {
    return this.db.query(`SELECT id, integration, name, description FROM integration_types ORDER BY id`);
  }

  listApplicationTypes(): Promise<ApplicationType[]> {
    return this.db.query(`SELECT key, name, detail_fields AS "detailFields" FROM application_types ORDER BY name`);
  }

  listHostingTypes(): Promise<HostingType[]> {
    return this.db.query(`SELECT key, name, detail_fields AS "detailFields" FROM hosting_types ORDER BY name`);
  }
}
