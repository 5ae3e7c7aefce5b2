import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { api, ok } from '~/lib/api/client.server';
import { formatDate, formatDateTime } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { ContractStatusTag, formatPence, ORDER_STATUS_NAME } from '../orders/+shared/order';
import { PaymentSection } from '../orders/+shared/payments';
import { contractId } from './+shared/contract.server';
import type { Route } from './+types/contract';

export const meta: Route.MetaFunction = ({ data: d, error }) => [
  { title: error || !d ? errorTitle(error) : pageTitle(`Contract for ${d.contract.solutionName}`) },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['practice_manager', 'commissioner', 'vendor', 'operator'], context);
  const id = contractId(params);
  const contract = await ok(request, api(request).GET('/api/contracts/{id}', { params: { path: { id } } }));
  const payments = await ok(request, api(request).GET('/api/contracts/{id}/payments', { params: { path: { id } } }));
  return { contract, payments, terminated: new URL(request.url).searchParams.get('terminated') === '1' };
}

export default function Contract({ loaderData }: Route.ComponentProps) {
  const { contract, payments, terminated } = loaderData;
  return (
    <>
      {terminated ? <SuccessNotice>The contract will end on {formatDate(contract.terminationDate)}.</SuccessNotice> : null}
      <p className="mb-4">
        <Link to="/contracts">Back to contracts</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">Contract</span>
      <h1>
        {contract.solutionName} for {contract.buyer.name}
      </h1>
      <dl className="summary-list max-w-3xl">
        <div>
          <dt>Status</dt>
          <dd>
            <ContractStatusTag status={contract.status} />
          </dd>
        </div>
        <div>
          <dt>Buyer</dt>
          <dd>
            {contract.buyer.name} ({contract.buyer.code})
          </dd>
        </div>
        <div>
          <dt>Supplier</dt>
          <dd>
            {contract.supplier.name} ({contract.supplier.code})
          </dd>
        </div>
        <div>
          <dt>Solution</dt>
          <dd>
            {contract.solutionName} ({contract.solutionId})
          </dd>
        </div>
        <div>
          <dt>Framework</dt>
          <dd>{contract.frameworkId}</dd>
        </div>
        <div>
          <dt>Start date</dt>
          <dd data-testid="contract-start">{formatDate(contract.startDate)}</dd>
        </div>
        <div>
          <dt>End date</dt>
          <dd data-testid="contract-end">{formatDate(contract.endDate)}</dd>
        </div>
        <div>
          <dt>Notice deadline</dt>
          <dd>
            <span data-testid="contract-notice">{formatDate(contract.noticeDeadline)}</span>{' '}
            <span className="text-ink-secondary">({contract.noticePeriodDays} days’ notice)</span>
          </dd>
        </div>
        <div>
          <dt>Value (whole term, VAT excluded)</dt>
          <dd data-testid="contract-value">{formatPence(contract.valuePence)}</dd>
        </div>
        {contract.terminationDate ? (
          <>
            <div>
              <dt>Ends early on</dt>
              <dd>{formatDate(contract.terminationDate)}</dd>
            </div>
            <div>
              <dt>Reason for ending</dt>
              <dd>{contract.terminationReason ?? ''}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {contract.canTerminate ? (
        <p>
          <Link to={`/contracts/${contract.id}/terminate`} className="button button-warning">
            End this contract
          </Link>
        </p>
      ) : null}

      <PaymentSection payments={payments} payAt={`/orders/${contract.orderRef}`} />

      <h2>Service recipients ({contract.recipients.length})</h2>
      <ul className="mb-8 list-disc pl-6">
        {contract.recipients.map((r) => (
          <li key={r.code}>
            {r.name} ({r.code})
          </li>
        ))}
      </ul>

      <h2>Order revisions</h2>
      <DataTable id="revisions" caption="Order revisions of this contract">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Status</th>
            <th scope="col">Completed</th>
          </tr>
        </thead>
        <tbody>
          {contract.revisions.map((r) => (
            <tr key={r.ref}>
              <td>
                <Link to={`/orders/${r.ref}`}>{r.ref}</Link>
              </td>
              <td>{ORDER_STATUS_NAME[r.status] ?? r.status}</td>
              <td>{r.completedAt ? formatDateTime(r.completedAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
