import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { BackToCompetition, CompetitionCaption } from './+shared/competition';
import { competitionId, formProblem, idempotency, loadEditableCompetition, text, writer } from './+shared/competition.server';
import type { Route } from './+types/direct-award';

export const meta = titled('Make a direct award');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  const solution = competition.solutions.find((s) => s.included === true) ?? null;
  return {
    competition: { id: competition.id, name: competition.name, canDirectAward: competition.canDirectAward, blockers: competition.blockers },
    solution: solution ? { name: solution.name, supplierName: solution.supplierName } : null,
    excluded: competition.solutions.filter((s) => s.included === false).map((s) => ({ name: s.name, reason: s.exclusionReason })),
    idempotencyKey: crypto.randomUUID(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const result = await attempt(client.POST('/api/competitions/{id}/direct-award', { params: { path: { id } }, headers: idempotency(text(formData, 'idempotencyKey')) }));
  if (result.ok) return redirect(`/competitions/${id}?awarded=1`);
  return formProblem(request, result.problem, {});
}

export default function DirectAward({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c, solution, excluded, idempotencyKey } = loaderData;
  return (
    <>
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Make a direct award</h1>
      <ErrorSummary errors={actionData?.errors} formError={actionData?.formError} />
      {c.canDirectAward && solution ? (
        <>
          <p className="max-w-3xl">
            Only <strong>{solution.name}</strong> ({solution.supplierName}) is left in the competition, so you can award the contract to it directly. This
            completes the competition as a direct award and creates a draft order with its supplier, price, your service recipients and the contract
            length.
          </p>
          {excluded.length ? (
            <>
              <h2 className="text-xl">Solutions left out</h2>
              <ul className="list-disc pl-6">
                {excluded.map((e) => (
                  <li key={e.name}>
                    <strong>{e.name}</strong>: {e.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <button type="submit" className="button">
              Award directly and create the draft order
            </button>
          </Form>
        </>
      ) : (
        <>
          <p className="max-w-3xl">
            {solution ? (
              <>
                Only <strong>{solution.name}</strong> ({solution.supplierName}) is left in the competition. Before you can award the contract to it
                directly, complete these tasks:
              </>
            ) : (
              'A direct award is possible when exactly one solution is left in the competition, once these tasks are done:'
            )}
          </p>
          <ul className="list-disc pl-6">
            <li>Service recipients</li>
            <li>Framework and contract length</li>
            <li>Prices to compare</li>
          </ul>
          <p>
            <Link to={`/competitions/${c.id}`}>Go to the tasks</Link>
          </p>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
