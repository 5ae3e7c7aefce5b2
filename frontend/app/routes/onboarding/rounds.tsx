import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { titled } from '~/lib/meta';
import { RoundsTable } from './+shared/onboarding';
import type { Route } from './+types/rounds';

export const meta = titled('Framework rounds');

export async function loader({ request }: Route.LoaderArgs) {
  const rounds = await ok(request, api(request).GET('/api/onboarding/frameworks'));
  // Imported frameworks have no round to apply to; they are on the frameworks reference page.
  return { rounds: rounds.filter((r) => r.source === 'operator') };
}

export default function Rounds({ loaderData }: Route.ComponentProps) {
  const { rounds } = loaderData;
  return (
    <>
      <h1>Framework rounds</h1>
      <p className="max-w-3xl">
        Suppliers join the marketplace’s frameworks by applying while a round is open. New to the marketplace?{' '}
        <Link to="/supplier-registration">Register your company as a supplier</Link>. See also <Link to="/frameworks">every framework</Link>.
      </p>
      {rounds.length ? (
        <RoundsTable rounds={rounds} caption="Framework rounds, open rounds first" href={(id) => `/framework-rounds/${id}`} />
      ) : (
        <p>There are no framework rounds at the moment.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
