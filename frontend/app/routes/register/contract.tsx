import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { JsonValue } from '~/components/json-value';
import { api, ok } from '~/lib/api/client.server';
import { formatDate, formatDateTime } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { contractId } from '../contracts/+shared/contract.server';
import { ORDER_STATUS_NAME } from '../orders/+shared/order';
import { ContractSummary } from '../contracts/+shared/contract-summary';
import { EnforcementFlag } from './flag';
import type { Route } from './+types/contract';

export const meta: Route.MetaFunction = ({ data: d, error }) => [
  { title: error || !d ? errorTitle(error) : pageTitle(`Register: contract for ${d.contract.solutionName}`) },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['commissioner', 'operator'], context);
  const id = contractId(params);
  const contract = await ok(request, api(request).GET('/api/register/contracts/{id}', { params: { path: { id } } }));
  return { contract };
}

export default function RegisterContract({ loaderData }: Route.ComponentProps) {
  const { contract } = loaderData;
  return (
    <>
      <p className="mb-4">
        <Link to="/register">Back to the contract register</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">Contract register</span>
      <h1>
        {contract.solutionName} for {contract.buyer.name}
      </h1>
      {contract.flag ? (
        <div className="mb-6 max-w-3xl border-l-4 border-danger bg-white p-4" role="note" aria-label="Enforcement">
          <p className="mb-2 font-bold">This solution’s accreditation has {contract.flag.status === 'lapsed' ? 'lapsed' : 'failed'}. It cannot be ordered.</p>
          <EnforcementFlag flag={contract.flag} />
        </div>
      ) : null}
      <ContractSummary contract={contract} />

      <h2>Service recipients</h2>
      <ul className="max-w-3xl">
        {contract.recipients.map((r) => (
          <li key={r.code}>
            {r.name} ({r.code})
          </li>
        ))}
      </ul>

      <h2>Order revisions</h2>
      <DataTable id="revisions" caption="Order revisions">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Status</th>
            <th scope="col">Commencement</th>
            <th scope="col">Started</th>
            <th scope="col">Completed</th>
          </tr>
        </thead>
        <tbody>
          {contract.revisions.map((r) => (
            <tr key={r.ref}>
              <td>{r.ref}</td>
              <td>{ORDER_STATUS_NAME[r.status] ?? r.status}</td>
              <td>{formatDate(r.commencementDate)}</td>
              <td>{formatDateTime(r.createdAt)}</td>
              <td>{r.completedAt ? formatDateTime(r.completedAt) : 'Not completed'}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <h2 className="mt-8">History</h2>
      {contract.history.length ? (
        <DataTable id="history" caption="Audit history of the contract and its orders, oldest first">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Who</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {contract.history.map((h) => (
              <tr key={h.id}>
                <td>{formatDateTime(h.occurredAt)}</td>
                <td>
                  {h.action}
                  <br />
                  <span className="text-ink-secondary">
                    {h.objectType} {h.objectType === 'order' ? h.objectId : ''}
                  </span>
                </td>
                <td>{h.actorEmail ?? 'System'}</td>
                <td>{h.after ? <JsonValue value={h.after} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>No recorded events.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
