import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/home';

export const meta = titled('Operator home');

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['operator'], context);
  return { organisation: session.organisation };
}

export default function OperatorHome({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <span className="mb-2 block text-lg text-ink-secondary">{loaderData.organisation.name}</span>
      <h1>Operator home</h1>
      <ul className="grid gap-6 md:grid-cols-3">
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/operator/moderation">Moderation queue</Link>
          </h2>
          <p className="mb-0">Listings suppliers have submitted: compare with the live listing, then approve or reject.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/operator/items">Catalogue items</Link>
          </h2>
          <p className="mb-0">Open an item by its id to suspend, reinstate or unpublish it, or to record assessment results.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/organisations">Organisations</Link>
          </h2>
          <p className="mb-0">Find any practice, commissioner or supplier and see its ODS details and users.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/operator/frameworks">Framework rounds</Link>
          </h2>
          <p className="mb-0">Create a round, move it on, answer clarification questions, review applications and countersign agreements.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/operator/suppliers">Supplier registrations</Link>
          </h2>
          <p className="mb-0">Companies that registered themselves, possible duplicates, suspensions and merges.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/operator/audit">Audit log</Link>
          </h2>
          <p className="mb-0">Who did what and when: sign-ins, invitations, role changes and more.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/organisations">Invite a user</Link>
          </h2>
          <p className="mb-0">Find their organisation, then use "Invite a user to this organisation" on its page.</p>
        </li>
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
