import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { api, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues, type FieldErrors } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { RadioGroup } from '../orders/+shared/order';
import { BackToCompetition, CompetitionCaption } from './+shared/competition';
import { competitionId, fieldErrors, loadEditableCompetition, saveStep, text, writer } from './+shared/competition.server';
import type { Route } from './+types/term';

export const meta = titled('Framework and contract length');

const FIELDS = { frameworkId: 'frameworkId', termMonths: 'termMonths' };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  const options = await ok(request, api(request).GET('/api/competitions/options'));
  return {
    competition: { id: competition.id, name: competition.name, frameworkId: competition.framework?.id ?? null, termMonths: competition.termMonths },
    frameworks: options.frameworks,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const values = keepValues(formData, ['frameworkId', 'termMonths']);
  const errors: FieldErrors = {};
  const frameworkId = text(formData, 'frameworkId');
  if (!frameworkId) errors.frameworkId = 'Choose a framework';
  const months = text(formData, 'termMonths');
  if (!months) errors.termMonths = 'Enter the contract length in months';
  else if (!/^\d{1,3}$/.test(months) || Number(months) < 1) errors.termMonths = 'Enter the contract length in whole months, like 36';
  if (Object.keys(errors).length) return fieldErrors(request, errors, values);
  return saveStep(request, client.PUT('/api/competitions/{id}/term', { params: { path: { id } }, body: { frameworkId, termMonths: Number(months) } }), {
    next: `/competitions/${id}`,
    fields: FIELDS,
    values,
  });
}

export default function Term({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c, frameworks } = loaderData;
  const errors = actionData?.errors ?? {};
  const frameworkId = actionData?.values?.frameworkId ?? c.frameworkId ?? (frameworks.length === 1 ? frameworks[0].id : undefined);
  const chosen = frameworks.find((f) => f.id === frameworkId);
  return (
    <>
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Framework and contract length</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        <RadioGroup
          name="frameworkId"
          legend="Which framework will you buy under?"
          hint="Only live frameworks can be bought from."
          options={frameworks.map((f) => ({ value: f.id, label: `${f.name} (${f.id})`, hint: `Contracts of up to ${f.maxTermMonths} months.` }))}
          defaultValue={frameworkId}
          error={errors.frameworkId}
        />
        <TextField
          name="termMonths"
          inputMode="numeric"
          label="Contract length in months"
          hint={
            chosen
              ? `At most ${chosen.maxTermMonths} months (the maximum of ${chosen.name}). Each solution’s cost is worked out over this length.`
              : 'No longer than the framework’s maximum (shown with each framework above). Each solution’s cost is worked out over this length.'
          }
          className="max-w-24"
          defaultValue={actionData?.values?.termMonths ?? (c.termMonths == null ? '' : String(c.termMonths))}
          error={errors.termMonths}
        />
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
