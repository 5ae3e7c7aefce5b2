import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { formatPence } from './+shared/order';
import type { Route } from './+types/approvals';

export const meta = titled('Orders awaiting your approval');

const PAGE_SIZE = 25;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['commissioner'], context);
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const queue = await ok(request, api(request).GET('/api/orders/approvals', { params: { query: { page, pageSize: PAGE_SIZE } } }));
  const approved = url.searchParams.get('approved');
  const returned = url.searchParams.get('returned');
  return { queue, search: url.searchParams.toString(), approved, returned };
}

export default function Approvals({ loaderData }: Route.ComponentProps) {
  const { queue, search, approved, returned } = loaderData;
  return (
    <>
      {approved ? <SuccessNotice>Order {approved} has been approved and completed.</SuccessNotice> : null}
      {returned ? <SuccessNotice>Order {returned} has been returned to the buyer.</SuccessNotice> : null}
      <p className="mb-4">
        <Link to="/orders">Back to orders</Link>
      </p>
      <h1>Orders awaiting your approval</h1>
      <p className="max-w-3xl">
        These orders use central (GP IT) funding, so a commissioner other than the person who sent them must approve them. Oldest first.
      </p>
      <ResultCount page={queue.page} pageSize={queue.pageSize} total={queue.total} noun={['order', 'orders']} />
      {queue.items.length ? (
        <DataTable id="approvals" caption="Orders awaiting approval">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Description</th>
              <th scope="col">Ordering party</th>
              <th scope="col">Supplier</th>
              <th scope="col">Commencement</th>
              <th scope="col" className="text-right">
                Whole-term value
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.items.map((o) => (
              <tr key={o.ref}>
                <td>
                  <Link to={`/orders/${o.ref}`}>{o.ref}</Link>
                </td>
                <td>{o.description ?? ''}</td>
                <td>
                  {o.orderingParty.name} ({o.orderingParty.code})
                </td>
                <td>{o.supplier?.name ?? ''}</td>
                <td>{formatDate(o.commencementDate)}</td>
                <td className="text-right">{o.wholeTermPence != null ? formatPence(o.wholeTermPence) : ''}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>There are no orders waiting for your approval.</p>
      )}
      <Pagination page={queue.page} pageSize={queue.pageSize} total={queue.total} search={search} label="Approval queue pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
