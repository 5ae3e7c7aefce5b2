import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { describeFilters } from '~/lib/search-filters';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/list';

export const meta = titled('Shortlists');

const PAGE_SIZE = 20;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['practice_manager', 'commissioner'], context);
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const shortlists = await ok(
    request,
    api(request).GET('/api/shortlists', { params: { query: { page, pageSize: PAGE_SIZE, sort: '-updatedAt' } } }),
  );
  return { shortlists, search: url.searchParams.toString(), deleted: url.searchParams.get('deleted') === '1' };
}

export default function Shortlists({ loaderData }: Route.ComponentProps) {
  const { shortlists, search, deleted } = loaderData;
  return (
    <>
      {deleted ? (
        <div className="mb-8 max-w-2xl border-l-8 border-go bg-white p-4" role="status">
          <p className="m-0 font-semibold">The shortlist has been deleted.</p>
        </div>
      ) : null}
      <h1>Shortlists</h1>
      <p className="max-w-3xl">
        Searches your organisation has saved, with the solutions chosen from them. To make one,{' '}
        <Link to="/solutions">find solutions</Link> and use “Save this search”.
      </p>
      <ResultCount page={shortlists.page} pageSize={shortlists.pageSize} total={shortlists.total} noun={['shortlist', 'shortlists']} />
      {shortlists.items.length ? (
        <DataTable id="shortlists" caption="Your organisation’s shortlists">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Filters</th>
              <th scope="col" className="text-right">
                Chosen solutions
              </th>
              <th scope="col">Saved by</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {shortlists.items.map((s) => {
              const described = describeFilters(s.filters);
              return (
                <tr key={s.id}>
                  <td>
                    <Link to={`/shortlists/${s.id}`}>{s.name}</Link>
                  </td>
                  <td>{described.length ? described.map(([k, v]) => `${k}: ${v}`).join('; ') : 'All solutions'}</td>
                  <td className="text-right">{s.itemCount}</td>
                  <td>{s.createdByName ?? ''}</td>
                  <td>{formatDate(s.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      ) : null}
      <Pagination page={shortlists.page} pageSize={shortlists.pageSize} total={shortlists.total} search={search} label="Shortlist pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
