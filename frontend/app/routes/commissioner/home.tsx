import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { formatNumber } from '~/lib/format';
import { titled } from '~/lib/meta';
import { ORGANISATION_TYPE_NAME } from '~/lib/roles';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/home';

export const meta = titled('Your area');

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['commissioner'], context);
  const client = api(request);
  const code = session.organisation.code;
  // The directory's total is the count: one row fetched, counted in SQL by the API.
  const [organisation, practices] = await Promise.all([
    ok(request, client.GET('/api/organisations/{code}', { params: { path: { code } } })),
    ok(request, client.GET('/api/organisations', { params: { query: { type: 'practice', pageSize: 1 } } })),
  ]);
  return { organisation, practiceCount: practices.total };
}

export default function CommissionerHome({ loaderData }: Route.ComponentProps) {
  const { organisation, practiceCount } = loaderData;
  return (
    <>
      <span className="mb-2 block text-lg text-ink-secondary">Commissioner</span>
      <h1>{organisation.name}</h1>
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <div className="card">
            <p className="mb-1 text-5xl font-bold">{formatNumber(practiceCount)}</p>
            <p className="mb-4 text-lg">GP practices in your area</p>
            <p className="mb-0">
              <Link to="/organisations?type=practice">See the practices in your area</Link>
            </p>
          </div>
          <dl className="summary-list">
            <div>
              <dt>ODS code</dt>
              <dd>{organisation.code}</dd>
            </div>
            <div>
              <dt>Type</dt>
              <dd>{ORGANISATION_TYPE_NAME[organisation.type]}</dd>
            </div>
            {organisation.icb && organisation.type !== 'icb' ? (
              <div>
                <dt>Integrated care board (ICB)</dt>
                <dd>
                  {organisation.icb.name} ({organisation.icb.code})
                </dd>
              </div>
            ) : null}
            {organisation.region ? (
              <div>
                <dt>NHS England region</dt>
                <dd>
                  {organisation.region.name} ({organisation.region.code})
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
        <nav aria-labelledby="commissioner-links" className="card h-fit">
          <h2 id="commissioner-links" className="text-xl">
            Manage
          </h2>
          <ul className="space-y-3">
            <li>
              <Link to="/orders">Orders</Link>
            </li>
            <li>
              <Link to="/competitions">Competitions: choose a supplier fairly</Link>
            </li>
            <li>
              <Link to="/orders/approvals">Orders awaiting your approval</Link>
            </li>
            <li>
              <Link to="/contracts">Contracts</Link>
            </li>
            <li>
              <Link to="/register">Contract register for your area</Link>
            </li>
            <li>
              <Link to="/dashboard">Dashboard: spend, notice deadlines and market share</Link>
            </li>
            <li>
              <Link to="/organisations">Organisations directory</Link>
            </li>
            <li>
              <Link to="/organisation">Your organisation's details and users</Link>
            </li>
            <li>
              <Link to="/capabilities">Browse capabilities</Link>
            </li>
          </ul>
        </nav>
      </div>
      <h2 className="mt-6">Alerts</h2>
      <p className="max-w-3xl">
        You are told 180, 90 and 30 days before each contract&rsquo;s notice deadline and end date in your area, and at
        once when a contracted solution&rsquo;s accreditation lapses or fails. Choose which alerts you get, in the portal
        and by email, on the <Link to="/notifications/preferences">alert settings</Link> page.
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
