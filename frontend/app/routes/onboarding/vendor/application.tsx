import { data, Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SuccessNotice } from '~/components/notice';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDate, formatDateTime } from '~/lib/format';
import type { FormResult } from '~/lib/forms';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { AgreementState, ApplicationStatusTag, BackLink, declarationOf, MarksTable, ResultTag, RoundStatusTag, SectionStatusTag } from '../+shared/onboarding';
import { applicationId, formProblem, loadApplication, loadRound, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/application';

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(`Your application: ${d.application.frameworkName}`) }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const application = await loadApplication(request, applicationId(params));
  const round = await loadRound(request, application.frameworkId);
  const q = new URL(request.url).searchParams;
  return { application, closesOn: round.dates.closesOn, schema: declarationOf(round)?.schema.properties ?? {}, notice: q.get('notice') };
}

const NOTICES: Record<string, string> = {
  started: 'Your application has been started. Complete each task below, then submit it.',
  saved: 'Your answers have been saved.',
  solutions: 'Your proposed solutions have been saved.',
  copied: 'Answers from your previous framework application have been copied into unanswered questions. Check each section.',
  submitted: 'Your application has been submitted. You will get the result after the round closes.',
  signed: 'You have signed the framework agreement. The assurance team will countersign it.',
};

/** Anchor of the task a missing thing is about ("sections.insurance" → that section's task). */
function taskAnchor(field: string): string {
  if (field.startsWith('sections.')) return `task-section-${field.slice('sections.'.length)}`;
  if (field.startsWith('solutions')) return 'task-solutions';
  return 'tasks';
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const id = applicationId(params);
  if (formData.get('intent') === 'copy') {
    const result = await attempt(client.POST('/api/onboarding/applications/{id}/copy-previous', { params: { path: { id } } }));
    if (result.ok) return redirect(`/vendor/applications/${id}?notice=copied`);
    return formProblem(request, result.problem, {});
  }
  const result = await attempt(client.POST('/api/onboarding/applications/{id}/submit', { params: { path: { id } } }));
  if (result.ok) return redirect(`/vendor/applications/${id}?notice=submitted`);
  if (result.problem.code === 'application-incomplete') {
    // One summary line per thing missing, each linking to its task.
    const errors: Record<string, string> = {};
    const fieldIds: Record<string, string> = {};
    (result.problem.errors ?? []).forEach((e, i) => {
      errors[`missing-${i}`] = e.message;
      fieldIds[`missing-${i}`] = taskAnchor(e.field);
    });
    return data<FormResult & { fieldIds: Record<string, string> }>({ errors, fieldIds, formError: result.problem.detail }, { status: 422 });
  }
  return formProblem(request, result.problem, {});
}

export default function VendorApplication({ loaderData, actionData }: Route.ComponentProps) {
  const { application: a, closesOn, schema, notice } = loaderData;
  const resultShown = a.result != null && a.result !== 'pending' && a.marks.length > 0;
  const solutionsDone = a.solutions.length > 0 && !a.missing.some((m) => a.solutions.some((s) => m.startsWith(`${s.name}:`)));
  return (
    <>
      <BackLink to="/vendor/applications">Back to your framework applications</BackLink>
      {notice && !actionData && NOTICES[notice] ? <SuccessNotice>{NOTICES[notice]}</SuccessNotice> : null}
      <span className="mb-2 block text-lg text-ink-secondary">
        {a.supplierName} ({a.supplierCode})
      </span>
      <h1>Your application: {a.frameworkName}</h1>
      <ErrorSummary
        errors={actionData?.errors}
        formError={actionData?.formError}
        fieldIds={actionData && 'fieldIds' in actionData ? (actionData.fieldIds as Record<string, string>) : undefined}
        title="Your application cannot be submitted yet"
      />
      <dl className="summary-list mb-8 max-w-3xl">
        <div>
          <dt>Application</dt>
          <dd>
            <ApplicationStatusTag status={a.status} />
            {a.submittedAt ? ` on ${formatDateTime(a.submittedAt)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Round</dt>
          <dd>
            <RoundStatusTag status={a.frameworkStatus} />
            {a.frameworkStatus === 'open' && closesOn ? ` until ${formatDate(closesOn)}` : ''} (<Link to={`/framework-rounds/${a.frameworkId}`}>dates and capabilities</Link>)
          </dd>
        </div>
        {a.result ? (
          <div>
            <dt>Result</dt>
            <dd>
              <ResultTag result={a.result} />
            </dd>
          </div>
        ) : null}
      </dl>

      {resultShown ? (
        <section aria-labelledby="result-heading" className="mb-10">
          <h2 id="result-heading">Result</h2>
          <p>
            Your application was <strong>{a.result === 'pass' ? 'successful' : 'unsuccessful'}</strong>.
          </p>
          {a.resultReasons.length ? (
            <>
              <h3 className="text-lg">Reasons</h3>
              <ul className="mb-6 list-disc pl-5" data-testid="result-reasons">
                {a.resultReasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          ) : null}
          <MarksTable marks={a.marks} answers={a.answers} schema={schema} caption="Each answer’s mark" />
          {a.result === 'pass' ? (
            <section aria-labelledby="agreement-heading" className="card mt-8 max-w-3xl">
              <h3 id="agreement-heading" className="text-xl">
                Framework agreement
              </h3>
              {a.agreement ? (
                <>
                  <AgreementState agreement={a.agreement} />
                  {a.onFramework ? <p className="mb-0">You are on this framework: your solutions can be submitted for publication on it.</p> : null}
                </>
              ) : (
                <p className="mb-0">
                  <Link to={`/vendor/applications/${a.id}/agreement`} className="button mb-0">
                    Sign the framework agreement
                  </Link>
                </p>
              )}
            </section>
          ) : null}
        </section>
      ) : null}

      <h2 id="tasks">{a.editable ? 'Complete your application' : 'Your application'}</h2>
      {!a.editable ? (
        <p className="max-w-3xl">
          {a.frameworkStatus === 'open' ? 'You have submitted your application: it can no longer be changed.' : 'The round has closed: your declaration can no longer be changed.'}
        </p>
      ) : null}
      <ol className="mb-8 max-w-3xl list-none border-t border-line p-0" aria-label="Application tasks">
        {a.sections.map((s) => (
          <li key={s.id} id={`task-section-${s.id}`} className="flex flex-wrap items-center justify-between gap-2 border-b border-line py-3">
            <Link to={`/vendor/applications/${a.id}/sections/${s.id}`} aria-describedby={`section-${s.id}-status`}>
              {s.title}
            </Link>
            <SectionStatusTag status={s.status} id={`section-${s.id}-status`} />
          </li>
        ))}
        <li id="task-solutions" className="flex flex-wrap items-center justify-between gap-2 border-b border-line py-3">
          <Link to={`/vendor/applications/${a.id}/solutions`} aria-describedby="solutions-status">
            Proposed solutions
          </Link>
          <SectionStatusTag status={a.solutions.length === 0 ? 'not-started' : solutionsDone ? 'complete' : 'incomplete'} id="solutions-status" />
        </li>
        <li className="flex flex-wrap items-center justify-between gap-2 border-b border-line py-3">
          <Link to={`/vendor/applications/${a.id}/clarifications`}>Clarification questions</Link>
          <span className="text-ink-secondary">Optional</span>
        </li>
      </ol>

      {a.editable ? (
        <>
          <section aria-labelledby="submit-heading" className="card max-w-3xl">
            <h2 id="submit-heading" className="text-xl">
              Submit your application
            </h2>
            {a.missing.length ? (
              <>
                <p>Before you can submit:</p>
                <ul className="mb-6 list-disc pl-5" data-testid="missing">
                  {a.missing.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Your application is complete. Once submitted it cannot be changed.</p>
            )}
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value="submit" className="button mb-0">
                Submit application
              </button>
            </Form>
          </section>
          <Form method="post" className="mt-8">
            <CsrfInput />
            <p className="max-w-3xl text-ink-secondary">Applied to a framework before? Copy your answers from it into the questions you have not answered yet.</p>
            <button type="submit" name="intent" value="copy" className="button button-secondary">
              Copy answers from your previous framework
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
