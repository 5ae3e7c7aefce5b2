import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { titled } from '~/lib/meta';
import { TaskStatusTag } from '../orders/+shared/order';
import { BackToCompetition, CompetitionCaption, ELEMENT_NAME } from './+shared/competition';
import { loadEditableCompetition } from './+shared/competition.server';
import type { Route } from './+types/scores';

export const meta = titled('Score the solutions');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  const saved = new URL(request.url).searchParams.get('saved');
  const solutions = competition.solutions
    .filter((s) => s.included === true)
    .map((s) => {
      const scored = competition.scores.filter((x) => x.itemId === s.itemId && competition.elements.includes(x.element)).length;
      return { itemId: s.itemId, name: s.name, supplierName: s.supplierName, scored };
    });
  return {
    competition: { id: competition.id, name: competition.name, elements: competition.elements },
    solutions,
    saved: solutions.find((s) => s.itemId === saved)?.name ?? null,
  };
}

export default function Scores({ loaderData }: Route.ComponentProps) {
  const { competition: c, solutions, saved } = loaderData;
  const n = c.elements.length;
  return (
    <>
      {saved ? <SuccessNotice>The scores for {saved} have been saved.</SuccessNotice> : null}
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Score the solutions</h1>
      {n ? (
        <>
          <p className="max-w-3xl">
            Give each solution a score from 1 to 5, with a justification, for {c.elements.map((e) => (ELEMENT_NAME[e] ?? e).toLowerCase()).join(', ')}.
            Price is scored for you from the whole-term cost.
          </p>
          <ol className="mb-8 max-w-3xl list-none border-t border-line p-0" aria-label="Solutions to score">
            {solutions.map((s) => {
              const statusId = `score-${s.itemId}-status`;
              const status = s.scored >= n ? 'completed' : s.scored > 0 ? 'in_progress' : 'not_started';
              return (
                <li key={s.itemId} className="flex flex-wrap items-center justify-between gap-2 border-b border-line py-3">
                  <span>
                    <Link to={`/competitions/${c.id}/scores/${encodeURIComponent(s.itemId)}`} aria-describedby={statusId}>
                      {s.name}
                    </Link>
                    <span className="block text-ink-secondary">{s.supplierName}</span>
                  </span>
                  <TaskStatusTag status={status} id={statusId} />
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <p className="max-w-3xl">The winner is decided on price only, so there is nothing to score by hand.</p>
      )}
      <p>
        <Link to={`/competitions/${c.id}`} className="button">
          Continue
        </Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
