import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { CompetitionStatusTag } from './+shared/competition';
import { BUYERS } from './+shared/competition.server';
import type { Route } from './+types/list';

export const meta = titled('Competitions');

const PAGE_SIZE = 25;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, BUYERS, context);
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const competitions = await ok(request, api(request).GET('/api/competitions', { params: { query: { page, pageSize: PAGE_SIZE, sort: '-updatedAt' } } }));
  return { competitions, search: url.searchParams.toString(), deleted: url.searchParams.get('deleted') === '1' };
}

export default function Competitions({ loaderData }: Route.ComponentProps) {
  const { competitions, search, deleted } = loaderData;
  return (
    <>
      {deleted ? <SuccessNotice>The competition has been deleted.</SuccessNotice> : null}
      <h1>Competitions</h1>
      <p className="max-w-3xl">
        Choose a supplier fairly: start from a saved shortlist, set your requirements and how much price and quality count, score each solution,
        and turn the winner into an order. The results show every score, weight and justification.
      </p>
      <p>
        <Link to="/competitions/new" className="button">
          Start a competition
        </Link>
      </p>
      <ResultCount page={competitions.page} pageSize={competitions.pageSize} total={competitions.total} noun={['competition', 'competitions']} />
      {competitions.items.length ? (
        <DataTable id="competitions" caption="Your organisation’s competitions, most recently changed first">
          <thead>
            <tr>
              <th scope="col">Competition</th>
              <th scope="col">Shortlist</th>
              <th scope="col">Solutions</th>
              <th scope="col">Last changed</th>
              <th scope="col">Status</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {competitions.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/competitions/${c.id}`}>{c.name}</Link>
                </td>
                <td>{c.shortlistName ?? <span className="text-ink-secondary">Deleted</span>}</td>
                <td>
                  {c.includedCount} of {c.solutionCount} included
                </td>
                <td>{formatDate(c.updatedAt)}</td>
                <td>
                  <CompetitionStatusTag status={c.status} orderRef={c.orderRef} />
                  {c.awardType === 'direct' ? <span className="block text-ink-secondary">Direct award</span> : null}
                </td>
                <td>{c.orderRef ? <Link to={`/orders/${c.orderRef}`}>{c.orderRef}</Link> : <span className="text-ink-secondary">None yet</span>}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>There are no competitions yet.</p>
      )}
      <Pagination page={competitions.page} pageSize={competitions.pageSize} total={competitions.total} search={search} label="Competition pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
