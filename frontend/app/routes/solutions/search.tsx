import { data, Form, Link, redirect } from 'react-router';
import { z } from 'zod';
import { CsrfInput } from '~/components/csrf-input';
import { TextField } from '~/components/fields';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { Pagination, ResultCount } from '~/components/pagination';
import { SuggestBox } from '~/components/suggest-box';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues, parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { FACETS, filtersFrom, listParam, SORTS, type FacetKey } from '~/lib/search-filters';
import { getSession, requireUser } from '~/lib/session.server';
import { useFormErrors } from '~/lib/use-form-errors';
import type { components } from '~/lib/api/schema';
import { accreditationName, PUBLICATION_STATUS_NAME } from '~/lib/catalogue';
import { titled } from '~/lib/meta';
import type { Route } from './+types/search';

export const meta = titled('Find solutions');

type HighlightPart = components['schemas']['HighlightPart'];

const PAGE_SIZE = 20;
const FACET_TOP = 8;

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

const SHORTLIST_ROLES = ['practice_manager', 'commissioner'] as const;

const saveSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the shortlist').max(100, 'Name must be 100 characters or fewer'),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const params = url.searchParams;

  // "Compare selected" submits the same GET form with action=compare.
  let compareError: string | undefined;
  const chosen = [...new Set(listParam(params, 'compare'))];
  if (params.get('action') === 'compare') {
    if (chosen.length >= COMPARE_MIN && chosen.length <= COMPARE_MAX) {
      throw redirect(`/solutions/compare?items=${chosen.map(encodeURIComponent).join(',')}`);
    }
    compareError =
      chosen.length < COMPARE_MIN
        ? `Select at least ${COMPARE_MIN} solutions to compare`
        : `Select no more than ${COMPARE_MAX} solutions to compare`;
  }

  const filters = filtersFrom(params);
  const { q, sort } = filters;
  const page = Math.max(1, Math.min(10000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const session = await getSession(request, context);

  const results = await ok(
    request,
    api(request).GET('/api/catalogue/search', { params: { query: { ...filters, page, pageSize: PAGE_SIZE } } }),
  );

  // The address without the one-off compare action, for paging and "did you mean" links.
  const kept = new URLSearchParams(params);
  kept.delete('action');
  const didYouMeanParams = new URLSearchParams(kept);
  if (results.didYouMean) didYouMeanParams.set('q', results.didYouMean);
  didYouMeanParams.delete('page');

  return {
    q,
    sort,
    results,
    chosen,
    compareError,
    search: kept.toString(),
    didYouMeanHref: `/solutions?${didYouMeanParams.toString()}`,
    showAll: listParam(params, 'showAll'),
    canSave: Boolean(session && (SHORTLIST_ROLES as readonly string[]).includes(session.role)),
  };
}

/** "Save this search": the filters in the address and the ticked solutions become a shortlist. */
export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireUser(request, SHORTLIST_ROLES, context);
  const formData = await readFormWithCsrf(request);
  const values = keepValues(formData, ['name']);
  const parsed = parseForm(saveSchema, formData);
  if (!parsed.success) return data<FormResult>({ errors: parsed.errors, values }, { status: 400 });
  const filters = filtersFrom(new URL(request.url).searchParams);
  const itemIds = [...new Set(listParam(formData, 'itemIds'))];
  const result = await attempt(
    api(request, { csrfToken: session.csrfToken }).POST('/api/shortlists', {
      body: { name: parsed.data.name, filters: { ...filters, type: 'solution' }, itemIds },
    }),
  );
  if (result.ok) return redirect(`/shortlists/${result.data.id}`);
  if (result.problem.status >= 500 || result.problem.status === 403) throwProblem(request, result.problem);
  return data<FormResult>({ ...problemToForm(result.problem, { name: 'name' }), values }, { status: result.problem.status });
}

/** The summary with the words that matched marked; text only, never HTML. */
export function Highlighted({ parts, fallback }: { parts?: HighlightPart[]; fallback: string }) {
  if (!parts?.length) return <>{fallback}</>;
  return (
    <>
      {parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

export default function SolutionsSearch({ loaderData, actionData }: Route.ComponentProps) {
  const { q = '', sort, results, chosen, compareError, search, didYouMeanHref } = loaderData;
  const activeFilters = FACETS.flatMap(({ key, legend }) =>
    results.facets[key].filter((v) => v.selected).map((v) => ({ key, legend, value: v.value, label: v.label })),
  );
  const removeHref = (key: string, value: string) => {
    const params = new URLSearchParams(search);
    const rest = params.getAll(key).flatMap((v) => v.split(',')).filter((v) => v.trim() !== value);
    params.delete(key);
    params.delete('page');
    for (const v of rest) params.append(key, v);
    return `/solutions?${params.toString()}`;
  };

  return (
    <>
      <h1>Find solutions</h1>
      <p className="max-w-3xl">
        Search the accredited GP IT systems and services listed on the marketplace. Narrow the results with the filters,
        then choose 2 to 4 solutions to compare side by side.
      </p>

      {compareError ? <ErrorSummary errors={{ [`compare-${results.items[0]?.id ?? 'none'}`]: compareError }} /> : null}

      <form method="get" action="/solutions" id="search-form" role="search" aria-label="Solutions">
        <div className="mb-8 max-w-3xl">
          <label htmlFor="q" className="mb-1 block font-bold">
            Search by name, supplier or what it does
          </label>
          <div className="flex flex-wrap gap-2">
            {/* With JavaScript, typing suggests solutions by name (solutions/suggest); without it, a plain search box. */}
            <SuggestBox id="q" name="q" defaultValue={q} source="/solutions/suggest" hrefOf={(s) => `/solutions/${s.id}`} className="max-w-xl flex-1" />
            <button type="submit" className="button mb-0">
              Search
            </button>
          </div>
        </div>

        {loaderData.showAll.map((key) => (
          <input key={key} type="hidden" name="showAll" value={key} />
        ))}
        <div className="grid gap-8 md:grid-cols-[18rem_1fr]">
          <div>
            <h2 className="text-xl">Filters</h2>
            {FACETS.map(({ key, legend }) => (
              <FacetGroup key={key} name={key} legend={legend} values={results.facets[key]} showAll={loaderData.showAll.includes(key)} />
            ))}
            <button type="submit" className="button button-secondary">
              Apply filters
            </button>
          </div>

          <div>
            {results.fuzzy && results.didYouMean ? (
              <p className="text-lg">
                No exact matches for “{q}”. Showing results for close spellings. Did you mean{' '}
                <Link to={didYouMeanHref}>{results.didYouMean}</Link>?
              </p>
            ) : null}

            <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
              <ResultCount page={results.page} pageSize={results.pageSize} total={results.total} noun={['solution', 'solutions']} />
              <div className="flex flex-wrap items-end gap-2">
                <div>
                  <label htmlFor="sort" className="mb-1 block font-bold">
                    Sort by
                  </label>
                  <select id="sort" name="sort" defaultValue={sort} className="input h-10 w-auto">
                    {SORTS.map((s) => (
                      <option key={s.value} value={s.value}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className="button button-secondary mb-0">
                  Sort
                </button>
              </div>
            </div>

            {activeFilters.length ? (
              <div className="mb-4">
                <h2 className="text-lg">Active filters</h2>
                <ul className="flex flex-wrap gap-2">
                  {activeFilters.map((f) => (
                    <li key={`${f.key}-${f.value}`}>
                      <Link to={removeHref(f.key, f.value)} className="inline-block border-2 border-ink px-2 py-1">
                        <span className="sr-only">Remove filter </span>
                        {f.legend}: {f.label} <span aria-hidden="true">×</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}

            {results.items.length ? (
              <>
                <ol aria-label="Search results" className="m-0 list-none p-0" data-testid="search-results">
                  {results.items.map((item) => (
                    <li key={item.id} className="border-b-2 border-surface py-4" data-testid="search-result">
                      <h3 className="mb-1 text-xl">
                        <Link to={`/solutions/${item.id}`}>{item.name}</Link>
                      </h3>
                      <p className="mb-2 text-ink-secondary">{item.supplier.name}</p>
                      <p className="mb-2 flex flex-wrap gap-2">
                        <StatusTag status={item.accreditationStatus}>{accreditationName(item.accreditationStatus)}</StatusTag>
                        {item.publicationStatus !== 'published' ? (
                          <StatusTag status={item.publicationStatus}>{PUBLICATION_STATUS_NAME[item.publicationStatus] ?? item.publicationStatus}</StatusTag>
                        ) : null}
                      </p>
                      <p className="mb-2 max-w-3xl">
                        <Highlighted parts={item.highlight} fallback={item.summary} />
                      </p>
                      {item.capabilities.length ? (
                        <p className="mb-1 text-sm" data-testid="result-capabilities">
                          <span className="font-semibold">Capabilities: </span>
                          {item.capabilities.map((c) => `${c.ref} ${c.name}`).join('; ')}
                        </p>
                      ) : null}
                      {item.hostingTypes.length ? (
                        <p className="mb-2 text-sm" data-testid="result-hosting">
                          <span className="font-semibold">Hosting: </span>
                          {item.hostingTypes.map((h) => h.name).join(', ')}
                        </p>
                      ) : null}
                      <div className="flex items-center gap-2">
                        <input
                          id={`compare-${item.id}`}
                          name="compare"
                          value={item.id}
                          type="checkbox"
                          defaultChecked={chosen.includes(item.id)}
                          className="h-6 w-6 cursor-pointer accent-brand"
                        />
                        <label htmlFor={`compare-${item.id}`} className="cursor-pointer">
                          Compare<span className="sr-only"> {item.name}</span>
                        </label>
                      </div>
                    </li>
                  ))}
                </ol>
                <p className="mt-6">
                  <button type="submit" name="action" value="compare" className="button">
                    Compare selected
                  </button>
                </p>
                <Pagination page={results.page} pageSize={results.pageSize} total={results.total} search={search} label="Search results pages" />
              </>
            ) : (
              <p>Try fewer filters or different words.</p>
            )}
          </div>
        </div>
      </form>

      {loaderData.canSave ? <SaveSearch search={search} chosen={chosen} actionData={actionData} /> : null}
    </>
  );
}

function SaveSearch({ search, chosen, actionData }: { search: string; chosen: string[]; actionData: FormResult | undefined }) {
  const { errors, formError, onSubmit } = useFormErrors(saveSchema, actionData);
  // With JavaScript, the solutions ticked on the page go too; without it, those in the address.
  const addTicked = (event: React.FormEvent<HTMLFormElement>) => {
    onSubmit(event);
    if (event.defaultPrevented) return;
    const form = event.currentTarget;
    form.querySelectorAll('input[data-ticked]').forEach((el) => el.remove());
    form.querySelectorAll<HTMLInputElement>('input[data-from-address]').forEach((el) => (el.disabled = true));
    document.querySelectorAll<HTMLInputElement>('#search-form input[name="compare"]:checked').forEach((box) => {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'itemIds';
      input.value = box.value;
      input.dataset.ticked = '';
      form.appendChild(input);
    });
  };
  const saveParams = new URLSearchParams(search);
  saveParams.delete('page');
  saveParams.delete('compare');
  saveParams.delete('showAll');
  saveParams.set('index', '');
  return (
    <section aria-labelledby="save-search" className="mt-10 max-w-3xl border-t-4 border-brand pt-6">
      <h2 id="save-search">Save this search</h2>
      <p>
        Save these filters as a shortlist for your organisation. Solutions you tick “Compare” on are saved as your chosen
        solutions, with the version you saw.
      </p>
      <ErrorSummary errors={errors} formError={formError} fieldIds={{ name: 'shortlist-name' }} />
      <Form method="post" action={`/solutions?${saveParams.toString()}`} onSubmit={addTicked} noValidate>
        <CsrfInput />
        {chosen.map((id) => (
          <input key={id} type="hidden" name="itemIds" value={id} data-from-address="" />
        ))}
        <TextField
          name="name"
          id="shortlist-name"
          label="Shortlist name"
          error={errors.name}
          defaultValue={actionData?.values?.name}
          maxLength={100}
        />
        <button type="submit" className="button">
          Save this search
        </button>
      </Form>
    </section>
  );
}

function FacetGroup({
  name,
  legend,
  values,
  showAll,
}: {
  name: FacetKey;
  legend: string;
  values: components['schemas']['FacetValue'][];
  showAll: boolean;
}) {
  if (!values.length) return null;
  // The top values, plus any chosen further down.
  const shown = showAll ? values : values.filter((v, i) => i < FACET_TOP || v.selected);
  const hidden = values.length - shown.length;
  return (
    <fieldset className="mb-6">
      <legend className="mb-2 text-lg font-bold">{legend}</legend>
      <ul className="m-0 list-none space-y-2 p-0">
        {shown.map((v) => {
          const id = `${name}-${v.value.replace(/[^A-Za-z0-9_-]/g, '-')}`;
          return (
            <li key={v.value} className="flex items-start gap-2">
              <input
                id={id}
                name={name}
                value={v.value}
                type="checkbox"
                defaultChecked={v.selected}
                className="mt-0.5 h-6 w-6 shrink-0 cursor-pointer accent-brand"
              />
              <label htmlFor={id} className="cursor-pointer">
                {v.label} <span className="text-ink-secondary">({v.count})</span>
              </label>
            </li>
          );
        })}
      </ul>
      {hidden > 0 ? (
        <button type="submit" name="showAll" value={name} className="mt-2 cursor-pointer border-0 bg-transparent p-0 text-brand underline">
          Show all {values.length}<span className="sr-only"> {legend.toLowerCase()} options</span>
        </button>
      ) : null}
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
