import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { BackToCompetition } from './+shared/competition';
import { competitionId, fieldErrors, loadEditableCompetition, saveStep, text, writer } from './+shared/competition.server';
import type { Route } from './+types/name';

export const meta = titled('Rename the competition');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  return { competition: { id: competition.id, name: competition.name } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const name = text(formData, 'name');
  if (!name) return fieldErrors(request, { name: 'Enter a name for the competition' }, { name });
  return saveStep(request, client.PUT('/api/competitions/{id}/name', { params: { path: { id } }, body: { name } }), {
    next: `/competitions/${id}?renamed=1`,
    fields: { name: 'name' },
    values: { name },
  });
}

export default function Name({ loaderData, actionData }: Route.ComponentProps) {
  const { competition } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <BackToCompetition id={competition.id} />
      <Form method="post" noValidate className="max-w-2xl">
        <h1>Rename the competition</h1>
        <ErrorSummary errors={errors} formError={actionData?.formError} />
        <CsrfInput />
        <TextField
          name="name"
          label="Name of the competition"
          hint="Up to 100 characters, different from your organisation’s other competitions."
          maxLength={100}
          defaultValue={actionData?.values?.name ?? competition.name}
          error={errors.name}
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
