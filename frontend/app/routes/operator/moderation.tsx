import { Link, useLocation } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { Pagination } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import { ITEM_TYPE_NAME, PUBLICATION_STATUS_NAME } from '~/lib/catalogue';
import { formatDateTime, plural } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/moderation';

export const meta = titled('Listings waiting for a decision');

const PAGE_SIZE = 25;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const page = Math.max(1, Number(new URL(request.url).searchParams.get('page')) || 1);
  const queue = await ok(request, api(request).GET('/api/moderation/queue', { params: { query: { page, pageSize: PAGE_SIZE } } }));
  const url = new URL(request.url);
  const decided = url.searchParams.get('decided');
  const decision = url.searchParams.get('decision');
  const notice = decided && (decision === 'approved' || decision === 'rejected') ? `${decided} ${decision === 'approved' ? 'approved and published' : 'rejected'}` : undefined;
  return { queue, notice };
}

export default function ModerationQueue({ loaderData }: Route.ComponentProps) {
  const { queue } = loaderData;
  const { search } = useLocation();
  return (
    <>
      <h1>Listings waiting for a decision</h1>
      <SuccessNotice>{loaderData.notice}</SuccessNotice>
      <p className="max-w-3xl">
        Oldest first. Open a submission to compare it with the live listing, then approve it or reject it with a reason
        the supplier will see.
      </p>
      {queue.items.length ? (
        <>
          <p>{plural(queue.total, 'submission')} waiting.</p>
          <DataTable id="queue" caption="Submitted listings, oldest first">
            <thead>
              <tr>
                <th scope="col">Submitted</th>
                <th scope="col">Listing</th>
                <th scope="col">Supplier</th>
                <th scope="col">Type</th>
                <th scope="col">New or change</th>
                <th scope="col">Publication</th>
              </tr>
            </thead>
            <tbody>
              {queue.items.map((q) => (
                <tr key={q.versionId}>
                  <td>{formatDateTime(q.submittedAt)}</td>
                  <td>
                    <Link to={`/operator/moderation/${q.versionId}`}>
                      {q.name}
                      <span className="sr-only">, version {q.version}</span>
                    </Link>
                    <br />
                    <span className="text-ink-secondary">
                      {q.itemId}, version {q.version}
                    </span>
                  </td>
                  <td>
                    {q.supplierName} ({q.supplierCode})
                  </td>
                  <td>{ITEM_TYPE_NAME[q.itemType]}</td>
                  <td>{q.isChange ? 'Change to a live listing' : 'New listing'}</td>
                  <td>{PUBLICATION_STATUS_NAME[q.publicationStatus]}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Pagination page={queue.page} pageSize={queue.pageSize} total={queue.total} search={search} label="Queue pages" />
        </>
      ) : (
        <p>There are no submissions waiting for a decision.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
