import { Form, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SuccessNotice } from '~/components/notice';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { BackLink, RoundFacts } from '../+shared/onboarding';
import { formProblem, loadRound, roundId, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/round';

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(`Apply: ${d.round.name}`) }];

/** A round as a supplier sees it: its application if it has one, else apply (open) or register interest (coming). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const id = roundId(params);
  const [round, mine] = await Promise.all([
    loadRound(request, id),
    ok(request, api(request).GET('/api/onboarding/applications', { params: { query: { frameworkId: id } } })),
  ]);
  const existing = mine.find((a) => a.frameworkId === id);
  if (existing) throw redirect(`/vendor/applications/${existing.id}`);
  const { declaration: _d, agreementText: _a, ...facts } = round;
  return { round: facts, interest: new URL(request.url).searchParams.get('interest') };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const id = roundId(params);
  if (formData.get('intent') === 'interest') {
    const result = await attempt(client.POST('/api/onboarding/frameworks/{id}/interest', { params: { path: { id } } }));
    if (result.ok) return redirect(`/vendor/frameworks/${id}?interest=${encodeURIComponent(result.data.registeredAt)}`);
    return formProblem(request, result.problem, {});
  }
  const result = await attempt(client.POST('/api/onboarding/frameworks/{id}/applications', { params: { path: { id } } }));
  if (result.ok) return redirect(`/vendor/applications/${result.data.id}?notice=started`);
  return formProblem(request, result.problem, {});
}

export default function VendorRound({ loaderData, actionData }: Route.ComponentProps) {
  const { round, interest } = loaderData;
  return (
    <>
      <BackLink to="/vendor/applications">Back to your framework applications</BackLink>
      {interest ? <SuccessNotice>Your interest was registered on {formatDateTime(interest)}. We will email you when the round opens.</SuccessNotice> : null}
      <span className="mb-2 block text-lg text-ink-secondary">{round.id}</span>
      <h1>{round.name}</h1>
      <ErrorSummary errors={actionData?.errors} formError={actionData?.formError} />
      {round.description ? <p className="max-w-3xl">{round.description}</p> : null}
      <RoundFacts round={round} />
      {round.status === 'open' ? (
        <Form method="post">
          <CsrfInput />
          <p className="max-w-3xl">
            You answer the declaration section by section, propose your solutions for the capabilities it covers and submit before it closes.
          </p>
          <button type="submit" name="intent" value="apply" className="button">
            Start your application
          </button>
        </Form>
      ) : round.status === 'coming' ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="interest" className="button">
            Register interest
          </button>
        </Form>
      ) : (
        <p>This round is not open for applications.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
