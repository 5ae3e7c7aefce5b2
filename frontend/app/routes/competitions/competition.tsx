import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SuccessNotice } from '~/components/notice';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { TaskStatusTag } from '../orders/+shared/order';
import { CompetitionAnswers, ScoresAndJustifications } from './+shared/answers';
import { CompetitionStatusTag, RankingTable, WinnerText } from './+shared/competition';
import { BUYERS, competitionId, formProblem, loadCompetition, writer } from './+shared/competition.server';
import type { Route } from './+types/competition';

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(`Competition: ${d.competition.name}`) }];

/** Task key → the step's page (a key the portal does not know links to a page of the same name). */
const STEP_PATH: Record<string, string> = {
  solutions: 'solutions',
  recipients: 'recipients',
  term: 'term',
  prices: 'prices',
  criteria: 'criteria',
  requirements: 'requirements',
  scores: 'scores',
  results: 'review',
};

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, BUYERS, context);
  const id = competitionId(params);
  const competition = await loadCompetition(request, id);
  const q = new URL(request.url).searchParams;
  return { competition, started: q.get('started') === '1', completed: q.get('completed') === '1', awarded: q.get('awarded') === '1', renamed: q.get('renamed') === '1' };
}

/** "Delete this competition" (drafts only). */
export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  await readFormWithCsrf(request);
  const id = competitionId(params);
  const result = await attempt(client.DELETE('/api/competitions/{id}', { params: { path: { id } } }));
  if (result.ok) return redirect('/competitions?deleted=1');
  return formProblem(request, result.problem, {});
}

export default function Competition({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c, started, completed, awarded, renamed } = loaderData;
  const done = c.status !== 'draft';
  const completedCount = c.tasks.filter((t) => t.status === 'completed').length;
  const result = c.results;
  return (
    <>
      {started ? <SuccessNotice>The competition has been started. Complete each task below.</SuccessNotice> : null}
      {renamed ? <SuccessNotice>The competition has been renamed.</SuccessNotice> : null}
      {completed ? <SuccessNotice>The competition has been completed. Its results can no longer change.</SuccessNotice> : null}
      {awarded && c.orderRef ? (
        <SuccessNotice>
          Draft order <Link to={`/orders/${c.orderRef}`}>{c.orderRef}</Link> has been created for the winner. Open it to enter the commencement date and
          complete it.
        </SuccessNotice>
      ) : null}
      <p className="mb-4">
        <Link to="/competitions">Back to competitions</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">Competition</span>
      <h1>{c.name}</h1>
      <ErrorSummary errors={actionData?.errors} formError={actionData?.formError} />
      <p>
        Status: <CompetitionStatusTag status={c.status} orderRef={c.orderRef} />
        {c.awardType === 'direct' ? ' (direct award)' : ''}
      </p>

      {done ? (
        <>
          <p className="text-ink-secondary">
            Completed {formatDateTime(c.completedAt)}
            {c.completedByName ? ` by ${c.completedByName}` : ''}. A completed competition is read-only.
          </p>
          {result ? (
            <section aria-labelledby="results-heading">
              <h2 id="results-heading">Results</h2>
              <WinnerText result={result} />
              <p className="max-w-3xl text-ink-secondary">
                Points are the weighted totals used to decide, exactly: price score × price weight, plus each non-price score × its sub-weight × the
                non-price share, shown to 4 decimal places (5.0000 is the most possible).
              </p>
              <RankingTable result={result} criteria={c.criteria} elements={c.elements} caption="Ranking with every score, weight and points" />
            </section>
          ) : null}
          <p className="mt-4">
            {/* A PDF from the API: a plain link, so the browser downloads it. */}
            <a href={`/api/competitions/${c.id}/results.pdf`}>Download the results with every score and justification (PDF)</a>
          </p>
          {c.orderRef ? (
            <section aria-labelledby="order-heading" className="card max-w-3xl">
              <h2 id="order-heading">Order</h2>
              <p className="mb-0">
                The winner has been turned into draft order <Link to={`/orders/${c.orderRef}`}>{c.orderRef}</Link>.
              </p>
            </section>
          ) : (
            <section aria-labelledby="award-heading" className="card max-w-3xl">
              <h2 id="award-heading">Award the contract</h2>
              <p>Awarding creates a draft order for the winner, with its price, your service recipients and the contract length.</p>
              <Link to={`/competitions/${c.id}/award`} className="button">
                Award to the winner
              </Link>
            </section>
          )}
          <CompetitionAnswers competition={c} editable={false} />
          <ScoresAndJustifications competition={c} />
        </>
      ) : (
        <>
          <h2>Tasks</h2>
          <p>
            You have completed {completedCount} of {c.tasks.length} tasks.
          </p>
          <ol className="mb-8 max-w-3xl list-none border-t border-line p-0" aria-label="Competition tasks">
            {c.tasks.map((t) => {
              const statusId = `task-${t.key}-status`;
              return (
                <li key={t.key} className="flex flex-wrap items-center justify-between gap-2 border-b border-line py-3">
                  {t.status === 'cannot_start' ? (
                    <span>{t.title}</span>
                  ) : (
                    <Link to={`/competitions/${c.id}/${STEP_PATH[t.key] ?? t.key}`} aria-describedby={statusId}>
                      {t.title}
                    </Link>
                  )}
                  <TaskStatusTag status={t.status} id={statusId} />
                </li>
              );
            })}
          </ol>
          {c.solutions.filter((s) => s.included === true).length === 1 ? (
            <p className="card max-w-3xl" data-testid="direct-award-offer">
              Only one solution is left in the competition. <Link to={`/competitions/${c.id}/direct-award`}>Make a direct award instead</Link>
            </p>
          ) : null}
          <p>
            <Link to={`/competitions/${c.id}/name`}>Rename this competition</Link>
          </p>
          <Form method="post" className="mt-8">
            <CsrfInput />
            <button type="submit" className="button button-warning">
              Delete this competition
            </button>
          </Form>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
