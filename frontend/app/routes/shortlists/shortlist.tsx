import { data, Form, Link, redirect } from 'react-router';
import { z } from 'zod';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import { accreditationName } from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues, parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { useFormErrors } from '~/lib/use-form-errors';
import { formatDate, plural } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { describeFilters, searchHref } from '~/lib/search-filters';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/shortlist';

const ROLES = ['practice_manager', 'commissioner'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The same rules as "Save this search" (the API checks them again, and that the name is not taken).
const renameSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the shortlist').max(100, 'Name must be 100 characters or fewer'),
});

export function meta({ data: loaderData, error }: Route.MetaArgs) {
  if (error || !loaderData) return [{ title: errorTitle(error) }];
  return [{ title: pageTitle(`Shortlist: ${loaderData.shortlist.name}`) }];
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ROLES, context);
  if (!UUID.test(params.id)) throw data(null, { status: 404 });
  const shortlist = await ok(request, api(request).GET('/api/shortlists/{id}', { params: { path: { id: params.id } } }));
  const renamed = new URL(request.url).searchParams.get('renamed') === '1';
  return { shortlist, notice: renamed ? `The shortlist has been renamed to “${shortlist.name}”.` : undefined };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const session = await requireUser(request, ROLES, context);
  const formData = await readFormWithCsrf(request);
  const intent = formData.get('intent');
  if ((intent !== 'delete' && intent !== 'rename') || !UUID.test(params.id)) throw data(null, { status: 400 });
  if (intent === 'rename') {
    const values = keepValues(formData, ['name']);
    const parsed = parseForm(renameSchema, formData);
    if (!parsed.success) return data<FormResult>({ errors: parsed.errors, values }, { status: 400 });
    const renamed = await attempt(
      api(request, { csrfToken: session.csrfToken }).PUT('/api/shortlists/{id}', {
        params: { path: { id: params.id } },
        body: { name: parsed.data.name },
      }),
    );
    if (renamed.ok) return redirect(`/shortlists/${params.id}?renamed=1`);
    const problem = renamed.problem;
    if (problem.status >= 500 || problem.status === 403 || problem.status === 404 || problem.status === 401) throwProblem(request, problem);
    // A name already taken (409) has no field list: it is still about the name.
    const form = problem.status === 409 && !problem.errors?.length ? { errors: { name: problem.detail ?? problem.title } } : problemToForm(problem, { name: 'name' });
    return data<FormResult>({ ...form, values }, { status: problem.status });
  }
  const result = await attempt(
    api(request, { csrfToken: session.csrfToken }).DELETE('/api/shortlists/{id}', { params: { path: { id: params.id } } }),
  );
  if (!result.ok) throwProblem(request, result.problem);
  return redirect('/shortlists?deleted=1');
}

export default function Shortlist({ loaderData, actionData }: Route.ComponentProps) {
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
      <SuccessNotice>{actionData ? undefined : loaderData.notice}</SuccessNotice>
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

      {shortlist.items.length ? (
        <p className="mb-10">
          <Link to={`/competitions/new?shortlist=${shortlist.id}`} className="button button-secondary">
            Start a competition<span className="sr-only"> from this shortlist</span>
          </Link>
        </p>
      ) : null}

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

      <Rename name={shortlist.name} actionData={actionData} />

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

function Rename({ name, actionData }: { name: string; actionData: FormResult | undefined }) {
  const { errors, formError, onSubmit } = useFormErrors(renameSchema, actionData);
  return (
    <section aria-labelledby="rename" className="mb-10 max-w-3xl">
      <h2 id="rename">Rename this shortlist</h2>
      <ErrorSummary errors={errors} formError={formError} fieldIds={{ name: 'shortlist-name' }} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="rename" />
        <TextField
          name="name"
          id="shortlist-name"
          label="Shortlist name"
          hint="Up to 100 characters. Everyone in your organisation sees this name."
          error={errors.name}
          defaultValue={actionData?.values?.name ?? name}
          maxLength={100}
        />
        <button type="submit" className="button">
          Rename shortlist
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
