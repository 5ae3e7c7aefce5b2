import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { StatusTag } from '~/components/status-tag';
import { api, ok } from '~/lib/api/client.server';
import { accreditationName, ITEM_TYPE_NAME, PUBLICATION_STATUS_NAME } from '~/lib/catalogue';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/assessments';

export const meta = titled('Accreditation of your items');

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const assessments = await ok(request, api(request).GET('/api/vendor/assessments', { params: { query: { pageSize: 100 } } }));
  return { assessments };
}

export default function VendorAssessments({ loaderData }: Route.ComponentProps) {
  const { assessments } = loaderData;
  return (
    <>
      <h1>Accreditation of your items</h1>
      <p className="max-w-3xl">
        Accreditation is worked out from the assurance team’s results. A lapsed or failed solution cannot be ordered until
        it is put right.
      </p>
      {assessments.items.length ? (
        <DataTable id="accreditation" caption="Accreditation of your items">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Publication</th>
              <th scope="col">Accreditation</th>
              <th scope="col">Reason</th>
              <th scope="col">Next work-off plan due</th>
              <th scope="col">Next expiry</th>
            </tr>
          </thead>
          <tbody>
            {assessments.items.map((a) => (
              <tr key={a.itemId}>
                <td>
                  <Link to={`/vendor/items/${a.itemId}/assessment`}>{a.name ?? a.itemId}</Link>
                  <span className="block text-ink-secondary">
                    {ITEM_TYPE_NAME[a.type as keyof typeof ITEM_TYPE_NAME] ?? a.type} {a.itemId}
                  </span>
                </td>
                <td>{PUBLICATION_STATUS_NAME[a.publicationStatus] ?? a.publicationStatus}</td>
                <td>
                  <StatusTag status={a.accreditationStatus}>{accreditationName(a.accreditationStatus)}</StatusTag>
                </td>
                <td>{a.accreditationReason ?? ''}</td>
                <td>{a.nextDueOn ? formatDate(a.nextDueOn) : 'None'}</td>
                <td>{a.nextExpiresOn ? formatDate(a.nextExpiresOn) : 'None'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>None of your items has been assessed yet.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
