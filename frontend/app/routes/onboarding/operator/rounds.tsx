import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { api, ok } from '~/lib/api/client.server';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { RoundStatusTag } from '../+shared/onboarding';
import type { Route } from './+types/rounds';

export const meta = titled('Framework rounds');

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const rounds = await ok(request, api(request).GET('/api/onboarding/frameworks'));
  return { rounds: rounds.filter((r) => r.source === 'operator') };
}

export default function OperatorRounds({ loaderData }: Route.ComponentProps) {
  const { rounds } = loaderData;
  return (
    <>
      <h1>Framework rounds</h1>
      <p>
        <Link to="/operator/frameworks/new" className="button">
          Create a framework round
        </Link>
      </p>
      <p>
        <Link to="/operator/suppliers">Suppliers: registrations, suspensions and merges</Link>
      </p>
      {rounds.length ? (
        <DataTable id="rounds" caption="Framework rounds run here">
          <thead>
            <tr>
              <th scope="col">Framework</th>
              <th scope="col">Status</th>
              <th scope="col">Opens</th>
              <th scope="col">Closes</th>
              <th scope="col">Results</th>
              <th scope="col">Live</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/operator/frameworks/${r.id}`}>{r.name}</Link> ({r.id})
                </td>
                <td>
                  <RoundStatusTag status={r.status} />
                </td>
                <td>{formatDate(r.dates.opensOn)}</td>
                <td>{formatDate(r.dates.closesOn)}</td>
                <td>{formatDate(r.dates.resultsOn)}</td>
                <td>{formatDate(r.dates.liveOn)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <SuccessNotice>No rounds yet.</SuccessNotice>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
