import { data, Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import { accreditationName } from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDate, plural } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { describeFilters, searchHref } from '~/lib/search-filters';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/shortlist';

const ROLES = ['practice_manager', 'commissioner'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function meta({ data: loaderData, error }: Route.MetaArgs) {
  if (error || !loaderData) return [{ title: errorTitle(error) }];
  return [{ title: pageTitle(`Shortlist: ${loaderData.shortlist.name}`) }];
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ROLES, context);
  if (!UUID.test(params.id)) throw data(null, { status: 404 });
  const shortlist = await ok(request, api(request).GET('/api/shortlists/{id}', { params: { path: { id: params.id } } }));
  return { shortlist };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const session = await requireUser(request, ROLES, context);
  const formData = await readFormWithCsrf(request);
  if (formData.get('intent') !== 'delete' || !UUID.test(params.id)) throw data(null, { status: 400 });
  const result = await attempt(
    api(request, { csrfToken: session.csrfToken }).DELETE('/api/shortlists/{id}', { params: { path: { id: params.id } } }),
  );
  if (!result.ok) throwProblem(request, result.problem);
  return redirect('/shortlists?deleted=1');
}

export default function Shortlist({ loaderData }: Route.ComponentProps) {
  const { shortlist } = loaderData;
  const described = describeFilters(shortlist.filters);
  const { results } = shortlist;
  return (
    <>
      <p className="mb-4">
        <Link to="/shortlists">Back to shortlists</Link>
      </p>
      <span className="block text-lg text-ink-secondary">Shortlist</span>
      <h1>{shortlist.name}</h1>
      <p className="text-ink-secondary">
        Saved {formatDate(shortlist.createdAt)}
        {shortlist.createdByName ? ` by ${shortlist.createdByName}` : ''}; last changed {formatDate(shortlist.updatedAt)}.
      </p>

      <section aria-labelledby="filters" className="mb-10">
        <h2 id="filters">Saved search</h2>
        {described.length ? (
          <dl className="grid max-w-3xl gap-x-8 gap-y-2 md:grid-cols-[12rem_1fr]">
            {described.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-bold">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p>All solutions (no filters).</p>
        )}
        <p>
          <Link to={searchHref(shortlist.filters)}>Open this search</Link>
        </p>
      </section>

      <section aria-labelledby="chosen" className="mb-10">
        <h2 id="chosen">Chosen solutions</h2>
        {shortlist.items.length ? (
          <DataTable id="chosen-items" caption="Chosen solutions with the version saved">
            <thead>
              <tr>
                <th scope="col">Solution</th>
                <th scope="col">Supplier</th>
                <th scope="col">Version saved</th>
                <th scope="col">Now</th>
              </tr>
            </thead>
            <tbody>
              {shortlist.items.map((item) => (
                <tr key={item.id}>
                  <td>{item.listed ? <Link to={`/solutions/${item.id}`}>{item.name}</Link> : item.name}</td>
                  <td>{item.supplierName}</td>
                  <td>
                    Version {item.savedVersion}, chosen {formatDate(item.addedAt)}
                  </td>
                  <td>
                    {!item.listed ? (
                      <StatusTag status="unpublished">No longer listed</StatusTag>
                    ) : item.newerVersionLive ? (
                      <StatusTag status="conditional">A newer version is live</StatusTag>
                    ) : (
                      'Unchanged'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ) : (
          <p>No solutions chosen.</p>
        )}
      </section>

      <section aria-labelledby="current-results" className="mb-10">
        <h2 id="current-results">Current results of the saved search</h2>
        <p>
          {plural(results.total, 'solution')} match now.{' '}
          <a href={`/api/shortlists/${shortlist.id}/results.csv`} download>
            Download CSV<span className="sr-only"> of the results and chosen solutions</span>
          </a>
        </p>
        {results.items.length ? (
          <ul className="space-y-2">
            {results.items.map((r) => (
              <li key={r.id}>
                <Link to={`/solutions/${r.id}`}>{r.name}</Link>, {r.supplier.name}{' '}
                <StatusTag status={r.accreditationStatus}>{accreditationName(r.accreditationStatus)}</StatusTag>
              </li>
            ))}
          </ul>
        ) : null}
        {results.total > results.items.length ? (
          <p>
            <Link to={searchHref(shortlist.filters)}>See all {plural(results.total, 'result')}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="delete" className="mb-10">
        <h2 id="delete">Delete this shortlist</h2>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button-warning">
            Delete shortlist<span className="sr-only"> {shortlist.name}</span>
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
