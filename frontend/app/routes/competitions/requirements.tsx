import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { FieldError, SelectField, TextField } from '~/components/fields';
import { api, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { BackToCompetition, CompetitionCaption } from './+shared/competition';
import { competitionId, fieldErrors, loadEditableCompetition, saveStep, text, writer } from './+shared/competition.server';
import type { Route } from './+types/requirements';

export const meta = titled('Requirements');

/** Empty rows offered under the saved requirements (a form without JavaScript cannot add rows). */
const BLANK_ROWS = 3;
const MAX_ROWS = 50;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  const options = await ok(request, api(request).GET('/api/competitions/options'));
  // Only the API's integration types can be chosen; those the included solutions declare first.
  const declared = new Set(competition.solutions.filter((s) => s.included === true).flatMap((s) => s.integrationTypes));
  const all = [...options.integrationTypes.filter((t) => declared.has(t)), ...options.integrationTypes.filter((t) => !declared.has(t))];
  const more = Number.parseInt(new URL(request.url).searchParams.get('rows') ?? '0', 10) || 0;
  return {
    competition: { id: competition.id, name: competition.name, requirements: competition.requirements, elements: competition.elements },
    integrationTypes: all.map((name) => ({ name, declaredBy: competition.solutions.filter((s) => s.included === true && s.integrationTypes.includes(name)).map((s) => s.name) })),
    rows: Math.min(MAX_ROWS, competition.requirements.features.length + BLANK_ROWS + Math.max(0, Math.min(more, 20))),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const rows = Math.min(MAX_ROWS, Number.parseInt(text(formData, 'rows'), 10) || 0);
  const values: Record<string, string> = { rows: String(rows) };
  const errors: Record<string, string> = {};
  const features: { text: string; priority: 'must' | 'should' }[] = [];
  const fields: Record<string, string> = { integrationTypes: 'integrationTypes', features: 'feature.0.text' };
  for (let i = 0; i < rows; i++) {
    const t = text(formData, `feature.${i}.text`);
    const priority = text(formData, `feature.${i}.priority`);
    values[`feature.${i}.text`] = t;
    values[`feature.${i}.priority`] = priority;
    if (!t) continue;
    if (t.length > 500) errors[`feature.${i}.text`] = `Requirement ${i + 1} must be 500 characters or fewer`;
    for (const key of [`features.${features.length}`, `features[${features.length}]`]) {
      fields[`${key}.text`] = `feature.${i}.text`;
      fields[`${key}.priority`] = `feature.${i}.priority`;
    }
    features.push({ text: t, priority: priority === 'should' ? 'should' : 'must' });
  }
  const integrationTypes = formData.getAll('integrationTypes').map(String);
  values.integrationTypes = integrationTypes.join('\n');
  if (Object.keys(errors).length) return fieldErrors(request, errors, values);
  return saveStep(request, client.PUT('/api/competitions/{id}/requirements', { params: { path: { id } }, body: { features, integrationTypes } }), {
    next: `/competitions/${id}`,
    fields,
    values,
  });
}

export default function Requirements({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c, integrationTypes, rows: loadedRows } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  const rows = values?.rows ? Number(values.rows) : loadedRows;
  const chosen = new Set(values ? (values.integrationTypes ?? '').split('\n').filter(Boolean) : c.requirements.integrationTypes);
  return (
    <>
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Requirements</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={{ integrationTypes: integrationTypes.length ? 'integration-0' : 'integrationTypes' }} />
      <p className="max-w-3xl">
        What you need the solution to do. The features score says how well each solution meets these requirements; the interoperability score says how
        well it supports the integration types you choose.
      </p>
      <Form method="post" noValidate className="max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="rows" value={rows} />
        <fieldset className="mb-8">
          <legend className="mb-2 text-2xl font-bold">Features</legend>
          <p className="text-ink-secondary">
            One requirement on each row. A MUST is essential; a SHOULD is wanted but not essential. Leave a row empty to remove it.
          </p>
          {Array.from({ length: rows }, (_, i) => {
            const saved = c.requirements.features[i];
            return (
              <div key={i} className="mb-2 flex flex-wrap items-start gap-4 border-b border-line pt-2">
                <div className="min-w-64 grow">
                  <TextField
                    name={`feature.${i}.text`}
                    label={`Requirement ${i + 1}`}
                    maxLength={500}
                    defaultValue={values ? values[`feature.${i}.text`] : (saved?.text ?? '')}
                    error={errors[`feature.${i}.text`]}
                  />
                </div>
                <SelectField
                  name={`feature.${i}.priority`}
                  label={`Priority of requirement ${i + 1}`}
                  options={[
                    { value: 'must', label: 'MUST' },
                    { value: 'should', label: 'SHOULD' },
                  ]}
                  defaultValue={values ? values[`feature.${i}.priority`] : (saved?.priority ?? 'must')}
                  error={errors[`feature.${i}.priority`]}
                />
              </div>
            );
          })}
        </fieldset>
        <p>
          <a href={`/competitions/${c.id}/requirements?rows=${rows - c.requirements.features.length}`}>Show more empty rows</a> (saved rows are kept;
          unsaved text is not)
        </p>
        <fieldset className="mb-8" id="integrationTypes" tabIndex={-1}>
          <legend className="mb-2 text-2xl font-bold">Integration types</legend>
          <p className="text-ink-secondary">The integrations the solution must support, for the interoperability score.</p>
          <FieldError id="integrationTypes" error={errors.integrationTypes} />
          {integrationTypes.map((t, i) => (
            <div key={t.name} className="mb-2 flex items-start gap-3">
              <input
                type="checkbox"
                id={`integration-${i}`}
                name="integrationTypes"
                value={t.name}
                defaultChecked={chosen.has(t.name)}
                aria-describedby={t.declaredBy.length ? `integration-${i}-hint` : undefined}
                className="mt-0.5 h-6 w-6 shrink-0 cursor-pointer accent-brand"
              />
              <div>
                <label htmlFor={`integration-${i}`} className="cursor-pointer">
                  {t.name}
                </label>
                {t.declaredBy.length ? (
                  <span id={`integration-${i}-hint`} className="block text-ink-secondary">
                    Declared by {t.declaredBy.join(', ')}
                  </span>
                ) : null}
              </div>
            </div>
          ))}
        </fieldset>
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
