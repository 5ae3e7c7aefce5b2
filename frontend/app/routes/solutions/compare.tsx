import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, throwProblem } from '~/lib/api/client.server';
import { accreditationName } from '~/lib/catalogue';
import { cx } from '~/lib/cx';
import { titled } from '~/lib/meta';
import type { Route } from './+types/compare';

export const meta = titled('Compare solutions');

const ITEM_ID = /^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$/;

export async function loader({ request }: Route.LoaderArgs) {
  const params = new URL(request.url).searchParams;
  const items = [
    ...new Set(
      params
        .getAll('items')
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  const onlyDifferences = params.get('only') === 'differences';
  if (items.length < 2 || items.length > 4) {
    return { items, onlyDifferences, comparison: null, error: 'Choose between 2 and 4 solutions to compare' };
  }
  if (!items.every((id) => ITEM_ID.test(id))) {
    return { items, onlyDifferences, comparison: null, error: 'One or more of the solutions to compare is not a catalogue ID' };
  }
  const result = await attempt(api(request).GET('/api/catalogue/compare', { params: { query: { items } } }));
  if (!result.ok) {
    if (result.problem.status === 404 || result.problem.status === 400) {
      return { items, onlyDifferences, comparison: null, error: 'One or more of these solutions is not listed on the marketplace' };
    }
    throwProblem(request, result.problem);
  }
  return { items, onlyDifferences, comparison: result.data, error: undefined };
}

export default function Compare({ loaderData }: Route.ComponentProps) {
  const { items, onlyDifferences, comparison, error } = loaderData;
  if (!comparison) {
    return (
      <>
        <h1>Compare solutions</h1>
        <ErrorSummary formError={error} />
        <p>
          <Link to="/solutions">Go back to find solutions</Link> and tick “Compare” on 2 to 4 of them.
        </p>
      </>
    );
  }
  const itemsParam = items.join(',');
  const sections = comparison.sections
    .map((s) => ({ ...s, rows: onlyDifferences ? s.rows.filter((r) => r.differs) : s.rows }))
    .filter((s) => s.rows.length > 0);
  const differing = comparison.sections.reduce((n, s) => n + s.rows.filter((r) => r.differs).length, 0);

  return (
    <>
      <p className="mb-4">
        <Link to="/solutions">Back to find solutions</Link>
      </p>
      <h1>Compare solutions</h1>
      <p>
        Comparing {comparison.items.map((i) => i.name).join(', ')}. {differing} {differing === 1 ? 'row differs' : 'rows differ'}; they
        are marked “Differs”.
      </p>

      <div className="mb-8 flex flex-wrap items-end gap-6">
        <form method="get" action="/solutions/compare" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="items" value={itemsParam} />
          <div className="flex items-center gap-2">
            <input
              id="only"
              name="only"
              value="differences"
              type="checkbox"
              role="switch"
              defaultChecked={onlyDifferences}
              className="h-6 w-6 cursor-pointer accent-brand"
            />
            <label htmlFor="only" className="cursor-pointer font-bold">
              Show only differences
            </label>
          </div>
          <button type="submit" className="button button-secondary mb-0">
            Update
          </button>
        </form>
        <a href={`/api/catalogue/compare.csv?items=${encodeURIComponent(itemsParam)}`} download className="font-semibold">
          Download CSV<span className="sr-only"> of this comparison</span>
        </a>
      </div>

      {sections.length === 0 ? <p>These solutions do not differ on any row.</p> : null}

      {sections.map((section) => (
        <section key={section.key} aria-labelledby={`section-${section.key}`} className="mb-10">
          <h2 id={`section-${section.key}`}>{section.title}</h2>
          <DataTable id={`compare-${section.key}`} caption={`${section.title} compared`}>
            <thead>
              <tr>
                <th scope="col" className="min-w-48">
                  {section.title}
                </th>
                {comparison.items.map((item) => (
                  <th scope="col" key={item.id} className="min-w-48">
                    <Link to={`/solutions/${item.id}`}>{item.name}</Link>
                    <span className="block font-normal">{item.supplierName}</span>
                    <span className="mt-1 block">
                      <StatusTag status={item.accreditationStatus}>{accreditationName(item.accreditationStatus)}</StatusTag>
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {section.rows.map((row) => (
                <tr key={row.key} className={cx(row.differs && 'bg-warm-yellow')} data-differs={row.differs ? 'true' : 'false'}>
                  <th scope="row" className={cx('text-left', row.differs && 'border-l-8 border-brand')}>
                    {row.label}
                    {row.differs ? (
                      <strong className="tag ml-2 border-brand bg-white text-brand-dark">Differs</strong>
                    ) : null}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td key={comparison.items[i]?.id ?? i}>{cell.text}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </DataTable>
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
