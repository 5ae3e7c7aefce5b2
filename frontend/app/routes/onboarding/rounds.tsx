import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { RoundStatusTag } from './+shared/onboarding';
import type { Route } from './+types/rounds';

export const meta = titled('Framework rounds');

export async function loader({ request }: Route.LoaderArgs) {
  const rounds = await ok(request, api(request).GET('/api/onboarding/frameworks'));
  // Imported frameworks have no round to apply to; they are on the frameworks reference page.
  return { rounds: rounds.filter((r) => r.source === 'operator') };
}

export default function Rounds({ loaderData }: Route.ComponentProps) {
  const { rounds } = loaderData;
  return (
    <>
      <h1>Framework rounds</h1>
      <p className="max-w-3xl">
        Suppliers join the marketplace’s frameworks by applying while a round is open. New to the marketplace?{' '}
        <Link to="/supplier-registration">Register your company as a supplier</Link>. See also <Link to="/frameworks">every framework</Link>.
      </p>
      {rounds.length ? (
        <DataTable id="rounds" caption="Framework rounds, open rounds first">
          <thead>
            <tr>
              <th scope="col">Framework</th>
              <th scope="col">Status</th>
              <th scope="col">Opens</th>
              <th scope="col">Closes</th>
              <th scope="col">Live</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/framework-rounds/${r.id}`}>{r.name}</Link> ({r.id})
                </td>
                <td>
                  <RoundStatusTag status={r.status} />
                </td>
                <td>{formatDate(r.dates.opensOn)}</td>
                <td>{formatDate(r.dates.closesOn)}</td>
                <td>{formatDate(r.dates.liveOn)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>There are no framework rounds at the moment.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
