import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { errorTitle, pageTitle } from '~/lib/meta';
import { getSession } from '~/lib/session.server';
import { loadRound, roundId } from './+shared/onboarding.server';
import { BackLink, RoundFacts } from './+shared/onboarding';
import type { Route } from './+types/round';

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(d.round.name) }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const [round, session] = await Promise.all([loadRound(request, roundId(params)), getSession(request, context)]);
  const { declaration: _d, agreementText: _a, ...facts } = round;
  return { round: facts, role: session?.role ?? null };
}

export default function Round({ loaderData }: Route.ComponentProps) {
  const { round, role } = loaderData;
  const applying = round.source === 'operator' && (round.status === 'open' || round.status === 'coming');
  return (
    <>
      <BackLink to="/framework-rounds">Back to framework rounds</BackLink>
      <span className="mb-2 block text-lg text-ink-secondary">{round.id}</span>
      <h1>{round.name}</h1>
      {round.description ? <p className="max-w-3xl">{round.description}</p> : null}
      <RoundFacts round={round} />
      {role === 'operator' && round.source === 'operator' ? (
        <p>
          <Link to={`/operator/frameworks/${round.id}`}>Run this round</Link>
        </p>
      ) : null}
      {applying ? (
        role === 'vendor' ? (
          <p>
            <Link to={`/vendor/frameworks/${round.id}`} className="button">
              {round.status === 'open' ? 'Apply to this framework' : 'Register interest'}
            </Link>
          </p>
        ) : role ? null : (
          <p>
            To apply, <Link to="/supplier-registration">register your company as a supplier</Link> or{' '}
            <Link to={`/sign-in?redirectTo=${encodeURIComponent(`/vendor/frameworks/${round.id}`)}`}>sign in</Link>.
          </p>
        )
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
