import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { conflict, notFound, validationFailed } from '../../core/errors/domain-error';
import { orderBy, Page, pagedQuery, Where, likeContains } from '../../core/http/paging';
import { SearchFilters } from './dto/search-query.dto';
import { CreateShortlistBody, ShortlistDetail, ShortlistItem, ShortlistListQuery, ShortlistSummary, UpdateShortlistBody } from './dto/shortlist.dto';
import { SearchService } from './search.service';
import { toCsv } from './csv';

const FILTER_KEYS: (keyof SearchFilters)[] = [
  'q', 'capability', 'epic', 'framework', 'integration', 'applicationType', 'hostingType', 'accreditation', 'supplier', 'type', 'sort',
];

/** Only the filters that are set, as plain JSON (what the search page would put in its URL). */
function plainFilters(f: SearchFilters | undefined): SearchFilters {
  const out: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) {
    const value = f?.[k];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
    out[k] = value;
  }
  return out as SearchFilters;
}

const SUMMARY_SELECT = `
  sl.id, sl.name, sl.filters, sl.created_at AS "createdAt", sl.updated_at AS "updatedAt", u.name AS "createdByName",
  (SELECT count(*)::int FROM shortlist_items si WHERE si.shortlist_id = sl.id) AS "itemCount"`;
const SUMMARY_FROM = `shortlists sl LEFT JOIN users u ON u.id = sl.created_by`;

/** Buyers' saved searches with chosen items; each belongs to one organisation and only it sees it. */
@Injectable()
export class ShortlistsService {
  constructor(
    private readonly db: DataSource,
    private readonly search: SearchService,
    private readonly audit: AuditService,
  ) {}

  list(actor: Actor, query: ShortlistListQuery): Promise<Page<ShortlistSummary>> {
    const where = new Where().add('sl.organisation_id = ?', actor.organisation.id);
    if (query.q) where.add('sl.name ILIKE ?', likeContains(query.q));
    const order = orderBy(query.sort, { name: 'lower(sl.name)', createdAt: 'sl.created_at', updatedAt: 'sl.updated_at' }, 'sl.updated_at DESC, sl.id');
    return pagedQuery<ShortlistSummary>(this.db, { select: SUMMARY_SELECT, from: SUMMARY_FROM, where, orderBy: order }, query);
  }

  async create(actor: Actor, body: CreateShortlistBody): Promise<ShortlistDetail> {
    const filters = plainFilters(body.filters);
    await this.search.resolve(filters, 'filters.');
    const name = body.name.trim();
    const id = await this.db.transaction(async (m) => {
      await this.assertNameFree(m, actor, name);
      const [row] = await m.query(
        `INSERT INTO shortlists (organisation_id, name, filters, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [actor.organisation.id, name, JSON.stringify(filters), actor.userId],
      );
      const items = await this.addItems(m, row.id, [...new Set(body.itemIds ?? [])]);
      await this.audit.record(
        { action: 'shortlist.created', actor, objectType: 'shortlist', objectId: row.id, after: { name, filters, items } },
        m,
      );
      return row.id as string;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<ShortlistDetail> {
    const summary = await this.summary(this.db.manager, actor, id);
    const [items, results] = await Promise.all([
      this.items(id),
      this.search.run(await this.search.resolve(summary.filters), 1, 25),
    ]);
    return { ...summary, items, results };
  }

  async update(actor: Actor, id: string, body: UpdateShortlistBody): Promise<ShortlistDetail> {
    await this.db.transaction(async (m) => {
      const before = await this.summary(m, actor, id, true);
      const beforeItems = (await m.query(`SELECT item_id FROM shortlist_items WHERE shortlist_id = $1 ORDER BY item_id`, [id])).map((r: { item_id: string }) => r.item_id);
      const name = body.name?.trim() ?? before.name;
      const filters = body.filters ? plainFilters(body.filters) : before.filters;
      if (body.filters) await this.search.resolve(filters, 'filters.');
      if (name.toLowerCase() !== before.name.toLowerCase()) await this.assertNameFree(m, actor, name);
      await m.query(`UPDATE shortlists SET name = $2, filters = $3, updated_at = now() WHERE id = $1`, [id, name, JSON.stringify(filters)]);
      let items = beforeItems;
      if (body.itemIds) {
        const wanted = [...new Set(body.itemIds)];
        await m.query(`DELETE FROM shortlist_items WHERE shortlist_id = $1 AND NOT (item_id = ANY($2::text[]))`, [id, wanted]);
        await this.addItems(m, id, wanted.filter((x) => !beforeItems.includes(x)));
        items = wanted.sort();
      }
      await this.audit.record(
        {
          action: 'shortlist.updated',
          actor,
          objectType: 'shortlist',
          objectId: id,
          before: { name: before.name, filters: before.filters, items: beforeItems },
          after: { name, filters, items },
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.summary(m, actor, id, true);
      await m.query(`DELETE FROM shortlists WHERE id = $1`, [id]);
      await this.audit.record({ action: 'shortlist.deleted', actor, objectType: 'shortlist', objectId: id, before: { name: before.name, filters: before.filters } }, m);
    });
  }

  /** The saved search's current results (all pages, up to 5,000) plus the chosen items, as CSV. */
  async resultsCsv(actor: Actor, id: string): Promise<{ name: string; csv: string }> {
    const summary = await this.summary(this.db.manager, actor, id);
    const [items, results] = await Promise.all([this.items(id), this.search.run(await this.search.resolve(summary.filters), 1, 5000, false)]);
    const chosen = new Map(items.map((i) => [i.id, i]));
    const header = ['Chosen', 'ID', 'Name', 'Supplier', 'Publication status', 'Accreditation', 'Capabilities', 'Frameworks', 'Integrations', 'Application types', 'Hosting types', 'Version saved', 'Newer version live'];
    const rows: unknown[][] = [header];
    const seen = new Set<string>();
    for (const r of results.items) {
      seen.add(r.id);
      const c = chosen.get(r.id);
      rows.push([
        c ? 'Yes' : 'No', r.id, r.name, r.supplier.name, r.publicationStatus, r.accreditationStatus ?? '',
        r.capabilities.map((x) => x.ref).join('; '), r.frameworks.map((x) => x.id).join('; '), r.integrations.join('; '),
        r.applicationTypes.map((x) => x.name).join('; '), r.hostingTypes.map((x) => x.name).join('; '),
        c ? c.savedVersion : '', c ? (c.newerVersionLive ? 'Yes' : 'No') : '',
      ]);
    }
    for (const c of items.filter((i) => !seen.has(i.id))) {
      rows.push(['Yes', c.id, c.name, c.supplierName, c.listed ? 'listed' : 'no longer listed', '', '', '', '', '', '', c.savedVersion, c.newerVersionLive ? 'Yes' : 'No']);
    }
    return { name: summary.name, csv: toCsv(rows) };
  }

  private async summary(m: EntityManager, actor: Actor, id: string, lock = false): Promise<ShortlistSummary> {
    const [row] = await m.query(
      `SELECT ${SUMMARY_SELECT} FROM ${SUMMARY_FROM} WHERE sl.id = $1 AND sl.organisation_id = $2${lock ? ' FOR UPDATE OF sl' : ''}`,
      [id, actor.organisation.id],
    );
    if (!row) throw notFound('Shortlist', id);
    return row;
  }

  private async items(id: string): Promise<ShortlistItem[]> {
    return this.db.query(
      `SELECT si.item_id AS id, sv.content->>'name' AS name, o.name AS "supplierName", si.listing_version_id AS "savedVersionId",
              sv.version AS "savedVersion", cs.version_id AS "liveVersionId",
              (cs.version_id IS NOT NULL AND cs.version_id <> si.listing_version_id) AS "newerVersionLive",
              (cs.item_id IS NOT NULL) AS listed, si.added_at AS "addedAt"
         FROM shortlist_items si
         JOIN listing_versions sv ON sv.id = si.listing_version_id
         JOIN catalogue_items i ON i.id = si.item_id
         JOIN organisations o ON o.id = i.supplier_id
         LEFT JOIN catalogue_search cs ON cs.item_id = si.item_id
        WHERE si.shortlist_id = $1
        ORDER BY si.added_at, si.item_id`,
      [id],
    );
  }

  /** Records each item's live listing version; items that are not listed are a field error. */
  private async addItems(m: EntityManager, shortlistId: string, itemIds: string[]): Promise<{ itemId: string; versionId: string }[]> {
    if (!itemIds.length) return [];
    const rows: { item_id: string; version_id: string }[] = await m.query(
      `SELECT item_id, version_id FROM catalogue_search WHERE item_id = ANY($1::text[])`,
      [itemIds],
    );
    const live = new Map(rows.map((r) => [r.item_id, r.version_id]));
    const missing = itemIds.filter((x) => !live.has(x));
    if (missing.length) throw validationFailed(missing.map((x) => ({ field: 'itemIds', message: `${x} is not a listed catalogue item` })));
    await m.query(
      `INSERT INTO shortlist_items (shortlist_id, item_id, listing_version_id)
       SELECT $1, x.item_id, x.version_id FROM unnest($2::text[], $3::uuid[]) AS x(item_id, version_id)`,
      [shortlistId, itemIds, itemIds.map((x) => live.get(x))],
    );
    return itemIds.map((x) => ({ itemId: x, versionId: live.get(x)! }));
  }

  private async assertNameFree(m: EntityManager, actor: Actor, name: string) {
    const [taken] = await m.query(`SELECT 1 FROM shortlists WHERE organisation_id = $1 AND lower(name) = lower($2)`, [actor.organisation.id, name]);
    if (taken) throw conflict('shortlist-name-taken', `Your organisation already has a shortlist called "${name}". Choose another name.`);
  }
}
