import { Form, Link, useLocation } from 'react-router';
import { z } from 'zod';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SelectField, TextField } from '~/components/fields';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import type { OrganisationType } from '~/lib/api/types';
import { formatNumber } from '~/lib/format';
import { titled } from '~/lib/meta';
import { ORGANISATION_TYPE_NAME, ORGANISATION_TYPES } from '~/lib/roles';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/directory';

export const meta = titled('Organisations');

const PAGE_SIZE = 25;
const SORTS = { name: 'Name (A to Z)', code: 'ODS code', '-registeredPatients': 'Registered patients (most first)' } as const;
type Sort = keyof typeof SORTS;

// Bad values in the address are dropped rather than failing the page: it is a search, not a form.
const querySchema = z.object({
  q: z.string().trim().max(200).catch(''),
  type: z.enum(ORGANISATION_TYPES as [OrganisationType, ...OrganisationType[]]).optional().catch(undefined),
  sort: z.enum(Object.keys(SORTS) as [Sort, ...Sort[]]).catch('name'),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['commissioner', 'operator'], context);
  const url = new URL(request.url);
  const filters = querySchema.parse({
    q: url.searchParams.get('q') ?? '',
    type: url.searchParams.get('type') || undefined,
    sort: url.searchParams.get('sort') ?? 'name',
    page: url.searchParams.get('page') ?? 1,
  });
  const results = await ok(
    request,
    api(request).GET('/api/organisations', {
      params: { query: { q: filters.q || undefined, type: filters.type, sort: filters.sort, page: filters.page, pageSize: PAGE_SIZE } },
    }),
  );
  return { filters, results, area: session.role === 'commissioner' ? session.organisation : null };
}

export default function Directory({ loaderData }: Route.ComponentProps) {
  const { filters, results, area } = loaderData;
  const { search } = useLocation();
  const filtered = Boolean(filters.q || filters.type);
  return (
    <>
      <h1>Organisations</h1>
      <p className="max-w-3xl">
        {area
          ? `GP practices, primary care networks and other organisations in ${area.name} (${area.code}).`
          : 'Every organisation in the marketplace: NHS organisations from ODS data, suppliers and the assurance team.'}
      </p>

      <div className="card max-w-4xl">
        <Form method="get" role="search" aria-label="Organisations">
          <TextField
            name="q"
            type="search"
            label="Search by name, ODS code or postcode"
            hint="For example, A81001 or TS18 2AW"
            defaultValue={filters.q}
            spellCheck={false}
            autoComplete="off"
          />
          <div className="flex flex-wrap gap-x-6">
            <SelectField
              name="type"
              label="Organisation type"
              defaultValue={filters.type ?? ''}
              options={[{ value: '', label: 'All types' }, ...ORGANISATION_TYPES.map((t) => ({ value: t, label: ORGANISATION_TYPE_NAME[t] }))]}
            />
            <SelectField
              name="sort"
              label="Sort by"
              defaultValue={filters.sort}
              options={Object.entries(SORTS).map(([value, label]) => ({ value, label }))}
            />
          </div>
          <div className="flex flex-wrap items-center gap-6">
            <button type="submit" className="button">
              Search
            </button>
            {filtered ? <Link to="/organisations">Clear search</Link> : null}
          </div>
        </Form>
      </div>

      <ResultCount page={results.page} pageSize={results.pageSize} total={results.total} noun={['organisation', 'organisations']} />
      {results.items.length ? (
        <DataTable id="results" caption={<>Organisations{filtered ? ' matching your search' : ''}, page {results.page}</>}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="whitespace-nowrap">
                ODS code
              </th>
              <th scope="col">Type</th>
              <th scope="col">Postcode</th>
              <th scope="col">PCN</th>
              <th scope="col" className="text-right">
                Registered patients
              </th>
              <th scope="col">Clinical system</th>
            </tr>
          </thead>
          <tbody>
            {results.items.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/organisations/${encodeURIComponent(o.code)}`}>{o.name}</Link>
                  {o.status !== 'active' ? <span className="text-ink-secondary"> (inactive)</span> : null}
                </td>
                <td className="whitespace-nowrap">{o.code}</td>
                <td>{ORGANISATION_TYPE_NAME[o.type]}</td>
                <td className="whitespace-nowrap">{o.postcode}</td>
                <td>{o.pcnName ?? o.pcnCode}</td>
                <td className="text-right">{formatNumber(o.registeredPatients)}</td>
                <td>{o.clinicalSystemSupplier}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>Check the spelling, or search for part of the name, an ODS code or a postcode.</p>
      )}
      <Pagination page={results.page} pageSize={results.pageSize} total={results.total} search={search} label="Organisation results pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
