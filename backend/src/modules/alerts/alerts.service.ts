import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import type { Actor } from '../../core/auth/roles';
import { notFound } from '../../core/errors/domain-error';
import { pageParams } from '../../core/http/paging';
import { OutboxService, OutgoingEmail } from '../mail/outbox.service';
import { formatOrderNumber, todayInLondon } from '../ordering/order.rules';
import {
  AlertRunResult,
  GROUP_TEXT,
  KIND_GROUPS,
  KindGroup,
  NotificationListQuery,
  NOTIFICATIONS_PER_PAGE,
  NotificationPage,
  NotificationPreferences,
  NotificationView,
  UpdateNotificationPreferences,
} from './dto/alerts.dto';

/** Days before a notice deadline or end date when an alert is raised. */
export const MILESTONES = [180, 90, 30] as const;

/**
 * Everyone told about a contract (alias `c`): members of the buyer organisation, of its recipient
 * practices, and commissioners of the ICB or sub-ICB location of each recipient practice, the
 * same people who can open it on /contracts/{id}.
 */
const AUDIENCE = `
  SELECT m.user_id FROM memberships m WHERE m.organisation_id = c.buyer_id
  UNION
  SELECT m.user_id FROM contract_recipients cr JOIN memberships m ON m.organisation_id = cr.practice_id WHERE cr.contract_id = c.id
  UNION
  SELECT m.user_id FROM contract_recipients cr
    JOIN organisations p ON p.id = cr.practice_id
    JOIN organisations a ON a.code IN (p.icb_code, p.sub_icb_code) AND a.type IN ('icb', 'sub_icb')
    JOIN memberships m ON m.organisation_id = a.id AND m.role = 'commissioner'
   WHERE cr.contract_id = c.id`;

interface NewNotification {
  userId: string;
  email: string;
  kind: string;
  contractId: string | null;
  targetDate: string | null;
  itemId: string | null;
  statusSince: string | null;
  title: string;
  body: string;
  link: string;
  inApp: boolean;
  emailed: boolean;
}

const BATCH = 5000;

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** 2027-03-01 → 1 March 2027 */
const longDate = (day: string) => DAY.format(new Date(`${day}T00:00:00Z`));
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/**
 * Alerts (product.md §4 Contracts): notifications 180, 90 and 30 days before each contract's
 * notice deadline and end date, and when a contracted solution becomes Lapsed or Failed. Each is
 * a row per user in `notifications` (the ledger that makes it happen once: unique keys and
 * INSERT … ON CONFLICT DO NOTHING), listed in the portal when the user wants it in-app and
 * emailed through the outbox, in the same transaction, when they want email.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger('Alerts');

  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The daily job: raises every alert due on `today` (a UK calendar day) in one transaction.
   * Safe to run twice, or on two replicas at once: the second raises nothing.
   */
  async run(today: string = todayInLondon()): Promise<AlertRunResult> {
    const result = await this.db.transaction(async (m) => {
      const deadlines = await this.deadlineAlerts(m, today);
      const accreditation = await this.accreditationAlerts(m, today);
      return this.raise(m, [...deadlines, ...accreditation]);
    });
    if (result.raised) this.logger.log(`Raised ${result.raised} alerts (${result.emails} emails) for ${today}`);
    return result;
  }

  /** The prompt path: alerts for one solution whose accreditation just changed, in the caller's transaction. */
  async raiseForItem(m: EntityManager, itemId: string, today: string = todayInLondon()): Promise<AlertRunResult> {
    return this.raise(m, await this.accreditationAlerts(m, today, itemId));
  }

  /**
   * Contracts (not ending early) whose notice deadline or end date is 1–180 days away. Each gets
   * the alert for the nearest milestone it has reached: at 85 days the 90-day alert, and the
   * 180-day one is then never raised; so a day the job missed is caught up once, without a
   * backlog of stale alerts. A contract whose alert for that milestone and date exists is skipped.
   */
  private async deadlineAlerts(m: EntityManager, today: string): Promise<NewNotification[]> {
    const rows: any[] = await m.query(
      `WITH candidates AS (
         SELECT id, 'notice' AS what, notice_deadline AS target FROM contracts
          WHERE notice_deadline > $1::date AND notice_deadline <= $1::date + 180 AND termination_date IS NULL
         UNION ALL
         SELECT id, 'end', end_date FROM contracts
          WHERE end_date > $1::date AND end_date <= $1::date + 180 AND termination_date IS NULL
       ), due AS (
         SELECT x.id, x.target, x.target - $1::date AS days_left,
                x.what || '-' || CASE WHEN x.target - $1::date <= 30 THEN '30' WHEN x.target - $1::date <= 90 THEN '90' ELSE '180' END AS kind
           FROM candidates x
       )
       SELECT d.id AS "contractId", d.kind, d.target AS "targetDate", d.days_left AS "daysLeft",
              o.number, o.revision, b.name AS "buyerName", s.name AS "supplierName",
              coalesce(lv.content->>'name', c.solution_item_id) AS "solutionName", c.end_date AS "endDate",
              u.id AS "userId", u.email, coalesce(np.in_app, true) AS "inApp", coalesce(np.email, true) AS "emailed"
         FROM due d
         JOIN contracts c ON c.id = d.id
         JOIN orders o ON o.id = c.order_id
         JOIN organisations b ON b.id = c.buyer_id
         JOIN organisations s ON s.id = c.supplier_id
         JOIN catalogue_items ci ON ci.id = c.solution_item_id
         LEFT JOIN listing_versions lv ON lv.id = ci.live_version_id
         JOIN LATERAL (${AUDIENCE}) a ON true
         JOIN users u ON u.id = a.user_id AND u.status = 'active'
         LEFT JOIN notification_preferences np ON np.user_id = u.id
              AND np.kind_group = CASE WHEN d.kind LIKE 'notice-%' THEN 'notice-deadlines' ELSE 'end-dates' END
        -- the kind test lets PostgreSQL use the partial unique index notifications_deadline_key
        WHERE NOT EXISTS (SELECT 1 FROM notifications n
                           WHERE n.contract_id = d.id AND n.kind = d.kind AND n.target_date = d.target AND n.kind NOT LIKE 'accreditation-%')
        ORDER BY d.id, d.kind, u.id`,
      [today],
    );
    return rows.map((r) => {
      const ref = formatOrderNumber(r.number, r.revision);
      const notice = r.kind.startsWith('notice-');
      const what = `${r.solutionName} from ${r.supplierName} (order ${ref}, ${r.buyerName})`;
      return {
        userId: r.userId,
        email: r.email,
        kind: r.kind,
        contractId: r.contractId,
        targetDate: r.targetDate,
        itemId: null,
        statusSince: null,
        title: notice
          ? `Notice deadline in ${days(r.daysLeft)}: ${r.solutionName} (${ref})`
          : `Contract ends in ${days(r.daysLeft)}: ${r.solutionName} (${ref})`,
        body: notice
          ? `The last day to give notice on the contract for ${what} is ${longDate(r.targetDate)}. Decide before then whether to end it, replace it or switch; the contract ends on ${longDate(r.endDate)}.`
          : `The contract for ${what} ends on ${longDate(r.targetDate)}. Make sure a replacement or a switch is in place before then.`,
        link: `/contracts/${r.contractId}`,
        inApp: r.inApp,
        emailed: r.emailed,
      };
    });
  }

  /**
   * Solutions whose accreditation is Lapsed or Failed since a change not yet alerted, with active
   * or pending contracts. One alert per user, solution and change (not one per contract: a
   * commissioner with many contracts for the solution hears once), linking to the contract when
   * the user has just one (else to their contracts). The supplier's vendor users are told too.
   */
  private async accreditationAlerts(m: EntityManager, today: string, itemId: string | null = null): Promise<NewNotification[]> {
    const rows: any[] = await m.query(
      `WITH changed AS (
         SELECT i.id, 'accreditation-' || i.accreditation_status AS kind, i.accreditation_status_since AS since,
                i.accreditation_reason AS reason, i.accreditation_status AS status, i.supplier_id
           FROM catalogue_items i
          WHERE i.accreditation_status IN ('lapsed', 'failed') AND i.accreditation_status_since IS NOT NULL
            AND ($2::text IS NULL OR i.id = $2)
            AND NOT EXISTS (SELECT 1 FROM notifications n
                             WHERE n.item_id = i.id AND n.kind = 'accreditation-' || i.accreditation_status AND n.status_since = i.accreditation_status_since
                               AND n.kind LIKE 'accreditation-%')
       ), affected AS (
         SELECT ch.*, c.id AS contract_id
           FROM changed ch JOIN contracts c ON c.solution_item_id = ch.id
          WHERE contract_status(c.start_date, c.end_date, c.termination_date, $1::date) IN ('active', 'pending')
       ), told AS (
         SELECT af.id, af.contract_id, a.user_id FROM affected af JOIN contracts c ON c.id = af.contract_id JOIN LATERAL (${AUDIENCE}) a ON true
         UNION
         SELECT af.id, af.contract_id, m.user_id FROM affected af JOIN memberships m ON m.organisation_id = af.supplier_id AND m.role = 'vendor'
       ), per_user AS (
         SELECT id, user_id, count(DISTINCT contract_id)::int AS contracts, min(contract_id::text) AS contract_id FROM told GROUP BY id, user_id
       )
       SELECT ch.id AS "itemId", ch.kind, ch.since::text AS "statusSince", to_char(ch.since AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "sinceDay",
              ch.reason, coalesce(lv.content->>'name', ch.id) AS "solutionName", s.name AS "supplierName",
              pu.contracts, pu.contract_id AS "contractId",
              u.id AS "userId", u.email, coalesce(np.in_app, true) AS "inApp", coalesce(np.email, true) AS "emailed"
         FROM per_user pu
         JOIN changed ch ON ch.id = pu.id
         JOIN catalogue_items ci ON ci.id = ch.id
         LEFT JOIN listing_versions lv ON lv.id = ci.live_version_id
         JOIN organisations s ON s.id = ch.supplier_id
         JOIN users u ON u.id = pu.user_id AND u.status = 'active'
         LEFT JOIN notification_preferences np ON np.user_id = u.id AND np.kind_group = 'accreditation'
        ORDER BY ch.id, ch.kind, u.id`,
      [today, itemId],
    );
    return rows.map((r) => {
      const status = r.kind === 'accreditation-failed' ? 'Failed' : 'Lapsed';
      const single = r.contracts === 1;
      return {
        userId: r.userId,
        email: r.email,
        kind: r.kind,
        contractId: single ? r.contractId : null,
        targetDate: null,
        itemId: r.itemId,
        statusSince: r.statusSince,
        title: `${r.solutionName} is now ${status}`,
        body:
          `The accreditation of ${r.solutionName} from ${r.supplierName} is ${status} since ${longDate(r.sinceDay)}` +
          (r.reason ? `: ${r.reason}` : '.') +
          (r.reason && !/[.!?]$/.test(r.reason) ? '.' : '') +
          ` ${single ? 'A contract you can see is' : `${r.contracts} contracts you can see are`} for it and flagged in the contract register. It cannot be ordered until it is accredited again.`,
        link: single ? `/contracts/${r.contractId}` : '/contracts',
        inApp: r.inApp,
        emailed: r.emailed,
      };
    });
  }

  /**
   * Writes the notifications; those that already existed (another run got there first) are
   * skipped, and only the ones this call wrote are emailed: one email per user per call.
   */
  private async raise(m: EntityManager, all: NewNotification[]): Promise<AlertRunResult> {
    const written: NewNotification[] = [];
    for (let i = 0; i < all.length; i += BATCH) {
      const batch = all.slice(i, i + BATCH);
      const col = <K extends keyof NewNotification>(k: K) => batch.map((n) => n[k]);
      const rows: { user_id: string; kind: string; contract_id: string | null; target_date: string | null; item_id: string | null }[] = await m.query(
        `INSERT INTO notifications (user_id, kind, contract_id, target_date, item_id, status_since, title, body, link, in_app, emailed)
         SELECT user_id, kind, contract_id, target_date, item_id, status_since, title, body, link, in_app, emailed
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::date[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::boolean[], $12::int[])
                AS t(user_id, kind, contract_id, target_date, item_id, status_since, title, body, link, in_app, emailed, i)
          ORDER BY i
         ON CONFLICT DO NOTHING
         RETURNING user_id, kind, contract_id, target_date, item_id`,
        [
          col('userId'),
          col('kind'),
          col('contractId'),
          col('targetDate'),
          col('itemId'),
          col('statusSince'),
          col('title'),
          col('body'),
          col('link'),
          col('inApp'),
          col('emailed'),
          batch.map((_, j) => j),
        ],
      );
      // Within one call a user has at most one alert per kind and contract (deadlines) or solution (accreditation).
      const key = (userId: string, kind: string, contractId: string | null, targetDate: string | null, itemId: string | null) =>
        [userId, kind, contractId ?? '', targetDate ?? '', itemId ?? ''].join('|');
      const inserted = new Set(rows.map((r) => key(r.user_id, r.kind, r.contract_id, r.target_date, r.item_id)));
      written.push(...batch.filter((n) => inserted.has(key(n.userId, n.kind, n.contractId, n.targetDate, n.itemId))));
    }
    const emails = this.digests(written.filter((n) => n.emailed));
    await this.outbox.enqueueAll(emails, m);
    return { raised: written.length, emails: emails.length };
  }

  /** One email per user listing the alerts just raised for them. */
  private digests(notifications: NewNotification[]): OutgoingEmail[] {
    const byUser = new Map<string, NewNotification[]>();
    for (const n of notifications) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);
    const base = this.config.publicUrl;
    return [...byUser.values()].map((list) => ({
      to: list[0].email,
      template: list.some((n) => n.kind.startsWith('accreditation-')) ? 'accreditation-alert' : 'contract-alert',
      subject: list.length === 1 ? list[0].title : `${list.length} contract alerts from the GP IT Marketplace`,
      text:
        list.map((n) => `${n.title}\n\n${n.body}\n${base}${n.link}`).join('\n\n----\n\n') +
        `\n\nSee all your notifications: ${base}/notifications\nChoose which alerts you get: ${base}/notifications/preferences`,
    }));
  }

  // ---- the signed-in user's notifications and preferences

  async list(actor: Actor, query: NotificationListQuery): Promise<NotificationPage> {
    const { page, pageSize, offset } = pageParams(query, NOTIFICATIONS_PER_PAGE);
    const unreadOnly = query.unread === true;
    const [[{ total, unread }], items] = await Promise.all([
      this.db.query(
        `SELECT count(*) FILTER (WHERE NOT $2::boolean OR read_at IS NULL)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
           FROM notifications WHERE user_id = $1 AND in_app`,
        [actor.userId, unreadOnly],
      ),
      this.db.query(
        `SELECT id, kind, title, body, link, contract_id AS "contractId", item_id AS "itemId", created_at AS "createdAt", read_at AS "readAt"
           FROM notifications
          WHERE user_id = $1 AND in_app AND (NOT $2::boolean OR read_at IS NULL)
          ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
        [actor.userId, unreadOnly, pageSize, offset],
      ),
    ]);
    return { items: items.map(view), total, page, pageSize, unread };
  }

  async unreadCount(actor: Actor): Promise<number> {
    const [{ unread }] = await this.db.query(`SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND in_app AND read_at IS NULL`, [actor.userId]);
    return unread;
  }

  /** Marks one of the user's notifications read (again: no change); anyone else's is a 404. */
  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    // An UPDATE answers [rows, count].
    const [[row]] = await this.db.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 AND in_app
       RETURNING id, kind, title, body, link, contract_id AS "contractId", item_id AS "itemId", created_at AS "createdAt", read_at AS "readAt"`,
      [id, actor.userId],
    );
    if (!row) throw notFound('Notification', id);
    return view(row);
  }

  async markAllRead(actor: Actor): Promise<number> {
    const [, count] = await this.db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND in_app AND read_at IS NULL`, [actor.userId]);
    return count ?? 0;
  }

  async preferences(actor: Actor): Promise<NotificationPreferences> {
    const rows: { group: KindGroup; inApp: boolean; email: boolean }[] = await this.db.query(
      `SELECT kind_group AS "group", in_app AS "inApp", email FROM notification_preferences WHERE user_id = $1`,
      [actor.userId],
    );
    return {
      preferences: KIND_GROUPS.map((group) => {
        const row = rows.find((r) => r.group === group);
        return { group, ...GROUP_TEXT[group], inApp: row?.inApp ?? true, email: row?.email ?? true };
      }),
    };
  }

  async updatePreferences(actor: Actor, body: UpdateNotificationPreferences): Promise<NotificationPreferences> {
    const prefs = body.preferences;
    await this.db.query(
      `INSERT INTO notification_preferences (user_id, kind_group, in_app, email)
       SELECT $1, g, a, e FROM unnest($2::text[], $3::boolean[], $4::boolean[]) AS t(g, a, e)
       ON CONFLICT (user_id, kind_group) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = now()`,
      [actor.userId, prefs.map((p) => p.group), prefs.map((p) => p.inApp), prefs.map((p) => p.email)],
    );
    return this.preferences(actor);
  }
}

function view(r: any): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    contractId: r.contractId,
    itemId: r.itemId,
    createdAt: new Date(r.createdAt).toISOString(),
    readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
  };
}

