import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { plural } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { RadioGroup } from '../orders/+shared/order';
import { BUYERS, fieldErrors, formProblem, idempotency, text, writer } from './+shared/competition.server';
import type { Route } from './+types/new';

export const meta = titled('Start a competition');

const FIELDS = { name: 'name', shortlistId: 'shortlistId' };

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, BUYERS, context);
  const options = await ok(request, api(request).GET('/api/competitions/options'));
  const shortlist = new URL(request.url).searchParams.get('shortlist');
  // A key per form: sending the same form twice starts one competition, not two.
  return { shortlists: options.shortlists, shortlist, idempotencyKey: crypto.randomUUID() };
}

export async function action({ request }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const name = text(formData, 'name');
  const shortlistId = text(formData, 'shortlistId');
  const values = { name, shortlistId };
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'Enter a name for the competition';
  else if (name.length > 100) errors.name = 'Name must be 100 characters or fewer';
  if (!shortlistId) errors.shortlistId = 'Choose the shortlist to start from';
  if (Object.keys(errors).length) return fieldErrors(request, errors, values);
  const result = await attempt(client.POST('/api/competitions', { body: { name, shortlistId }, headers: idempotency(text(formData, 'idempotencyKey')) }));
  if (!result.ok) {
    // A name already taken (409) is about the name.
    const p = result.problem;
    if (p.status === 409 && !p.errors?.length) return formProblem(request, { ...p, errors: [{ field: 'name', message: p.detail ?? p.title }] }, FIELDS, values);
    return formProblem(request, p, FIELDS, values);
  }
  return redirect(`/competitions/${result.data.id}?started=1`);
}

export default function NewCompetition({ loaderData, actionData }: Route.ComponentProps) {
  const { shortlists, shortlist, idempotencyKey } = loaderData;
  const errors = actionData?.errors ?? {};
  const chosen = actionData?.values?.shortlistId ?? shortlist ?? (shortlists.length === 1 ? shortlists[0].id : undefined);
  return (
    <>
      <p className="mb-4">
        <Link to="/competitions">Back to competitions</Link>
      </p>
      <h1>Start a competition</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      {shortlists.length ? (
        <Form method="post" noValidate className="max-w-2xl">
          <CsrfInput />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <TextField
            name="name"
            label="Name of the competition"
            hint="Up to 100 characters, different from your organisation’s other competitions. For example, “Online consultation 2027”."
            maxLength={100}
            defaultValue={actionData?.values?.name}
            error={errors.name}
          />
          <RadioGroup
            name="shortlistId"
            legend="Which shortlist do you want to start from?"
            hint="The solutions chosen in the shortlist take part, as the versions saved in it. Later changes to their listings do not change the competition."
            options={shortlists.map((s) => ({ value: s.id, label: s.name, hint: `${plural(s.solutionCount, 'solution')} chosen` }))}
            defaultValue={chosen}
            error={errors.shortlistId}
          />
          <button type="submit" className="button">
            Start competition
          </button>
        </Form>
      ) : (
        <>
          <p className="max-w-3xl">A competition starts from a saved shortlist with the solutions you want to compare. You have no shortlists yet.</p>
          <p>
            <Link to="/solutions">Find solutions and save a shortlist</Link>
          </p>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
