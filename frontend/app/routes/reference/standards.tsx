import { Form, Link, useLocation } from 'react-router';
import { z } from 'zod';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SelectField, TextField } from '~/components/fields';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import { titled } from '~/lib/meta';
import type { Route } from './+types/standards';

export const meta = titled('Standards');

const PAGE_SIZE = 50;

const querySchema = z.object({
  q: z.string().trim().max(200).catch(''),
  type: z.enum(['Overarching', 'Other']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const filters = querySchema.parse({
    q: url.searchParams.get('q') ?? '',
    type: url.searchParams.get('type') || undefined,
    page: url.searchParams.get('page') ?? 1,
  });
  const standards = await ok(
    request,
    api(request).GET('/api/standards', {
      params: { query: { q: filters.q || undefined, type: filters.type, page: filters.page, pageSize: PAGE_SIZE } },
    }),
  );
  return { filters, standards };
}

/** Only web links from the catalogue become links; anything else is shown as text. */
function safeUrl(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

export default function Standards({ loaderData }: Route.ComponentProps) {
  const { filters, standards } = loaderData;
  const { search } = useLocation();
  return (
    <>
      <h1>Standards</h1>
      <p className="max-w-3xl">
        The rules GP IT systems must meet. Overarching standards apply to every system; the others apply to systems
        with particular capabilities or integrations.
      </p>
      <div className="card max-w-4xl">
        <Form method="get" role="search" aria-label="Standards">
          <div className="flex flex-wrap gap-x-6">
            <div className="min-w-64 flex-1">
              <TextField name="q" type="search" label="Search standards" defaultValue={filters.q} autoComplete="off" />
            </div>
            <SelectField
              name="type"
              label="Type"
              defaultValue={filters.type ?? ''}
              options={[
                { value: '', label: 'All standards' },
                { value: 'Overarching', label: 'Overarching' },
                { value: 'Other', label: 'Other' },
              ]}
            />
          </div>
          <div className="flex flex-wrap items-center gap-6">
            <button type="submit" className="button">
              Search
            </button>
            {filters.q || filters.type ? <Link to="/standards">Clear search</Link> : null}
          </div>
        </Form>
      </div>
      <ResultCount page={standards.page} pageSize={standards.pageSize} total={standards.total} noun={['standard', 'standards']} />
      {standards.items.length ? (
        <DataTable id="standards" caption="Standards">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Standard</th>
              <th scope="col">Type</th>
              <th scope="col">Version</th>
              <th scope="col" className="text-right">
                Capabilities
              </th>
            </tr>
          </thead>
          <tbody>
            {standards.items.map((s) => {
              const href = safeUrl(s.url);
              return (
                <tr key={s.id}>
                  <td>{s.id}</td>
                  <td>
                    {href ? (
                      <a href={href} rel="noreferrer" className="font-semibold">
                        {s.name}
                      </a>
                    ) : (
                      <span className="font-semibold">{s.name}</span>
                    )}
                    {s.description ? <span className="block text-sm text-ink-secondary">{s.description}</span> : null}
                  </td>
                  <td>
                    {s.type}
                    <span className="block text-sm text-ink-secondary">{s.category}</span>
                  </td>
                  <td>{s.version}</td>
                  <td className="text-right">{s.capabilityCount}</td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      ) : null}
      <Pagination page={standards.page} pageSize={standards.pageSize} total={standards.total} search={search} label="Standard pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
