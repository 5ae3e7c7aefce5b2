import { data, Form, Link } from 'react-router';
import { redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { attempt, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import type { FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { CompetitionAnswers, ScoresAndJustifications } from './+shared/answers';
import { BackToCompetition, CompetitionCaption, RankingTable, WinnerText } from './+shared/competition';
import { competitionId, idempotency, loadEditableCompetition, text, writer } from './+shared/competition.server';
import type { Route } from './+types/review';

export const meta = titled('Check the results before completing the competition');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  // One key per rendering of this page: pressing "Complete competition" twice completes it once.
  return { competition, idempotencyKey: crypto.randomUUID() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const result = await attempt(client.POST('/api/competitions/{id}/complete', { params: { path: { id } }, headers: idempotency(text(formData, 'idempotencyKey')) }));
  if (result.ok) return redirect(`/competitions/${id}?completed=1`);
  const p = result.problem;
  if (p.status >= 500 || p.status === 401 || p.status === 403 || p.status === 404) throwProblem(request, p);
  // Each reason the competition cannot be completed, listed in the summary.
  const blockers = ((p as { blockers?: unknown }).blockers as string[] | undefined) ?? (p.errors ?? []).map((e) => e.message);
  const errors: Record<string, string> = {};
  blockers.forEach((b, i) => (errors[`blocker-${i}`] = b));
  return data<FormResult>({ errors, formError: blockers.length ? 'The competition cannot be completed yet:' : (p.detail ?? p.title) }, { status: p.status });
}

export default function Review({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c, idempotencyKey } = loaderData;
  const fieldIds = Object.fromEntries(Object.keys(actionData?.errors ?? {}).map((k) => [k, 'blockers']));
  const preview = c.preview;
  return (
    <>
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Check the results before completing the competition</h1>
      <ErrorSummary errors={actionData?.errors} formError={actionData?.formError} fieldIds={fieldIds} />

      <CompetitionAnswers competition={c} editable />
      <p className="mt-2">
        <Link to={`/competitions/${c.id}/prices`}>Change the prices compared</Link>
      </p>
      <ScoresAndJustifications competition={c} />
      <p>
        <Link to={`/competitions/${c.id}/scores`}>Change the scores</Link>
      </p>

      <h2>Ranking</h2>
      {preview ? (
        <>
          <WinnerText result={preview} />
          <p className="max-w-3xl text-ink-secondary">
            Points are the weighted totals that decide the winner, exactly as they will be kept: price score × price weight, plus each non-price score ×
            its sub-weight × the non-price share, shown to 4 decimal places (5.0000 is the most possible). Equal totals are a tie.
          </p>
          <RankingTable result={preview} criteria={c.criteria} elements={c.elements} caption="Ranking so far, with every score, weight and points" />
        </>
      ) : (
        <p>The ranking is shown once every task is done.</p>
      )}

      {c.blockers.length ? (
        <section id="blockers" tabIndex={-1} aria-labelledby="blockers-heading" className="mb-8 max-w-3xl border-l-8 border-danger bg-white p-4">
          <h2 id="blockers-heading" className="text-xl">
            What still needs doing
          </h2>
          <ul className="mb-0 list-disc pl-6">
            {c.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </section>
      ) : (
        <div id="blockers" tabIndex={-1} />
      )}

      <h2>Now complete the competition</h2>
      <p className="max-w-3xl">
        Completing fixes the results: the scores, weights, costs and ranking are kept as they are now, and the competition can no longer be changed.
        You can then award the contract to the winner.
      </p>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <button type="submit" className="button">
          Complete competition
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
