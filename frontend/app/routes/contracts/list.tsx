import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { ContractStatusTag, formatPence } from '../orders/+shared/order';
import type { Route } from './+types/list';

export const meta = titled('Contracts');

const PAGE_SIZE = 25;

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['practice_manager', 'commissioner', 'vendor', 'operator'], context);
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  // The API lists them soonest notice deadline first.
  const contracts = await ok(request, api(request).GET('/api/contracts', { params: { query: { page, pageSize: PAGE_SIZE } } }));
  return { contracts, role: session.role, search: url.searchParams.toString() };
}

export default function Contracts({ loaderData }: Route.ComponentProps) {
  const { contracts, role, search } = loaderData;
  return (
    <>
      <h1>Contracts</h1>
      <p className="max-w-3xl">
        {role === 'vendor' ? 'Contracts for your solutions and services' : 'Contracts from completed orders'}, soonest notice deadline first. Give notice
        by the notice deadline to end a contract on its end date.
      </p>
      <ResultCount page={contracts.page} pageSize={contracts.pageSize} total={contracts.total} noun={['contract', 'contracts']} />
      {contracts.items.length ? (
        <DataTable id="contracts" caption="Contracts, soonest notice deadline first">
          <thead>
            <tr>
              <th scope="col">Solution</th>
              {role !== 'practice_manager' ? <th scope="col">Buyer</th> : null}
              <th scope="col">Supplier</th>
              <th scope="col">Status</th>
              <th scope="col">End date</th>
              <th scope="col">Notice deadline</th>
              <th scope="col" className="text-right">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {contracts.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/contracts/${c.id}`}>{c.solutionName}</Link>
                  <br />
                  <span className="text-ink-secondary">Order {c.orderRef}</span>
                </td>
                {role !== 'practice_manager' ? (
                  <td>
                    {c.buyer.name} ({c.buyer.code})
                  </td>
                ) : null}
                <td>{c.supplier.name}</td>
                <td>
                  <ContractStatusTag status={c.status} />
                </td>
                <td>{formatDate(c.terminationDate ?? c.endDate)}</td>
                <td>{formatDate(c.noticeDeadline)}</td>
                <td className="text-right">{formatPence(c.valuePence)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>There are no contracts yet. They are created when orders are completed.</p>
      )}
      <Pagination page={contracts.page} pageSize={contracts.pageSize} total={contracts.total} search={search} label="Contract pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
