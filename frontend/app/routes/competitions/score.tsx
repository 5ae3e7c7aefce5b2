import { data, Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextAreaField } from '~/components/fields';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { RadioGroup } from '../orders/+shared/order';
import { BackToCompetition, CompetitionCaption, ELEMENT_HINT, ELEMENT_NAME, PRIORITY_NAME, type CompetitionDetail, type ElementScore } from './+shared/competition';
import { competitionId, fieldErrors, loadCompetition, loadEditableCompetition, saveStep, text, writer } from './+shared/competition.server';
import type { Route } from './+types/score';

export const meta = titled('Score a solution');

const SCORES = ['1', '2', '3', '4', '5'];
const SCORE_NAME: Record<string, string> = { '1': '1 – poor', '2': '2 – weak', '3': '3 – acceptable', '4': '4 – good', '5': '5 – excellent' };

function includedSolution(competition: CompetitionDetail, itemId: string | undefined) {
  const solution = competition.solutions.find((s) => s.itemId === itemId && s.included === true);
  if (!solution) throw data({ message: 'That solution is not in the competition.' }, { status: 404 });
  return solution;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  const solution = includedSolution(competition, params.itemId);
  const included = competition.solutions.filter((s) => s.included === true);
  const next = included[included.findIndex((s) => s.itemId === solution.itemId) + 1];
  return {
    competition: { id: competition.id, name: competition.name, elements: competition.elements, requirements: competition.requirements },
    solution,
    scores: competition.scores.filter((s) => s.itemId === solution.itemId),
    next: next ? { itemId: next.itemId, name: next.name } : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const competition = await loadCompetition(request, id);
  const solution = includedSolution(competition, params.itemId);
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const fields: Record<string, string> = {};
  const scores = competition.elements.map((element, i) => {
    const score = String(formData.get(`score.${element}`) ?? '');
    const justification = String(formData.get(`justification.${element}`) ?? '').trim();
    values[`score.${element}`] = score;
    values[`justification.${element}`] = justification;
    const name = (ELEMENT_NAME[element] ?? element).toLowerCase();
    if (!SCORES.includes(score)) errors[`score.${element}`] = `Choose a score from 1 to 5 for ${name}`;
    if (!justification) errors[`justification.${element}`] = `Enter the justification for the ${name} score`;
    else if (justification.length > 2000) errors[`justification.${element}`] = `The justification for ${name} must be 2,000 characters or fewer`;
    for (const key of [element, String(i)]) {
      fields[`scores.${key}.score`] = `score.${element}`;
      fields[`scores.${key}.justification`] = `justification.${element}`;
      fields[`scores.${key}`] = `score.${element}`;
    }
    return { element, score: Number(score), justification } satisfies ElementScore;
  });
  if (Object.keys(errors).length) return fieldErrors(request, errors, values);
  const next = text(formData, 'next');
  const itemId = solution.itemId;
  return saveStep(
    request,
    client.PUT('/api/competitions/{id}/scores/{itemId}', { params: { path: { id, itemId } }, body: { scores } }),
    {
      next: next ? `/competitions/${id}/scores/${encodeURIComponent(next)}` : `/competitions/${id}/scores?saved=${encodeURIComponent(itemId)}`,
      fields,
      values,
    },
  );
}

export default function Score({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c, solution: s, scores, next } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  const saved = (element: string) => scores.find((x) => x.element === element);
  return (
    <>
      <BackToCompetition id={c.id} label="Back to the competition" />
      <CompetitionCaption competition={c} />
      <h1>Score {s.name}</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p>
        {s.supplierName}
        {s.integrationTypes.length ? <span className="block text-ink-secondary">Integrations: {s.integrationTypes.join(', ')}</span> : null}
      </p>
      {c.elements.length ? (
        <Form method="post" noValidate className="max-w-3xl">
          <CsrfInput />
          {next ? <input type="hidden" name="next" value={next.itemId} /> : null}
          {c.elements.map((element) => {
            const name = ELEMENT_NAME[element] ?? element;
            return (
              <section key={element} aria-labelledby={`element-${element}`} className="mb-8 border-b border-line pb-4">
                <h2 id={`element-${element}`} className="text-xl">
                  {name}
                </h2>
                <p className="text-ink-secondary">{ELEMENT_HINT[element]}</p>
                {element === 'features' && c.requirements.features.length ? (
                  <ul className="mb-4 list-disc pl-6">
                    {c.requirements.features.map((f, i) => (
                      <li key={i}>
                        <strong>{PRIORITY_NAME[f.priority] ?? f.priority}</strong>: {f.text}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {element === 'interoperability' && c.requirements.integrationTypes.length ? (
                  <p>
                    Integration types required: {c.requirements.integrationTypes.join(', ')}. {s.name} declares:{' '}
                    {c.requirements.integrationTypes.filter((t) => s.integrationTypes.includes(t)).join(', ') || 'none of them'}.
                  </p>
                ) : null}
                <RadioGroup
                  name={`score.${element}`}
                  legend={`${name} score for ${s.name}`}
                  options={SCORES.map((v) => ({ value: v, label: SCORE_NAME[v] }))}
                  defaultValue={values ? values[`score.${element}`] : saved(element) ? String(saved(element)!.score) : undefined}
                  error={errors[`score.${element}`]}
                />
                <TextAreaField
                  name={`justification.${element}`}
                  label={`Why this ${name.toLowerCase()} score?`}
                  hint="Up to 2,000 characters. It is shown with the results."
                  rows={3}
                  maxLength={2000}
                  defaultValue={values ? values[`justification.${element}`] : (saved(element)?.justification ?? '')}
                  error={errors[`justification.${element}`]}
                />
              </section>
            );
          })}
          <button type="submit" className="button">
            {next ? `Save and score ${next.name}` : 'Save scores'}
          </button>
        </Form>
      ) : (
        <p>The winner is decided on price only, so there is nothing to score by hand.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
