import { data, Form, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { attempt, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import type { FieldErrors, FormResult } from '~/lib/forms';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { AnswerText, BackLink, DeclarationFields, answersFromForm, declarationOf, errorTargets, type Declaration } from '../+shared/onboarding';
import { applicationId, loadApplication, loadRound, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/section';

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(d.section.title) }];

async function load(request: Request, params: { id?: string; sectionId?: string }) {
  const id = applicationId(params);
  const application = await loadApplication(request, id);
  const round = await loadRound(request, application.frameworkId);
  const declaration = declarationOf(round);
  const section = declaration?.form.sections.find((s) => s.id === params.sectionId);
  if (!declaration || !section) throw data({ message: 'There is no such section in this declaration.' }, { status: 404 });
  return { id, application, declaration, section };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const { application, declaration, section } = await load(request, params);
  const sections = application.sections;
  const index = sections.findIndex((s) => s.id === section.id);
  return {
    application: { id: application.id, frameworkName: application.frameworkName, answers: application.answers, editable: application.editable },
    // Only this section's schema goes to the page.
    declaration: { schema: { properties: Object.fromEntries(section.questions.map((q) => [q.id, declaration.schema.properties[q.id]])), required: declaration.schema.required }, form: { sections: [section] } } as Declaration,
    section,
    position: { n: index + 1, of: sections.length },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const { id, declaration, section } = await load(request, params);
  const { answers, values } = answersFromForm(section, declaration, formData);
  const result = await attempt(client.PUT('/api/onboarding/applications/{id}/sections/{sectionId}', { params: { path: { id, sectionId: section.id } }, body: { answers } }));
  if (result.ok) return redirect(`/vendor/applications/${id}?notice=saved`);
  const p = result.problem;
  if (p.status >= 500 || p.status === 401 || p.status === 403 || p.status === 404) throwProblem(request, p);
  // Field errors are keyed by question id (or its part): the form's own field names.
  const errors: FieldErrors = {};
  let formError: string | undefined;
  for (const e of p.errors ?? []) {
    if (section.questions.some((q) => e.field === q.id || e.field.startsWith(`${q.id}.`))) errors[e.field] ??= e.message;
    else formError ??= e.message;
  }
  if (!Object.keys(errors).length && !formError) formError = p.detail ?? p.title;
  return data<FormResult>({ errors, formError, values }, { status: p.status });
}

export default function DeclarationSectionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { application: a, declaration, section, position } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <BackLink to={`/vendor/applications/${a.id}`}>Back to your application</BackLink>
      <span className="mb-2 block text-lg text-ink-secondary">
        {a.frameworkName}: section {position.n} of {position.of}
      </span>
      <h1>{section.title}</h1>
      {section.description ? <p className="max-w-3xl">{section.description}</p> : null}
      {a.editable ? (
        <Form method="post" noValidate className="max-w-3xl">
          <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={errorTargets(section, declaration, errors)} />
          <CsrfInput />
          <DeclarationFields section={section} declaration={declaration} answers={a.answers} posted={actionData?.values} errors={errors} />
          <button type="submit" className="button">
            Save and return
          </button>
        </Form>
      ) : (
        <>
          <p className="max-w-3xl" data-testid="read-only">
            Your declaration can no longer be changed. These are your answers.
          </p>
          <dl className="summary-list max-w-3xl">
            {section.questions.map((q) => (
              <div key={q.id}>
                <dt>{q.label}</dt>
                <dd>
                  <AnswerText value={a.answers[q.id]} schema={declaration.schema.properties[q.id]} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
