import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { PlanStatusTag } from './+shared/plan';
import type { Route } from './+types/list';

export const meta = titled('Switch plans');

const PAGE_SIZE = 25;

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['practice_manager', 'commissioner', 'operator'], context);
  const url = new URL(request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const plans = await ok(request, api(request).GET('/api/switch-plans', { params: { query: { page, pageSize: PAGE_SIZE } } }));
  return { plans, role: session.role, search: url.searchParams.toString() };
}

export default function SwitchPlans({ loaderData }: Route.ComponentProps) {
  const { plans, role, search } = loaderData;
  const practice = role === 'practice_manager';
  return (
    <>
      <h1>Switch plans</h1>
      <p className="max-w-3xl">
        {practice
          ? 'Plan a move from your current clinical system to another accredited solution: the earliest date you can switch, a timeline of steps, and the order and notice, all from one place.'
          : role === 'commissioner'
            ? 'Plans of the practices in your area to move to another system, newest first.'
            : 'Every practice’s switch plans, newest first.'}
      </p>
      {practice ? (
        <p>
          <Link to="/switching/new" className="button">
            Plan a switch
          </Link>
        </p>
      ) : null}
      <ResultCount page={plans.page} pageSize={plans.pageSize} total={plans.total} noun={['plan', 'plans']} />
      {plans.items.length ? (
        <DataTable id="switch-plans" caption="Switch plans, newest first">
          <thead>
            <tr>
              <th scope="col">Moving to</th>
              {!practice ? <th scope="col">Practice</th> : null}
              <th scope="col">Moving from</th>
              <th scope="col">Earliest switch date</th>
              <th scope="col">Go-live</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {plans.items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/switching/${p.id}`}>{p.targetName}</Link>
                  <br />
                  <span className="text-ink-secondary">{p.targetSupplier.name}</span>
                </td>
                {!practice ? (
                  <td>
                    {p.practice.name} ({p.practice.code})
                  </td>
                ) : null}
                <td>{p.currentName ?? <span className="text-ink-secondary">Not known</span>}</td>
                <td>{formatDate(p.earliestSwitchDate)}</td>
                <td>{formatDate(p.goLiveDate)}</td>
                <td>
                  <PlanStatusTag status={p.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>There are no switch plans yet.</p>
      )}
      <Pagination page={plans.page} pageSize={plans.pageSize} total={plans.total} search={search} label="Switch plan pages" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
