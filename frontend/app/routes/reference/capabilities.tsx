import { Form, Link, useLocation } from 'react-router';
import { z } from 'zod';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SelectField, TextField } from '~/components/fields';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import { titled } from '~/lib/meta';
import type { Route } from './+types/capabilities';

export const meta = titled('Capabilities');

const PAGE_SIZE = 50;

const querySchema = z.object({
  q: z.string().trim().max(200).catch(''),
  category: z.string().regex(/^\d{1,6}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const filters = querySchema.parse({
    q: url.searchParams.get('q') ?? '',
    category: url.searchParams.get('category') || undefined,
    page: url.searchParams.get('page') ?? 1,
  });
  const client = api(request);
  const [capabilities, categories] = await Promise.all([
    ok(
      request,
      client.GET('/api/capabilities', {
        params: { query: { q: filters.q || undefined, category: filters.category, page: filters.page, pageSize: PAGE_SIZE } },
      }),
    ),
    ok(request, client.GET('/api/capability-categories')),
  ]);
  return { filters, capabilities, categories };
}

export default function Capabilities({ loaderData }: Route.ComponentProps) {
  const { filters, capabilities, categories } = loaderData;
  const { search } = useLocation();
  return (
    <>
      <h1>Capabilities</h1>
      <p className="max-w-3xl">
        A capability is something a GP IT system can do, such as managing appointments or prescribing. Each is broken
        into epics: testable requirements a system must (or may) meet to be accredited for it.
      </p>
      <div className="card max-w-4xl">
        <Form method="get" role="search" aria-label="Capabilities">
          <div className="flex flex-wrap gap-x-6">
            <div className="min-w-64 flex-1">
              <TextField name="q" type="search" label="Search capabilities" defaultValue={filters.q} autoComplete="off" />
            </div>
            <SelectField
              name="category"
              label="Category"
              defaultValue={filters.category ?? ''}
              options={[{ value: '', label: 'All categories' }, ...categories.map((c) => ({ value: String(c.id), label: `${c.name} (${c.capabilityCount})` }))]}
            />
          </div>
          <div className="flex flex-wrap items-center gap-6">
            <button type="submit" className="button">
              Search
            </button>
            {filters.q || filters.category ? <Link to="/capabilities">Clear search</Link> : null}
          </div>
        </Form>
      </div>
      <ResultCount page={capabilities.page} pageSize={capabilities.pageSize} total={capabilities.total} noun={['capability', 'capabilities']} />
      {capabilities.items.length ? (
        <DataTable id="capabilities" caption="Capabilities">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Capability</th>
              <th scope="col">Category</th>
              <th scope="col" className="text-right">
                Must epics
              </th>
              <th scope="col" className="text-right">
                May epics
              </th>
            </tr>
          </thead>
          <tbody>
            {capabilities.items.map((c) => (
              <tr key={c.id}>
                <td>{c.ref}</td>
                <td>
                  <span className="font-semibold">{c.name}</span>
                  {c.status !== 'Effective' ? <span className="text-ink-secondary"> ({c.status.toLowerCase()})</span> : null}
                  {c.description ? <span className="block text-sm text-ink-secondary">{c.description}</span> : null}
                </td>
                <td>{c.category}</td>
                <td className="text-right">{c.mustEpicCount}</td>
                <td className="text-right">{c.mayEpicCount}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      <Pagination page={capabilities.page} pageSize={capabilities.pageSize} total={capabilities.total} search={search} label="Capability pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
