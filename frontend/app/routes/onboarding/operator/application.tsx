import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { AgreementState, AnswerText, ApplicationStatusTag, BackLink, declarationOf, MarksTable, ResultTag, RoundStatusTag } from '../+shared/onboarding';
import { applicationId, formProblem, loadApplication, loadRound, text, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/application';

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(`Application: ${d.application.supplierName}`) }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const application = await loadApplication(request, applicationId(params));
  // Question labels for answers not yet marked (marks carry their own).
  const declaration = declarationOf(await loadRound(request, application.frameworkId));
  const labels = Object.fromEntries((declaration?.form.sections ?? []).flatMap((s) => s.questions.map((q) => [q.id, q.label])));
  return { application, labels, schema: declaration?.schema.properties ?? {}, notice: new URL(request.url).searchParams.get('notice') };
}

const NOTICES: Record<string, string> = { reviewed: 'Your review has been saved.', countersigned: 'The agreement has been countersigned: the supplier is on the framework.' };

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['operator']);
  const formData = await readFormWithCsrf(request);
  const id = applicationId(params);
  if (formData.get('intent') === 'countersign') {
    const result = await attempt(client.POST('/api/onboarding/applications/{id}/agreement/countersign', { params: { path: { id } } }));
    if (result.ok) return redirect(`/operator/applications/${id}?notice=countersigned`);
    return formProblem(request, result.problem, {});
  }
  const questionId = text(formData, 'questionId');
  const outcome = text(formData, 'outcome');
  const reason = text(formData, 'reason');
  const result = await attempt(
    client.PUT('/api/onboarding/applications/{id}/marks/{questionId}', { params: { path: { id, questionId } }, body: { outcome: outcome as 'pass' | 'fail', reason } }),
  );
  if (result.ok) return redirect(`/operator/applications/${id}?notice=reviewed`);
  return formProblem(request, result.problem, { outcome: 'outcome', reason: 'reason' }, { questionId, outcome, reason });
}

export default function OperatorApplication({ loaderData, actionData }: Route.ComponentProps) {
  const { application: a, labels, schema, notice } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const reviewing = a.frameworkStatus === 'pending';
  return (
    <>
      <BackLink to={`/operator/frameworks/${a.frameworkId}`}>Back to the round</BackLink>
      {notice && !actionData && NOTICES[notice] ? <SuccessNotice>{NOTICES[notice]}</SuccessNotice> : null}
      <span className="mb-2 block text-lg text-ink-secondary">{a.frameworkName}</span>
      <h1>Application from {a.supplierName}</h1>
      {!values.questionId ? <ErrorSummary errors={errors} formError={actionData?.formError} /> : null}
      <dl className="summary-list mb-8 max-w-3xl">
        <div>
          <dt>Supplier</dt>
          <dd>
            <Link to={`/organisations/${a.supplierCode}`}>{a.supplierName}</Link> ({a.supplierCode})
          </dd>
        </div>
        <div>
          <dt>Round</dt>
          <dd>
            <RoundStatusTag status={a.frameworkStatus} />
          </dd>
        </div>
        <div>
          <dt>Application</dt>
          <dd>
            <ApplicationStatusTag status={a.status} />
            {a.submittedAt ? ` on ${formatDateTime(a.submittedAt)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Result</dt>
          <dd>
            <ResultTag result={a.result} />
            {a.resultReasons.length ? (
              <ul className="mb-0 mt-2 list-disc pl-5">
                {a.resultReasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Proposed solutions</dt>
          <dd>
            {a.solutions.length
              ? a.solutions.map((s) => (
                  <span key={s.itemId} className="block">
                    <Link to={`/operator/items/${s.itemId}`}>{s.name}</Link> ({s.itemId})
                  </span>
                ))
              : 'None'}
          </dd>
        </div>
      </dl>

      <h2>Answers and marks</h2>
      {a.marks.length ? (
        <MarksTable
          marks={a.marks}
          answers={a.answers}
          caption="Answers with their automatic marks and reviews"
          schema={schema}
          actions={
            reviewing
              ? (m) =>
                  m.kind === 'discretionary' ? (
                    <Form method="post" noValidate className="min-w-64">
                      {values.questionId === m.questionId ? <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={{ outcome: `outcome-${m.questionId}-pass`, reason: `reason-${m.questionId}` }} /> : null}
                      <CsrfInput />
                      <input type="hidden" name="questionId" value={m.questionId} />
                      <fieldset className="mb-3">
                        <legend className="mb-1 font-bold">Review of “{m.label}”</legend>
                        {(['pass', 'fail'] as const).map((o) => (
                          <div key={o} className="mb-2 flex items-center gap-2">
                            <input
                              type="radio"
                              id={`outcome-${m.questionId}-${o}`}
                              name="outcome"
                              value={o}
                              defaultChecked={(values.questionId === m.questionId ? values.outcome : m.reviewed ? m.outcome : undefined) === o}
                              className="h-6 w-6 accent-brand"
                            />
                            <label htmlFor={`outcome-${m.questionId}-${o}`}>{o === 'pass' ? 'Pass' : 'Fail'}</label>
                          </div>
                        ))}
                      </fieldset>
                      <TextField
                        id={`reason-${m.questionId}`}
                        name="reason"
                        label={`Reason for “${m.label}”`}
                        defaultValue={values.questionId === m.questionId ? values.reason : (m.reviewed ? (m.reason ?? '') : '')}
                        error={values.questionId === m.questionId ? errors.reason : undefined}
                      />
                      <button type="submit" className="button button-secondary mb-0">
                        Save review
                      </button>
                    </Form>
                  ) : null
              : undefined
          }
        />
      ) : (
        <>
          <p>Answers are marked when the round closes. Saved so far:</p>
          <dl className="summary-list max-w-3xl">
            {Object.entries(a.answers).map(([q, v]) => (
              <div key={q}>
                <dt>{labels[q] ?? q}</dt>
                <dd>
                  <AnswerText value={v} schema={schema[q]} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}

      <section aria-labelledby="agreement-heading" className="mt-10 max-w-3xl">
        <h2 id="agreement-heading">Framework agreement</h2>
        {a.agreement ? (
          <>
            <AgreementState agreement={a.agreement} />
            {!a.agreement.countersignedAt ? (
              <Form method="post">
                <CsrfInput />
                <button type="submit" name="intent" value="countersign" className="button">
                  Countersign the agreement
                </button>
              </Form>
            ) : (
              <p>The supplier is on the framework: its solutions can be assessed and published on it.</p>
            )}
          </>
        ) : (
          <p>Not signed yet.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
