import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { Actor } from '../../core/auth/roles';
import { conflict, forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { likeContains, orderBy, Page, pagedQuery, Where } from '../../core/http/paging';
import { OutboxService } from '../mail/outbox.service';
import { contractTerminated } from '../payments/contract-termination';
import { OcdsService } from '../ocds/ocds.service';
import { ContractDetail, ContractListQuery, ContractSummary, TerminateBody } from './dto/contracts.dto';
import { formatOrderNumber, isCalendarDay, LONDON_TODAY, todayInLondon } from './order.rules';

const FROM = `contracts c
  JOIN orders o ON o.id = c.order_id
  JOIN organisations b ON b.id = c.buyer_id
  JOIN organisations s ON s.id = c.supplier_id
  JOIN catalogue_items ci ON ci.id = c.solution_item_id
  JOIN listing_versions lv ON lv.id = ci.live_version_id`;

const SELECT = `c.id, o.number, o.revision, b.code AS buyer_code, b.name AS buyer_name, s.code AS supplier_code, s.name AS supplier_name,
  c.solution_item_id, lv.content->>'name' AS solution_name, c.framework_id, c.start_date, c.end_date, c.notice_deadline,
  c.notice_period_days, c.value_pence, c.termination_date, c.termination_reason, c.buyer_id,
  contract_status(c.start_date, c.end_date, c.termination_date, ${LONDON_TODAY}) AS status,
  (SELECT count(*)::int FROM contract_recipients cr WHERE cr.contract_id = c.id) AS recipient_count`;

/** Contracts created by completed orders: the buyer's, the recipients', the commissioner's and the supplier's view. */
@Injectable()
export class ContractsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly ocds: OcdsService,
  ) {}

  private scope(actor: Actor, where: Where): Where {
    const org = actor.organisation;
    switch (actor.role) {
      case 'operator':
        return where;
      case 'vendor':
        return where.add('c.supplier_id = ?', org.id);
      case 'commissioner': {
        const column = org.type === 'icb' ? 'icb_code' : 'sub_icb_code';
        return where.add(
          `(c.buyer_id = ? OR EXISTS (SELECT 1 FROM contract_recipients cr JOIN organisations p ON p.id = cr.practice_id WHERE cr.contract_id = c.id AND p.${column} = ?))`,
          org.id,
          org.code,
        );
      }
      default:
        return where.add('(c.buyer_id = ? OR EXISTS (SELECT 1 FROM contract_recipients cr WHERE cr.contract_id = c.id AND cr.practice_id = ?))', org.id, org.id);
    }
  }

  /** Soonest notice deadline first unless asked otherwise. */
  async list(actor: Actor, query: ContractListQuery): Promise<Page<ContractSummary>> {
    const where = this.scope(actor, new Where());
    if (query.status) where.add(`contract_status(c.start_date, c.end_date, c.termination_date, ${LONDON_TODAY}) = ?`, query.status);
    if (query.q?.trim()) where.add(`(s.name ILIKE ? OR lv.content->>'name' ILIKE ? OR b.name ILIKE ?)`, ...Array(3).fill(likeContains(query.q.trim())));
    const page = await pagedQuery<Record<string, any>>(
      this.db,
      {
        select: SELECT,
        from: FROM,
        where,
        orderBy: orderBy(query.sort, { noticeDeadline: 'c.notice_deadline', endDate: 'c.end_date', startDate: 'c.start_date', value: 'c.value_pence' }, 'c.notice_deadline ASC, c.id'),
      },
      query,
    );
    return { ...page, items: page.items.map(toSummary) };
  }

  async get(actor: Actor, id: string): Promise<ContractDetail> {
    const where = this.scope(actor, new Where().add('c.id = ?', id));
    const [row] = await this.db.query(`SELECT ${SELECT} FROM ${FROM} ${where.sql}`, where.params);
    if (!row) throw notFound('Contract', id);
    const [recipients, revisions] = await Promise.all([
      this.db.query(
        `SELECT p.code, p.name FROM contract_recipients cr JOIN organisations p ON p.id = cr.practice_id WHERE cr.contract_id = $1 ORDER BY p.name`,
        [id],
      ),
      this.db.query(`SELECT number, revision, status, completed_at FROM orders WHERE number = $1 AND status <> 'deleted' ORDER BY revision`, [row.number]),
    ]);
    return {
      ...toSummary(row),
      terminationReason: row.termination_reason,
      recipients,
      revisions: revisions.map((r: any) => ({
        ref: formatOrderNumber(r.number, r.revision),
        status: r.status,
        completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
      })),
      canTerminate: this.mayTerminate(actor, row),
    };
  }

  private mayTerminate(actor: Actor, row: { buyer_id: string; status: string; termination_date: string | null }): boolean {
    return (actor.role === 'practice_manager' || actor.role === 'commissioner') && actor.organisation.id === row.buyer_id && row.termination_date === null && (row.status === 'active' || row.status === 'pending');
  }

  /** Ends a contract early: a reason and a future date on or before its end date. Audited; the supplier is told. */
  async terminate(actor: Actor, id: string, body: TerminateBody): Promise<ContractDetail> {
    await this.db.transaction(async (m) => {
      const today = todayInLondon();
      const where = this.scope(actor, new Where().add('c.id = ?', id));
      const [row] = await m.query(`SELECT ${SELECT} FROM ${FROM} ${where.sql} FOR UPDATE OF c`, where.params);
      if (!row) throw notFound('Contract', id);
      if (actor.organisation.id !== row.buyer_id || (actor.role !== 'practice_manager' && actor.role !== 'commissioner')) {
        throw forbidden('Only the buyer can end this contract.');
      }
      if (row.termination_date) throw conflict('contract-terminated', `This contract is already ending on ${row.termination_date}.`);
      if (row.status === 'ended') throw conflict('contract-ended', 'This contract has already ended.');
      const date = body.terminationDate;
      if (!isCalendarDay(date)) throw validationFailed([{ field: 'terminationDate', message: 'Enter a real date, like 2027-06-30' }]);
      if (date <= today) throw validationFailed([{ field: 'terminationDate', message: 'The termination date must be in the future' }]);
      if (date > row.end_date) throw validationFailed([{ field: 'terminationDate', message: `The termination date must be on or before the contract’s end date (${row.end_date})` }]);
      const reason = body.reason.trim();
      await m.query(
        `UPDATE contracts SET termination_date = $2, termination_reason = $3, terminated_by = $4, terminated_at = now(), updated_at = now() WHERE id = $1`,
        [id, date, reason, actor.userId],
      );
      await m.query(`UPDATE orders SET status = 'terminated', updated_at = now() WHERE number = $1 AND status = 'completed'`, [row.number]);
      await contractTerminated(m, id, date); // payments: its subscription stops billing on the termination date
      await this.ocds.appendFor(id, 'termination', m);
      const ref = formatOrderNumber(row.number, row.revision);
      await this.audit.record(
        { action: 'contract.terminated', actor, objectType: 'contract', objectId: id, before: { terminationDate: null, endDate: row.end_date }, after: { terminationDate: date, reason, order: ref } },
        m,
      );
      const [order] = await m.query(`SELECT supplier_contact FROM orders WHERE id = (SELECT order_id FROM contracts WHERE id = $1)`, [id]);
      if (order?.supplier_contact?.email) {
        await this.outbox.enqueue(
          {
            to: order.supplier_contact.email,
            template: 'contract-terminated',
            subject: `Contract for order ${ref} ends on ${date}`,
            text: `${row.buyer_name} (${row.buyer_code}) is ending the contract for ${row.solution_name} (order ${ref}) on ${date}.\n\nReason: ${reason}`,
          },
          m,
        );
      }
    });
    return this.get(actor, id);
  }
}

function toSummary(r: any): ContractSummary {
  return {
    id: r.id,
    orderRef: formatOrderNumber(r.number, r.revision),
    buyer: { code: r.buyer_code, name: r.buyer_name },
    supplier: { code: r.supplier_code, name: r.supplier_name },
    solutionId: r.solution_item_id,
    solutionName: r.solution_name,
    frameworkId: r.framework_id,
    startDate: r.start_date,
    endDate: r.end_date,
    noticeDeadline: r.notice_deadline,
    noticePeriodDays: r.notice_period_days,
    valuePence: Number(r.value_pence),
    status: r.status,
    terminationDate: r.termination_date,
    recipientCount: r.recipient_count,
  };
}
