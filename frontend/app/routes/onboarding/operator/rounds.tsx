import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { api, ok } from '~/lib/api/client.server';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { RoundsTable } from '../+shared/onboarding';
import type { Route } from './+types/rounds';

export const meta = titled('Framework rounds');

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const rounds = await ok(request, api(request).GET('/api/onboarding/frameworks'));
  return { rounds: rounds.filter((r) => r.source === 'operator') };
}

export default function OperatorRounds({ loaderData }: Route.ComponentProps) {
  const { rounds } = loaderData;
  return (
    <>
      <h1>Framework rounds</h1>
      <p>
        <Link to="/operator/frameworks/new" className="button">
          Create a framework round
        </Link>
      </p>
      <p>
        <Link to="/operator/suppliers">Suppliers: registrations, suspensions and merges</Link>
      </p>
      {rounds.length ? (
        <RoundsTable rounds={rounds} caption="Framework rounds run here" href={(id) => `/operator/frameworks/${id}`} withResults />
      ) : (
        <SuccessNotice>No rounds yet.</SuccessNotice>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
