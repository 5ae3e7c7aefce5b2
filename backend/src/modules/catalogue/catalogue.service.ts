import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { conflict, DomainError, FieldError, forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { orderBy, Page, pagedQuery, Where } from '../../core/http/paging';
import { CompletenessView, CreateItemRequest, ITEM_ID, VendorItemDetail, VendorItemListQuery, VendorItemSummary } from './dto/items.dto';
import type { ListingContentDto } from './dto/listing.dto';
import { ItemType, LISTED_STATUSES, ListingContent, PublicationStatus } from './listing';
import { completenessIssues, MustEpics, normaliseContent, publicationTransition } from './publication.rules';

type Queryable = Pick<EntityManager, 'query'>;

/** A listed item's live listing, for other modules (search, compare, ordering). */
export interface ListedItem {
  id: string;
  type: ItemType;
  parentItemId: string | null;
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  publicationStatus: PublicationStatus;
  accreditationStatus: string | null;
  versionId: string;
  version: number;
  publishedAt: string | null;
  content: ListingContent;
}

const ITEM_FROM = `catalogue_items i
  LEFT JOIN listing_versions lv ON lv.id = i.live_version_id
  LEFT JOIN listing_versions ov ON ov.item_id = i.id AND ov.status IN ('draft','submitted')`;
const ITEM_SELECT = `i.id, i.type, i.parent_item_id AS "parentItemId", coalesce(ov.content->>'name', lv.content->>'name') AS name,
  i.publication_status AS "publicationStatus", lv.version AS "liveVersion", ov.version AS "openVersion",
  ov.status AS "openVersionStatus", i.accreditation_status AS "accreditationStatus", i.updated_at AS "updatedAt"`;

const SECTIONS: Record<ItemType, string[]> = {
  solution: ['Summary', 'Description', 'Frameworks', 'Capabilities', 'Application types', 'Hosting types', 'Service levels', 'Data processing', 'Prices'],
  additional_service: ['Summary', 'Description', 'Frameworks', 'Prices'],
  associated_service: ['Summary', 'Description', 'Frameworks', 'Prices'],
};

/** Audit action for each publication change, as the vendor's decision history shows it. */
export const DECISION_ACTIONS = [
  'listing.submitted',
  'listing.withdrawn',
  'listing.approved',
  'listing.rejected',
  'listing.suspended',
  'listing.in-remediation',
  'listing.unpublished',
  'listing.reinstated',
];

/** Catalogue items and their versioned listings, as vendors manage them; and live listings for other modules. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ---- for other modules -------------------------------------------------------------------

  /** The live listing of an item, only if it is listed (published or in remediation); else null. */
  async getListedItem(itemId: string, db: Queryable = this.db): Promise<ListedItem | null> {
    if (!ITEM_ID.test(itemId)) return null;
    const [r] = await db.query(
      `SELECT i.id, i.type, i.parent_item_id, i.supplier_id, o.code, o.name AS supplier_name, i.publication_status,
              i.accreditation_status, v.id AS version_id, v.version, i.last_published_at, v.content
         FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id JOIN organisations o ON o.id = i.supplier_id
        WHERE i.id = $1 AND i.publication_status = ANY($2)`,
      [itemId, LISTED_STATUSES],
    );
    if (!r) return null;
    return {
      id: r.id,
      type: r.type,
      parentItemId: r.parent_item_id,
      supplierId: r.supplier_id,
      supplierCode: r.code,
      supplierName: r.supplier_name,
      publicationStatus: r.publication_status,
      accreditationStatus: r.accreditation_status,
      versionId: r.version_id,
      version: r.version,
      publishedAt: r.last_published_at ? new Date(r.last_published_at).toISOString() : null,
      content: r.content,
    };
  }

  /** Live content only (listed items), or null. */
  async getLiveContent(itemId: string, db: Queryable = this.db): Promise<ListingContent | null> {
    return (await this.getListedItem(itemId, db))?.content ?? null;
  }

  // ---- vendors -----------------------------------------------------------------------------

  private supplierOf(actor: Actor): string {
    if (actor.organisation.type !== 'supplier') throw forbidden('Only suppliers manage catalogue items.');
    return actor.organisation.id;
  }

  async list(actor: Actor, query: VendorItemListQuery): Promise<Page<VendorItemSummary>> {
    const where = new Where().add('i.supplier_id = ?', this.supplierOf(actor));
    if (query.type) where.add('i.type = ?', query.type);
    if (query.status) where.add('i.publication_status = ?', query.status);
    if (query.q) where.add(`(i.id ILIKE ? OR coalesce(ov.content->>'name', lv.content->>'name') ILIKE ?)`, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const page = await pagedQuery<any>(
      this.db,
      { select: ITEM_SELECT, from: ITEM_FROM, where, orderBy: orderBy(query.sort, { id: 'i.id', name: 'name', status: 'i.publication_status', updatedAt: 'i.updated_at' }, 'i.id') },
      query,
    );
    return { ...page, items: page.items.map(summary) };
  }

  /** Locks and returns the actor's item; another supplier's item is not found. */
  private async lockItem(m: Queryable, supplierId: string, itemId: string) {
    if (!ITEM_ID.test(itemId)) throw notFound('Catalogue item', itemId);
    const [item] = await m.query(`SELECT * FROM catalogue_items WHERE id = $1 AND supplier_id = $2 FOR UPDATE`, [itemId, supplierId]);
    if (!item) throw notFound('Catalogue item', itemId);
    return item;
  }

  private async openVersion(m: Queryable, itemId: string) {
    const [v] = await m.query(`SELECT * FROM listing_versions WHERE item_id = $1 AND status IN ('draft','submitted') FOR UPDATE`, [itemId]);
    return v ?? null;
  }

  async get(actor: Actor, itemId: string, m: Queryable = this.db): Promise<VendorItemDetail> {
    const supplierId = this.supplierOf(actor);
    if (!ITEM_ID.test(itemId)) throw notFound('Catalogue item', itemId);
    const [row] = await m.query(`SELECT ${ITEM_SELECT}, lv.content AS live_content FROM ${ITEM_FROM} WHERE i.id = $1 AND i.supplier_id = $2`, [itemId, supplierId]);
    if (!row) throw notFound('Catalogue item', itemId);
    const versions = await m.query(
      `SELECT id, version, status, content, created_at, updated_at, submitted_at, decided_at, decision_reason
         FROM listing_versions WHERE item_id = $1 ORDER BY version DESC`,
      [itemId],
    );
    const events = await m.query(
      `SELECT occurred_at, action, before->>'status' AS from_status, after->>'status' AS to_status, after->>'reason' AS reason
         FROM audit_events WHERE object_type = 'catalogue_item' AND object_id = $1 AND action = ANY($2) ORDER BY occurred_at DESC, id DESC`,
      [itemId, DECISION_ACTIONS],
    );
    const versionView = (v: any) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      createdAt: iso(v.created_at)!,
      updatedAt: iso(v.updated_at)!,
      submittedAt: iso(v.submitted_at),
      decidedAt: iso(v.decided_at),
      decisionReason: v.decision_reason,
    });
    const open = versions.find((v: any) => v.status === 'draft' || v.status === 'submitted');
    return {
      ...summary(row),
      liveContent: row.live_content ?? null,
      draft: open ? { ...versionView(open), content: open.content } : null,
      versions: versions.map(versionView),
      decisions: events.map((e: any) => ({ at: iso(e.occurred_at)!, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, reason: e.reason })),
    };
  }

  async create(actor: Actor, body: CreateItemRequest): Promise<VendorItemDetail> {
    const supplierId = this.supplierOf(actor);
    const code = actor.organisation.code;
    if (body.type === 'additional_service' && !body.parentSolutionId) throw validationFailed([{ field: 'parentSolutionId', message: 'Choose the solution this additional service adds to' }]);
    if (body.type !== 'additional_service' && body.parentSolutionId) throw validationFailed([{ field: 'parentSolutionId', message: 'Only additional services have a parent solution' }]);
    if (!/^[0-9]{5}$/.test(code)) throw forbidden('This supplier has no catalogue supplier id.');
    return this.db.transaction(async (m) => {
      // Serialises id allocation per supplier: concurrent creates wait for each other.
      await m.query(`SELECT id FROM organisations WHERE id = $1 FOR UPDATE`, [supplierId]);
      let prefix: string;
      let frameworkIds: string[] = [];
      if (body.type === 'additional_service') {
        const [parent] = await m.query(
          `SELECT i.id, lv.content->'frameworkIds' AS framework_ids FROM catalogue_items i LEFT JOIN listing_versions lv ON lv.id = i.live_version_id
            WHERE i.id = $1 AND i.supplier_id = $2 AND i.type = 'solution'`,
          [body.parentSolutionId, supplierId],
        );
        if (!parent) throw validationFailed([{ field: 'parentSolutionId', message: `You have no solution ${body.parentSolutionId}` }]);
        prefix = `${parent.id}A`;
        frameworkIds = parent.framework_ids ?? [];
      } else {
        prefix = body.type === 'solution' ? `${code}-` : `${code}-S-`;
      }
      const [{ max }] = await m.query(`SELECT max(substring(id from $2)::int) AS max FROM catalogue_items WHERE id ~ $1`, [
        `^${prefix}[0-9]{3}$`,
        `^${prefix}([0-9]{3})$`,
      ]);
      const seq = (max ?? 0) + 1;
      if (seq > 999) throw conflict('item-ids-exhausted', `No more ${body.type.replace('_', ' ')} ids are free for ${prefix}.`);
      const id = `${prefix}${String(seq).padStart(3, '0')}`;
      await m.query(`INSERT INTO catalogue_items (id, supplier_id, type, parent_item_id) VALUES ($1, $2, $3, $4)`, [id, supplierId, body.type, body.parentSolutionId ?? null]);
      const content = normaliseContent({ name: body.name.trim(), frameworkIds });
      await m.query(`INSERT INTO listing_versions (item_id, version, status, content, created_by) VALUES ($1, 1, 'draft', $2, $3)`, [id, JSON.stringify(content), actor.userId]);
      await m.query(`SELECT refresh_catalogue_search($1)`, [id]);
      await this.audit.record({ action: 'listing.created', actor, objectType: 'catalogue_item', objectId: id, after: { type: body.type, name: content.name, status: 'draft' } }, m);
      return this.get(actor, id, m);
    });
  }

  async saveDraft(actor: Actor, itemId: string, dto: ListingContentDto): Promise<VendorItemDetail> {
    const supplierId = this.supplierOf(actor);
    return this.db.transaction(async (m) => {
      const item = await this.lockItem(m, supplierId, itemId);
      const content = normaliseContent(JSON.parse(JSON.stringify(dto)));
      const errors = await referenceErrors(m, content);
      if (errors.length) throw validationFailed(errors);
      const open = await this.openVersion(m, itemId);
      if (open?.status === 'submitted') throw conflict('draft-submitted', 'This version has been submitted for publication. Withdraw it to edit it again, or wait for the decision.');
      let version: number;
      if (open) {
        await m.query(`UPDATE listing_versions SET content = $2, updated_at = now() WHERE id = $1`, [open.id, JSON.stringify(content)]);
        version = open.version;
      } else {
        // Editing a live (or rejected) listing starts a new version; the live one stays published.
        const [{ next }] = await m.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM listing_versions WHERE item_id = $1`, [itemId]);
        await m.query(`INSERT INTO listing_versions (item_id, version, status, content, created_by) VALUES ($1, $2, 'draft', $3, $4)`, [itemId, next, JSON.stringify(content), actor.userId]);
        version = next;
      }
      await m.query(`UPDATE catalogue_items SET updated_at = now() WHERE id = $1`, [itemId]);
      await this.audit.record({ action: 'listing.draft-saved', actor, objectType: 'catalogue_item', objectId: itemId, after: { version, status: item.publication_status } }, m);
      return this.get(actor, itemId, m);
    });
  }

  private async mustEpics(m: Queryable, capabilityIds: number[]): Promise<MustEpics> {
    const rows = await m.query(
      `SELECT c.id, c.name, array_remove(array_agg(e.id ORDER BY e.id) FILTER (WHERE ce.compliancy = 'MUST'), NULL) AS epic_ids
         FROM capabilities c LEFT JOIN capability_epics ce ON ce.capability_id = c.id LEFT JOIN epics e ON e.id = ce.epic_id
        WHERE c.id = ANY($1) GROUP BY c.id, c.name`,
      [capabilityIds],
    );
    return new Map(rows.map((r: any) => [r.id, { capabilityName: r.name, epicIds: r.epic_ids ?? [] }]));
  }

  private async issuesFor(m: Queryable, type: ItemType, content: ListingContent) {
    const refs = await referenceErrors(m, content);
    const issues = completenessIssues(type, content, await this.mustEpics(m, content.capabilityIds));
    return [...issues, ...refs.map((e) => ({ field: e.field, section: sectionOf(e.field), message: e.message }))];
  }

  async completeness(actor: Actor, itemId: string): Promise<CompletenessView> {
    const supplierId = this.supplierOf(actor);
    if (!ITEM_ID.test(itemId)) throw notFound('Catalogue item', itemId);
    const [item] = await this.db.query(
      `SELECT i.type, coalesce(ov.content, lv.content) AS content, coalesce(ov.version, lv.version) AS version
         FROM ${ITEM_FROM} WHERE i.id = $1 AND i.supplier_id = $2`,
      [itemId, supplierId],
    );
    if (!item) throw notFound('Catalogue item', itemId);
    const content = normaliseContent(item.content);
    const issues = await this.issuesFor(this.db, item.type, content);
    const sections = SECTIONS[item.type as ItemType].map((section) => {
      const messages = issues.filter((i) => i.section === section).map((i) => i.message);
      return { section, status: messages.length ? ('incomplete' as const) : ('complete' as const), messages };
    });
    const other = issues.filter((i) => !SECTIONS[item.type as ItemType].includes(i.section));
    if (other.length) sections.push({ section: 'Other', status: 'incomplete', messages: other.map((i) => i.message) });
    return { ready: issues.length === 0, version: item.version, sections, errors: issues.map(({ field, message }) => ({ field, message })) };
  }

  async submit(actor: Actor, itemId: string): Promise<VendorItemDetail> {
    const supplierId = this.supplierOf(actor);
    return this.db.transaction(async (m) => {
      const item = await this.lockItem(m, supplierId, itemId);
      const open = await this.openVersion(m, itemId);
      if (!open) throw conflict('no-draft', 'There is no draft to submit. Edit the listing first.');
      if (open.status === 'submitted') throw conflict('draft-submitted', 'This version has already been submitted.');
      const content = normaliseContent(open.content);
      const issues = await this.issuesFor(m, item.type, content);
      if (issues.length) {
        throw new DomainError(400, 'listing-incomplete', 'Your listing is not complete', 'Complete these sections before submitting it for publication.', issues.map(({ field, message }) => ({ field, message })));
      }
      // A supplier publishes only on frameworks it is on (a countersigned agreement; see onboarding).
      const [notOn] = await m.query(
        `SELECT coalesce(array_agg(fw.id ORDER BY fw.i), '{}') AS ids FROM unnest($1::text[]) WITH ORDINALITY AS fw(id, i)
          WHERE NOT EXISTS (SELECT 1 FROM supplier_frameworks sf WHERE sf.supplier_id = $2 AND sf.framework_id = fw.id)`,
        [content.frameworkIds, supplierId],
      );
      if (notOn.ids.length) {
        throw new DomainError(
          422,
          'not-on-framework',
          'You are not on that framework',
          `${actor.organisation.name} is not on ${notOn.ids.join(', ')}: a listing can be published on a framework once your framework agreement has been countersigned.`,
          notOn.ids.map((id: string) => ({ field: `frameworkIds[${content.frameworkIds.indexOf(id)}]`, message: `You are not on the framework ${id} yet` })),
        );
      }
      await m.query(`UPDATE listing_versions SET status = 'submitted', submitted_by = $2, submitted_at = now(), updated_at = now() WHERE id = $1`, [open.id, actor.userId]);
      let status: PublicationStatus = item.publication_status;
      if (!item.live_version_id) {
        if (!publicationTransition(item.publication_status, 'submitted')) throw conflict('invalid-transition', `A ${item.publication_status} item cannot be submitted.`);
        status = 'submitted';
        await m.query(`UPDATE catalogue_items SET publication_status = 'submitted', updated_at = now() WHERE id = $1`, [itemId]);
        await m.query(`SELECT refresh_catalogue_search($1)`, [itemId]);
      }
      await this.audit.record(
        { action: 'listing.submitted', actor, objectType: 'catalogue_item', objectId: itemId, before: { status: item.publication_status }, after: { status, version: open.version } },
        m,
      );
      return this.get(actor, itemId, m);
    });
  }

  async withdraw(actor: Actor, itemId: string): Promise<VendorItemDetail> {
    const supplierId = this.supplierOf(actor);
    return this.db.transaction(async (m) => {
      const item = await this.lockItem(m, supplierId, itemId);
      const open = await this.openVersion(m, itemId);
      if (open?.status !== 'submitted') throw conflict('not-submitted', 'There is no submitted version to withdraw.');
      await m.query(`UPDATE listing_versions SET status = 'draft', submitted_at = NULL, submitted_by = NULL, updated_at = now() WHERE id = $1`, [open.id]);
      let status: PublicationStatus = item.publication_status;
      if (item.publication_status === 'submitted') {
        status = 'draft';
        await m.query(`UPDATE catalogue_items SET publication_status = 'draft', updated_at = now() WHERE id = $1`, [itemId]);
        await m.query(`SELECT refresh_catalogue_search($1)`, [itemId]);
      }
      await this.audit.record(
        { action: 'listing.withdrawn', actor, objectType: 'catalogue_item', objectId: itemId, before: { status: item.publication_status }, after: { status, version: open.version } },
        m,
      );
      return this.get(actor, itemId, m);
    });
  }
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function summary(r: any): VendorItemSummary {
  return {
    id: r.id,
    type: r.type,
    name: r.name ?? r.id,
    parentItemId: r.parentItemId,
    publicationStatus: r.publicationStatus,
    liveVersion: r.liveVersion,
    openVersion: r.openVersion,
    openVersionStatus: r.openVersionStatus,
    accreditationStatus: r.accreditationStatus,
    updatedAt: iso(r.updatedAt)!,
  };
}

function sectionOf(field: string): string {
  const root = field.split(/[.[]/)[0];
  return (
    {
      capabilityIds: 'Capabilities',
      epicIds: 'Capabilities',
      frameworkIds: 'Frameworks',
      applicationTypes: 'Application types',
      hostingTypes: 'Hosting types',
      prices: 'Prices',
      integrations: 'Integrations',
    }[root] ?? 'Other'
  );
}

/**
 * Checks a listing against the reference data and the rules the DTO cannot express (tiers
 * contiguous, price ids unique). Field paths match the DTO's: `prices[0].tiers[1].from`.
 */
export async function referenceErrors(m: Queryable, c: ListingContent): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const known = async (sql: string, values: unknown[]) => new Set<string>((await m.query(sql, [values])).map((r: { id: unknown }) => String(r.id)));
  const caps = await known(`SELECT id FROM capabilities WHERE id = ANY($1)`, c.capabilityIds);
  c.capabilityIds.forEach((id, i) => !caps.has(String(id)) && errors.push({ field: `capabilityIds[${i}]`, message: `There is no capability ${id}` }));
  const epics = await known(`SELECT id FROM epics WHERE id = ANY($1)`, c.epicIds);
  c.epicIds.forEach((id, i) => !epics.has(id) && errors.push({ field: `epicIds[${i}]`, message: `There is no epic ${id}` }));
  const frameworks = await known(`SELECT id FROM frameworks WHERE id = ANY($1)`, c.frameworkIds);
  c.frameworkIds.forEach((id, i) => !frameworks.has(id) && errors.push({ field: `frameworkIds[${i}]`, message: `There is no framework ${id}` }));
  const appTypes = await known(`SELECT key AS id FROM application_types WHERE key = ANY($1)`, c.applicationTypes.map((a) => a.key));
  const seenApp = new Set<string>();
  c.applicationTypes.forEach((a, i) => {
    if (!appTypes.has(a.key)) errors.push({ field: `applicationTypes[${i}].key`, message: `There is no application type ${a.key}` });
    else if (seenApp.has(a.key)) errors.push({ field: `applicationTypes[${i}].key`, message: `${a.key} is listed twice` });
    seenApp.add(a.key);
    const entries = Object.entries(a.details ?? {});
    if (entries.length > 20) errors.push({ field: `applicationTypes[${i}].details`, message: 'details may have at most 20 answers' });
    for (const [k, v] of entries) {
      if (typeof v !== 'string' || v.length > 2000 || k.length > 100) errors.push({ field: `applicationTypes[${i}].details.${k}`, message: 'each detail must be text of at most 2000 characters' });
    }
  });
  const hostTypes = await known(`SELECT key AS id FROM hosting_types WHERE key = ANY($1)`, c.hostingTypes.map((h) => h.key));
  const seenHost = new Set<string>();
  c.hostingTypes.forEach((h, i) => {
    if (!hostTypes.has(h.key)) errors.push({ field: `hostingTypes[${i}].key`, message: `There is no hosting type ${h.key}` });
    else if (seenHost.has(h.key)) errors.push({ field: `hostingTypes[${i}].key`, message: `${h.key} is listed twice` });
    seenHost.add(h.key);
  });
  if (c.integrations.length) {
    const rows = await m.query(`SELECT integration, name FROM integration_types`);
    const types = new Set(rows.map((r: any) => `${r.integration}|${r.name}`));
    c.integrations.forEach((x, i) => {
      if (!types.has(`${x.integration}|${x.type}`)) errors.push({ field: `integrations[${i}].type`, message: `${x.type} is not a ${x.integration} integration type` });
      if (x.integration === 'NHS App' && !x.description?.trim()) errors.push({ field: `integrations[${i}].description`, message: 'NHS App integrations need a description' });
    });
  }
  const priceIds = new Set<string>();
  c.prices.forEach((p, i) => {
    if (priceIds.has(p.id)) errors.push({ field: `prices[${i}].id`, message: `price id ${p.id} is used twice` });
    priceIds.add(p.id);
    if (!p.tiers.length) errors.push({ field: `prices[${i}].tiers`, message: 'a price needs at least one tier' });
    if (p.priceType === 'flat' && p.tiers.length > 1) errors.push({ field: `prices[${i}].tiers`, message: 'a flat price has exactly one tier' });
    p.tiers.forEach((t, j) => {
      const field = `prices[${i}].tiers[${j}]`;
      const last = j === p.tiers.length - 1;
      if (j === 0 && t.from !== 1) errors.push({ field: `${field}.from`, message: 'the first tier starts at 1' });
      if (j > 0 && p.tiers[j - 1].to !== null && t.from !== p.tiers[j - 1].to! + 1) errors.push({ field: `${field}.from`, message: 'each tier starts straight after the previous one' });
      if (last && t.to !== null && t.to !== undefined) errors.push({ field: `${field}.to`, message: 'the last tier is open-ended (to must be null)' });
      if (!last && (t.to === null || t.to === undefined)) errors.push({ field: `${field}.to`, message: 'only the last tier is open-ended' });
      if (t.to !== null && t.to !== undefined && t.to < t.from) errors.push({ field: `${field}.to`, message: 'to must not be less than from' });
    });
  });
  return errors;
}
