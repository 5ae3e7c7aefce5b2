import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { api, ok } from '~/lib/api/client.server';
import { formatDate, formatDateTime } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { ORDER_STATUS_NAME } from '../orders/+shared/order';
import { PaymentSection } from '../orders/+shared/payments';
import { contractId } from './+shared/contract.server';
import { ContractSummary } from './+shared/contract-summary';
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
      <ContractSummary contract={contract} />
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
