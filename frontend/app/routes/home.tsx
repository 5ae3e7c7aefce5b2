import { Link, redirect } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { titled } from '~/lib/meta';
import { ROLE_HOME } from '~/lib/roles';
import { getSession } from '~/lib/session.server';
import type { Route } from './+types/home';

export const meta = titled('Buy and switch GP IT systems');

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await getSession(request, context);
  if (session) throw redirect(ROLE_HOME[session.role]);
  return { signedOut: new URL(request.url).searchParams.get('signedOut') === '1' };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  return (
    <>
      {loaderData.signedOut ? (
        <div className="mb-8 max-w-2xl border-l-8 border-go bg-white p-4" role="status">
          <p className="m-0 font-semibold">You have signed out.</p>
        </div>
      ) : null}
      <div className="max-w-3xl">
        <h1>Buy and switch GP IT systems</h1>
        <p className="text-xl">
          GP IT Marketplace is where GP practices and commissioners in England find accredited clinical and
          business systems, compare them and buy them under national frameworks.
        </p>
        <p>
          Every system listed has been assessed against the NHS minimum standards. If a system stops meeting them,
          it cannot be ordered and everyone with a contract for it is told.
        </p>
        <p className="my-8 flex flex-wrap gap-4">
          <Link to="/solutions" className="button">
            Find solutions
          </Link>
          <Link to="/sign-in" className="button button-secondary">
            Sign in
          </Link>
        </p>
      </div>

      <h2>Who it is for</h2>
      <ul className="mb-8 grid gap-4 md:grid-cols-2">
        <li className="card mb-0">
          <h3>Practice managers</h3>
          <p className="mb-0">Compare systems, estimate what they cost for your list size, order, and plan a switch.</p>
        </li>
        <li className="card mb-0">
          <h3>Commissioners</h3>
          <p className="mb-0">See the practices in your area, their systems and contracts, and approve funded orders.</p>
        </li>
        <li className="card mb-0">
          <h3>Suppliers</h3>
          <p className="mb-0">
            Keep your listings and prices up to date and see your conformance results. New to the marketplace?{' '}
            <Link to="/supplier-registration">Register your company</Link> and apply to a framework.
          </p>
        </li>
        <li className="card mb-0">
          <h3>The assurance team</h3>
          <p className="mb-0">Run the frameworks and standards, record assessments and manage organisations and users.</p>
        </li>
      </ul>

      <h2>Browse without an account</h2>
      <ul className="mb-8 list-disc space-y-2 pl-6">
        <li>
          <Link to="/solutions">Find solutions</Link>: search, filter and compare the systems listed
        </li>
        <li>
          <Link to="/capabilities">Capabilities</Link>: what a GP IT system can be assessed to do
        </li>
        <li>
          <Link to="/standards">Standards</Link>: the rules every system must meet
        </li>
        <li>
          <Link to="/frameworks">Frameworks</Link>: the agreements systems are bought under
        </li>
        <li>
          <Link to="/framework-rounds">Framework rounds</Link>: when suppliers can apply to join a framework
        </li>
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
