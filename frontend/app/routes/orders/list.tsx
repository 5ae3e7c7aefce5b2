import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { formatPence, OrderStatusTag } from './+shared/order';
import type { Route } from './+types/list';

export const meta = titled('Orders');

const PAGE_SIZE = 25;

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['practice_manager', 'commissioner', 'vendor', 'operator'], context);
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const client = api(request);
  const [orders, approvals] = await Promise.all([
    ok(request, client.GET('/api/orders', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    session.role === 'commissioner' ? ok(request, client.GET('/api/orders/approvals', { params: { query: { pageSize: 1 } } })) : Promise.resolve(null),
  ]);
  return { orders, awaitingApproval: approvals?.total ?? null, role: session.role, search: url.searchParams.toString(), deleted: url.searchParams.get('deleted') };
}

export default function Orders({ loaderData }: Route.ComponentProps) {
  const { orders, awaitingApproval, role, search, deleted } = loaderData;
  const buyer = role === 'practice_manager' || role === 'commissioner';
  const title = role === 'vendor' ? 'Orders received' : 'Orders';
  return (
    <>
      {deleted ? <SuccessNotice>Order {deleted} has been deleted.</SuccessNotice> : null}
      <h1>{title}</h1>
      {role === 'vendor' ? <p className="max-w-3xl">Completed orders for your solutions and services.</p> : null}
      {awaitingApproval !== null ? (
        <p className="card max-w-2xl">
          <Link to="/orders/approvals" className="font-bold">
            Orders awaiting your approval ({awaitingApproval})
          </Link>
        </p>
      ) : null}
      {buyer ? (
        <p>
          <Link to="/orders/new" className="button">
            Start a new order
          </Link>
        </p>
      ) : null}
      <ResultCount page={orders.page} pageSize={orders.pageSize} total={orders.total} noun={['order', 'orders']} />
      {orders.items.length ? (
        <DataTable id="orders" caption={role === 'vendor' ? 'Orders received' : 'Your orders'}>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Description</th>
              {role !== 'practice_manager' ? <th scope="col">Ordering party</th> : null}
              <th scope="col">Supplier</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col" className="text-right">
                Whole-term value
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.items.map((o) => (
              <tr key={o.ref}>
                <td>
                  <Link to={`/orders/${o.ref}`}>{o.ref}</Link>
                </td>
                <td>{o.description ?? ''}</td>
                {role !== 'practice_manager' ? <td>{o.orderingParty.name} ({o.orderingParty.code})</td> : null}
                <td>{o.supplier?.name ?? <span className="text-ink-secondary">Not chosen</span>}</td>
                <td>
                  <OrderStatusTag status={o.status} />
                </td>
                <td>{formatDate(o.createdAt)}</td>
                <td className="text-right">{o.wholeTermPence != null ? formatPence(o.wholeTermPence) : ''}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>{buyer ? 'You have not started any orders yet.' : 'There are no orders yet.'}</p>
      )}
      <Pagination page={orders.page} pageSize={orders.pageSize} total={orders.total} search={search} label="Order pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
