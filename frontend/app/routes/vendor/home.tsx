import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/home';

export const meta = titled('Your supplier account');

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['vendor'], context);
  return { supplier: session.organisation };
}

export default function VendorHome({ loaderData }: Route.ComponentProps) {
  const { supplier } = loaderData;
  return (
    <>
      <span className="mb-2 block text-lg text-ink-secondary">Supplier</span>
      <h1>{supplier.name}</h1>
      <dl className="summary-list max-w-3xl">
        <div>
          <dt>Supplier name</dt>
          <dd>{supplier.name}</dd>
        </div>
        <div>
          <dt>Supplier code</dt>
          <dd>{supplier.code}</dd>
        </div>
      </dl>
      <div className="card max-w-3xl">
        <h2 className="text-xl">Your catalogue is not available here yet</h2>
        <p>
          Editing your supplier profile, drafting solution listings and price lists, and seeing your conformance results
          will come in a later release of the marketplace. Until then, the assurance team manages listings.
        </p>
        <p className="mb-0">
          For now you can <Link to="/organisation">see your organisation's details and manage its users</Link>.
        </p>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
