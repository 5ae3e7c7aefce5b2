import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { titled } from '~/lib/meta';
import type { Route } from './+types/frameworks';

export const meta = titled('Frameworks');

const STATUS: Record<string, string> = {
  coming: 'Coming soon',
  open: 'Open',
  pending: 'Pending',
  standstill: 'Standstill',
  live: 'Live',
  expired: 'Expired',
};

export async function loader({ request }: Route.LoaderArgs) {
  // A handful exist; one page holds them all.
  const frameworks = await ok(request, api(request).GET('/api/frameworks', { params: { query: { pageSize: 200 } } }));
  return { frameworks };
}

export default function Frameworks({ loaderData }: Route.ComponentProps) {
  const { frameworks } = loaderData;
  return (
    <>
      <h1>Frameworks</h1>
      <p className="max-w-3xl">
        A framework is an agreement that lets NHS organisations buy from accredited suppliers without running their own
        full procurement. Each sets which capabilities can be bought under it and the longest contract allowed.
      </p>
      {frameworks.items.length ? (
        <DataTable id="frameworks" caption="Frameworks">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Framework</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
              <th scope="col">Funding</th>
              <th scope="col" className="text-right">
                Maximum term
              </th>
              <th scope="col" className="text-right">
                Capabilities
              </th>
            </tr>
          </thead>
          <tbody>
            {frameworks.items.map((f) => (
              <tr key={f.id}>
                <td>{f.id}</td>
                <td>
                  <span className="font-semibold">{f.name}</span>
                  {f.shortName && f.shortName !== f.name ? <span className="block text-sm text-ink-secondary">{f.shortName}</span> : null}
                </td>
                <td>{f.owner}</td>
                <td>{STATUS[f.status] ?? f.status}</td>
                <td>{f.fundingTypes.join(', ')}</td>
                <td className="text-right whitespace-nowrap">{f.maximumTermMonths} months</td>
                <td className="text-right">{f.capabilityCount}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>There are no frameworks yet.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
