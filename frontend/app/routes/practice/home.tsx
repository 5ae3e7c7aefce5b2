import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { formatDate, formatNumber } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/home';

export const meta = titled('Your practice');

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['practice_manager'], context);
  const code = session.organisation.code;
  const practice = await ok(request, api(request).GET('/api/organisations/{code}', { params: { path: { code } } }));
  return { practice, userName: session.user.name };
}

function NotRecorded() {
  return <span className="text-ink-secondary">Not recorded</span>;
}

export default function PracticeHome({ loaderData }: Route.ComponentProps) {
  const { practice } = loaderData;
  const ref = (r: { code: string; name: string } | null) => (r ? `${r.name} (${r.code})` : <NotRecorded />);
  return (
    <>
      <span className="mb-2 block text-lg text-ink-secondary">Practice manager</span>
      <h1>{practice.name}</h1>
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <h2>Your practice</h2>
          <dl className="summary-list">
            <div>
              <dt>ODS code</dt>
              <dd>{practice.code}</dd>
            </div>
            <div>
              <dt>Registered patients</dt>
              <dd>
                {practice.registeredPatients != null ? formatNumber(practice.registeredPatients) : <NotRecorded />}
                {practice.registeredPatientsDate ? (
                  <span className="text-ink-secondary"> (at {formatDate(practice.registeredPatientsDate)})</span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>Current clinical system</dt>
              <dd>{practice.clinicalSystemSupplier ?? <NotRecorded />}</dd>
            </div>
            <div>
              <dt>Primary care network (PCN)</dt>
              <dd>{ref(practice.pcn)}</dd>
            </div>
            <div>
              <dt>Sub-ICB location</dt>
              <dd>{ref(practice.subIcb)}</dd>
            </div>
            <div>
              <dt>Integrated care board (ICB)</dt>
              <dd>{ref(practice.icb)}</dd>
            </div>
          </dl>
          <p className="text-ink-secondary">
            These details come from NHS Organisation Data Service (ODS) data. If something is wrong, it needs correcting in ODS.
          </p>
        </div>
        <nav aria-labelledby="practice-links" className="card h-fit">
          <h2 id="practice-links" className="text-xl">
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
              <Link to="/contracts">Contracts</Link>
            </li>
            <li>
              <Link to="/organisation">Your practice's details and users</Link>
            </li>
            <li>
              <Link to="/capabilities">Browse capabilities</Link>
            </li>
            <li>
              <Link to="/standards">Browse standards</Link>
            </li>
          </ul>
        </nav>
      </div>
      <h2 className="mt-6">Switching system</h2>
      <p className="max-w-3xl">
        Plan a move from your current clinical system to another accredited solution, with the earliest date your contract allows.
      </p>
      <p>
        <Link to="/switching/new" className="button">
          Plan a switch
        </Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
