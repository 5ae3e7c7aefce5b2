import { Form, Link } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextAreaField } from '~/components/fields';
import { StatusTag } from '~/components/status-tag';
import { accreditationName } from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { cx } from '~/lib/cx';
import { titled } from '~/lib/meta';
import { RadioGroup } from '../orders/+shared/order';
import { BackToCompetition, CompetitionCaption } from './+shared/competition';
import { competitionId, fieldErrors, loadCompetition, loadEditableCompetition, saveStep, writer } from './+shared/competition.server';
import type { Route } from './+types/solutions';

export const meta = titled('Solutions in the competition');

const MAX_INCLUDED = 8;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  return { competition };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  // Every solution of the competition is listed once, in the competition's order.
  const competition = await loadCompetition(request, id);
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const solutions = competition.solutions.map((s) => {
    const choice = formData.get(`included.${s.itemId}`);
    const reason = String(formData.get(`reason.${s.itemId}`) ?? '').trim();
    if (typeof choice === 'string') values[`included.${s.itemId}`] = choice;
    values[`reason.${s.itemId}`] = reason;
    if (choice !== 'yes' && choice !== 'no') errors[`included.${s.itemId}`] = `Choose whether to include ${s.name}`;
    else if (choice === 'no' && !reason) errors[`reason.${s.itemId}`] = `Enter why ${s.name} is left out`;
    return { itemId: s.itemId, included: choice === 'yes', ...(choice === 'no' ? { exclusionReason: reason } : {}) };
  });
  if (solutions.filter((s) => s.included).length > MAX_INCLUDED) errors.solutions = `Include at most ${MAX_INCLUDED} solutions`;
  if (Object.keys(errors).length) return fieldErrors(request, errors, values);
  const fields: Record<string, string> = { solutions: 'solutions' };
  for (const s of competition.solutions) {
    fields[`solutions.${s.itemId}.exclusionReason`] = `reason.${s.itemId}`;
    fields[`solutions.${s.itemId}.included`] = `included.${s.itemId}`;
    fields[`solutions.${s.itemId}`] = `included.${s.itemId}`;
  }
  return saveStep(request, client.PUT('/api/competitions/{id}/solutions', { params: { path: { id } }, body: { solutions } }), {
    next: `/competitions/${id}`,
    fields,
    values,
  });
}

export default function Solutions({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  const first = c.solutions[0];
  return (
    <>
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Solutions in the competition</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={first ? { solutions: `included.${first.itemId}` } : {}} />
      <p className="max-w-3xl">
        These are the solutions chosen in the shortlist, as the versions saved there. Include between 2 and {MAX_INCLUDED}. For each solution you leave
        out, say why: the reason is kept with the results.
      </p>
      {c.solutions.filter((s) => s.included === true).length === 1 ? (
        <p className="card max-w-3xl" data-testid="direct-award-offer">
          Only one solution is included. You can <Link to={`/competitions/${c.id}/direct-award`}>make a direct award to it instead</Link> of running a
          competition.
        </p>
      ) : null}
      {errors.solutions ? (
        <p id="solutions-error" className="font-bold text-danger">
          <span className="sr-only">Error: </span>
          {errors.solutions}
        </p>
      ) : null}
      <Form method="post" noValidate className="max-w-3xl">
        <CsrfInput />
        {c.solutions.map((s) => {
          const included = values ? values[`included.${s.itemId}`] : s.included == null ? undefined : s.included ? 'yes' : 'no';
          const reasonError = errors[`reason.${s.itemId}`];
          return (
            <section key={s.itemId} aria-labelledby={`solution-${s.itemId}`} className={cx('mb-8 border-b border-line pb-4')}>
              <h2 id={`solution-${s.itemId}`} className="text-xl">
                {s.name}
              </h2>
              <p>
                {s.supplierName} · <StatusTag status={s.accreditationStatus}>{accreditationName(s.accreditationStatus)}</StatusTag>
                {s.integrationTypes.length ? <span className="block text-ink-secondary">Integrations: {s.integrationTypes.join(', ')}</span> : null}
              </p>
              <RadioGroup
                name={`included.${s.itemId}`}
                legend={`Include ${s.name} in the competition?`}
                options={[
                  { value: 'yes', label: 'Yes, include it' },
                  { value: 'no', label: 'No, leave it out' },
                ]}
                defaultValue={included}
                error={errors[`included.${s.itemId}`]}
              />
              <TextAreaField
                name={`reason.${s.itemId}`}
                label={`Why is ${s.name} left out?`}
                hint="Only if you leave it out. For example, “Does not support online consultations by video”."
                rows={2}
                maxLength={2000}
                defaultValue={values ? values[`reason.${s.itemId}`] : (s.exclusionReason ?? '')}
                error={reasonError}
              />
            </section>
          );
        })}
        <button type="submit" className="button">
          Save and continue
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
