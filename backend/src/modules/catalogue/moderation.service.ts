import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { conflict, notFound } from '../../core/errors/domain-error';
import { ListQuery, orderBy, Page, pagedQuery, Where } from '../../core/http/paging';
import { ITEM_ID } from './dto/items.dto';
import { DecisionView, ModerationQueueEntry, ModerationVersionView, PublicationChangeView } from './dto/moderation.dto';
import type { PublicationStatus } from './listing';
import { diffListings, normaliseContent, OPERATOR_ACTIONS, publicationTransition, TransitionAction } from './publication.rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const QUEUE_SELECT = `v.id AS "versionId", v.version, i.id AS "itemId", i.type AS "itemType", v.content->>'name' AS name,
  o.code AS "supplierCode", o.name AS "supplierName", i.publication_status AS "publicationStatus",
  v.submitted_at AS "submittedAt", u.email AS "submittedBy", (i.live_version_id IS NOT NULL) AS "isChange"`;
const QUEUE_FROM = `listing_versions v JOIN catalogue_items i ON i.id = v.item_id JOIN organisations o ON o.id = i.supplier_id
  LEFT JOIN users u ON u.id = v.submitted_by`;

const AUDIT_ACTION: Record<TransitionAction, string> = {
  submit: 'listing.submitted',
  resubmit: 'listing.submitted',
  withdraw: 'listing.withdrawn',
  approve: 'listing.approved',
  reject: 'listing.rejected',
  suspend: 'listing.suspended',
  remediate: 'listing.in-remediation',
  unpublish: 'listing.unpublished',
  reinstate: 'listing.reinstated',
};

/** The operator's moderation of submitted listings and of items' publication status. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async queue(query: ListQuery): Promise<Page<ModerationQueueEntry>> {
    const where = new Where().add(`v.status = 'submitted'`);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.add(`(i.id ILIKE ? OR o.name ILIKE ? OR v.content->>'name' ILIKE ?)`, like, like, like);
    }
    const page = await pagedQuery<any>(
      this.db,
      { select: QUEUE_SELECT, from: QUEUE_FROM, where, orderBy: orderBy(query.sort, { submittedAt: 'v.submitted_at', supplier: 'o.name', item: 'i.id' }, 'v.submitted_at, v.id') },
      query,
    );
    return { ...page, items: page.items.map((r) => ({ ...r, submittedAt: new Date(r.submittedAt).toISOString() })) };
  }

  async version(versionId: string): Promise<ModerationVersionView> {
    if (!UUID.test(versionId)) throw notFound('Listing version', versionId);
    const [r] = await this.db.query(
      `SELECT ${QUEUE_SELECT}, v.status, v.content, lv.content AS live_content, (lv.id = v.id) AS is_live
         FROM ${QUEUE_FROM} LEFT JOIN listing_versions lv ON lv.id = i.live_version_id WHERE v.id = $1`,
      [versionId],
    );
    // Drafts are the vendor's work in progress: the operator sees versions once submitted.
    if (!r || r.status === 'draft') throw notFound('Listing version', versionId);
    const content = normaliseContent(r.content);
    const live = r.live_content && !r.is_live ? normaliseContent(r.live_content) : null;
    const ids = [...content.capabilityIds, ...(live?.capabilityIds ?? [])];
    const epicIds = [...content.epicIds, ...(live?.epicIds ?? [])];
    const frameworkIds = [...content.frameworkIds, ...(live?.frameworkIds ?? [])];
    const [caps, epics, frameworks] = await Promise.all([
      this.db.query(`SELECT id, name FROM capabilities WHERE id = ANY($1)`, [ids]),
      this.db.query(`SELECT id, name FROM epics WHERE id = ANY($1)`, [epicIds]),
      this.db.query(`SELECT id, name FROM frameworks WHERE id = ANY($1)`, [frameworkIds]),
    ]);
    const names = {
      capabilities: new Map<number, string>(caps.map((c: any) => [c.id, c.name])),
      epics: new Map<string, string>(epics.map((e: any) => [e.id, e.name])),
      frameworks: new Map<string, string>(frameworks.map((f: any) => [f.id, f.name])),
    };
    const { is_live: _l, live_content: _c, content: _x, ...entry } = r;
    return {
      ...entry,
      submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
      content,
      liveContent: live,
      changes: diffListings(live, content, names),
    };
  }

  private async lockSubmitted(m: { query: DataSource['query'] }, versionId: string) {
    if (!UUID.test(versionId)) throw notFound('Listing version', versionId);
    const [v] = await m.query(`SELECT * FROM listing_versions WHERE id = $1 FOR UPDATE`, [versionId]);
    if (!v) throw notFound('Listing version', versionId);
    const [item] = await m.query(`SELECT * FROM catalogue_items WHERE id = $1 FOR UPDATE`, [v.item_id]);
    if (v.status !== 'submitted') throw conflict('not-submitted', `Version ${v.version} of ${v.item_id} is ${v.status}, not awaiting a decision.`);
    return { v, item };
  }

  /**
   * Approving makes the version live and supersedes the previous one. A first approval publishes
   * the item; a change to a suspended, in-remediation or unpublished item updates its content but
   * leaves its status alone (reinstating is a separate decision).
   */
  async approve(actor: Actor, versionId: string): Promise<DecisionView> {
    return this.db.transaction(async (m) => {
      const { v, item } = await this.lockSubmitted(m, versionId);
      const before: PublicationStatus = item.publication_status;
      const status: PublicationStatus = ['draft', 'submitted', 'rejected', 'published'].includes(before) ? 'published' : before;
      if (item.live_version_id) await m.query(`UPDATE listing_versions SET status = 'superseded', updated_at = now() WHERE id = $1`, [item.live_version_id]);
      await m.query(`UPDATE listing_versions SET status = 'approved', decided_by = $2, decided_at = now(), updated_at = now() WHERE id = $1`, [v.id, actor.userId]);
      await m.query(
        `UPDATE catalogue_items SET live_version_id = $2, publication_status = $3, first_published_at = coalesce(first_published_at, now()),
                last_published_at = now(), updated_at = now() WHERE id = $1`,
        [item.id, v.id, status],
      );
      await m.query(`SELECT refresh_catalogue_search($1)`, [item.id]);
      await this.audit.record(
        {
          action: 'listing.approved',
          actor,
          organisationId: item.supplier_id,
          objectType: 'catalogue_item',
          objectId: item.id,
          before: { status: before, liveVersionId: item.live_version_id },
          after: { status, liveVersionId: v.id, version: v.version },
        },
        m,
      );
      return { versionId: v.id, itemId: item.id, status: 'approved', publicationStatus: status };
    });
  }

  /** Rejecting keeps whatever is live; an item never published becomes rejected. */
  async reject(actor: Actor, versionId: string, reason: string): Promise<DecisionView> {
    return this.db.transaction(async (m) => {
      const { v, item } = await this.lockSubmitted(m, versionId);
      const before: PublicationStatus = item.publication_status;
      const status: PublicationStatus = item.live_version_id ? before : 'rejected';
      await m.query(`UPDATE listing_versions SET status = 'rejected', decided_by = $2, decided_at = now(), decision_reason = $3, updated_at = now() WHERE id = $1`, [
        v.id,
        actor.userId,
        reason.trim(),
      ]);
      if (status !== before) {
        await m.query(`UPDATE catalogue_items SET publication_status = $2, updated_at = now() WHERE id = $1`, [item.id, status]);
        await m.query(`SELECT refresh_catalogue_search($1)`, [item.id]);
      }
      await this.audit.record(
        {
          action: 'listing.rejected',
          actor,
          organisationId: item.supplier_id,
          objectType: 'catalogue_item',
          objectId: item.id,
          before: { status: before },
          after: { status, version: v.version, reason: reason.trim() },
        },
        m,
      );
      return { versionId: v.id, itemId: item.id, status: 'rejected', publicationStatus: status };
    });
  }

  async changePublication(actor: Actor, itemId: string, to: PublicationStatus, reason: string): Promise<PublicationChangeView> {
    if (!ITEM_ID.test(itemId)) throw notFound('Catalogue item', itemId);
    return this.db.transaction(async (m) => {
      const [item] = await m.query(`SELECT * FROM catalogue_items WHERE id = $1 FOR UPDATE`, [itemId]);
      if (!item) throw notFound('Catalogue item', itemId);
      const from: PublicationStatus = item.publication_status;
      const action = publicationTransition(from, to);
      if (!action || !OPERATOR_ACTIONS.includes(action) || !item.live_version_id) {
        throw conflict('invalid-transition', `A ${from.replace('_', ' ')} item cannot be made ${to.replace('_', ' ')}.`);
      }
      await m.query(
        `UPDATE catalogue_items SET publication_status = $2::varchar, updated_at = now(), last_published_at = CASE WHEN $2::varchar = 'published' THEN now() ELSE last_published_at END WHERE id = $1`,
        [itemId, to],
      );
      await m.query(`SELECT refresh_catalogue_search($1)`, [itemId]);
      await this.audit.record(
        { action: AUDIT_ACTION[action], actor, organisationId: item.supplier_id, objectType: 'catalogue_item', objectId: itemId, before: { status: from }, after: { status: to, reason: reason.trim() } },
        m,
      );
      return { itemId, before: from, after: to };
    });
  }
}
