import { formatDate } from '~/lib/format';
import { ContractStatusTag, formatPence } from '../../orders/+shared/order';

/** What the contract pages (the buyer's, the register's, the order's) show about a contract; parts a page lacks are left out. */
export interface ContractFacts {
  status: string;
  orderRef?: string;
  buyer?: { name: string; code: string };
  supplier?: { name: string; code: string };
  solutionName?: string;
  solutionId?: string;
  frameworkId?: string;
  startDate: string;
  endDate: string;
  noticeDeadline: string;
  noticePeriodDays?: number;
  valuePence: number;
  terminationDate?: string | null;
  terminationReason?: string | null;
}

/**
 * One summary list for a contract's parties, dates, value and early ending, the same wherever it is
 * shown. Without `parties` (the order page, which names them already) it keeps to status, dates and value.
 */
export function ContractSummary({ contract, testId, parties = true }: { contract: ContractFacts; testId?: string; parties?: boolean }) {
  const c: ContractFacts = parties ? contract : { ...contract, orderRef: undefined, buyer: undefined, supplier: undefined, solutionName: undefined, frameworkId: undefined };
  return (
    <dl className="summary-list max-w-3xl" data-testid={testId}>
      <div>
        <dt>Status</dt>
        <dd>
          <ContractStatusTag status={c.status} />
        </dd>
      </div>
      {c.orderRef ? (
        <div>
          <dt>Order</dt>
          <dd>{c.orderRef}</dd>
        </div>
      ) : null}
      {c.buyer ? (
        <div>
          <dt>Buyer</dt>
          <dd>
            {c.buyer.name} ({c.buyer.code})
          </dd>
        </div>
      ) : null}
      {c.supplier ? (
        <div>
          <dt>Supplier</dt>
          <dd>
            {c.supplier.name} ({c.supplier.code})
          </dd>
        </div>
      ) : null}
      {c.solutionName ? (
        <div>
          <dt>Solution</dt>
          <dd>
            {c.solutionName} ({c.solutionId})
          </dd>
        </div>
      ) : null}
      {c.frameworkId ? (
        <div>
          <dt>Framework</dt>
          <dd>{c.frameworkId}</dd>
        </div>
      ) : null}
      <div>
        <dt>Start date</dt>
        <dd data-testid="contract-start">{formatDate(c.startDate)}</dd>
      </div>
      <div>
        <dt>End date</dt>
        <dd data-testid="contract-end">{formatDate(c.endDate)}</dd>
      </div>
      <div>
        <dt>Notice deadline</dt>
        <dd>
          <span data-testid="contract-notice">{formatDate(c.noticeDeadline)}</span>
          {c.noticePeriodDays != null ? <span className="text-ink-secondary"> ({c.noticePeriodDays} days’ notice)</span> : null}
        </dd>
      </div>
      <div>
        <dt>Value (whole term, VAT excluded)</dt>
        <dd data-testid="contract-value">{formatPence(c.valuePence)}</dd>
      </div>
      {c.terminationDate ? (
        <>
          <div>
            <dt>Ends early on</dt>
            <dd>{formatDate(c.terminationDate)}</dd>
          </div>
          <div>
            <dt>Reason for ending</dt>
            <dd>{c.terminationReason ?? ''}</dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}
