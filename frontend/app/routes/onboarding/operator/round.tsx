import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SelectField, TextAreaField, TextField } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { ApplicationStatusTag, BackLink, ResultTag, ROUND_STATUSES, ROUND_STATUS_NAME, RoundFacts } from '../+shared/onboarding';
import { formProblem, loadRound, roundId, text, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/round';

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(`Round: ${d.round.name}`) }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const id = roundId(params);
  const client = api(request);
  const [round, applications, clarifications] = await Promise.all([
    loadRound(request, id),
    ok(request, client.GET('/api/onboarding/applications', { params: { query: { frameworkId: id } } })),
    ok(request, client.GET('/api/onboarding/frameworks/{id}/clarifications', { params: { path: { id } } })),
  ]);
  const { declaration: _d, agreementText: _a, ...facts } = round;
  return { round: facts, applications, clarifications, notice: new URL(request.url).searchParams.get('notice') };
}

const NOTICES: Record<string, string> = {
  created: 'The round has been created. Its status follows its dates.',
  moved: 'The round has moved on.',
  answered: 'The answer has been published to every applicant.',
};

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['operator']);
  const formData = await readFormWithCsrf(request);
  const id = roundId(params);
  if (formData.get('intent') === 'answer') {
    const clarificationId = text(formData, 'clarificationId');
    const values = { publishedQuestion: text(formData, 'publishedQuestion'), answer: text(formData, 'answer'), clarificationId };
    const result = await attempt(client.POST('/api/onboarding/clarifications/{id}/answer', { params: { path: { id: clarificationId } }, body: { publishedQuestion: values.publishedQuestion, answer: values.answer } }));
    if (result.ok) return redirect(`/operator/frameworks/${id}?notice=answered`);
    return formProblem(request, result.problem, { publishedQuestion: 'publishedQuestion', answer: 'answer' }, values);
  }
  const to = text(formData, 'to');
  const reason = text(formData, 'reason');
  const result = await attempt(
    client.POST('/api/onboarding/frameworks/{id}/transition', { params: { path: { id } }, body: { to: to as (typeof ROUND_STATUSES)[number], reason } }),
  );
  if (result.ok) return redirect(`/operator/frameworks/${id}?notice=moved`);
  return formProblem(request, result.problem, { to: 'to', reason: 'reason' }, { to, reason, intent: 'transition' });
}

export default function OperatorRound({ loaderData, actionData }: Route.ComponentProps) {
  const { round, applications, clarifications, notice } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const answering = values.clarificationId;
  const later = ROUND_STATUSES.slice(ROUND_STATUSES.indexOf(round.status as (typeof ROUND_STATUSES)[number]) + 1);
  return (
    <>
      <BackLink to="/operator/frameworks">Back to framework rounds</BackLink>
      {notice && !actionData && NOTICES[notice] ? <SuccessNotice>{NOTICES[notice]}</SuccessNotice> : null}
      <span className="mb-2 block text-lg text-ink-secondary">{round.id}</span>
      <h1>{round.name}</h1>
      <RoundFacts round={round} />
      {round.statusChangedAt ? <p className="text-ink-secondary">Status last changed {formatDateTime(round.statusChangedAt)}.</p> : null}

      {later.length ? (
        <section aria-labelledby="move-heading" className="card mb-10 max-w-3xl">
          <h2 id="move-heading" className="text-xl">
            Move the round on now
          </h2>
          <p>Each step in between runs: closing marks the answers; standstill publishes results (every discretionary answer must be reviewed first).</p>
          {!answering ? <ErrorSummary errors={errors} formError={actionData?.formError} /> : null}
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="transition" />
            <SelectField name="to" label="Move to" options={later.map((s) => ({ value: s, label: ROUND_STATUS_NAME[s] ?? s }))} defaultValue={values.to} error={!answering ? errors.to : undefined} />
            <TextField name="reason" label="Reason" hint="Recorded in the audit log" defaultValue={values.reason} error={!answering ? errors.reason : undefined} />
            <button type="submit" className="button mb-0">
              Move the round
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="applications-heading" className="mb-10">
        <h2 id="applications-heading">Applications</h2>
        <p>
          <a href={`/api/onboarding/frameworks/${round.id}/applications.csv`}>Download the applications (CSV)</a>
          {' · '}
          <a href={`/api/onboarding/frameworks/${round.id}/results.csv`}>Download the results (CSV)</a>
        </p>
        {applications.length ? (
          <DataTable id="applications" caption="Applications to this round">
            <thead>
              <tr>
                <th scope="col">Supplier</th>
                <th scope="col">Application</th>
                <th scope="col">Submitted</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/operator/applications/${a.id}`}>{a.supplierName}</Link> ({a.supplierCode})
                  </td>
                  <td>
                    <ApplicationStatusTag status={a.status} />
                  </td>
                  <td>{a.submittedAt ? formatDateTime(a.submittedAt) : 'Not submitted'}</td>
                  <td>
                    <ResultTag result={a.result} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ) : (
          <p>No applications yet.</p>
        )}
      </section>

      <section aria-labelledby="clarifications-heading" className="max-w-3xl">
        <h2 id="clarifications-heading">Clarification questions</h2>
        {clarifications.length ? (
          clarifications.map((c) => (
            <div key={c.id} className="card">
              <p className="mb-1 font-bold">{c.askedQuestion ?? c.question}</p>
              <p className="text-ink-secondary">
                Asked by supplier {c.askedBy ?? 'unknown'} on {formatDateTime(c.askedAt)}
              </p>
              {c.publishedAt ? (
                <>
                  <p className="mb-1">
                    Published as: <strong>{c.question}</strong>
                  </p>
                  <p className="mb-0">
                    {c.answer} <span className="text-ink-secondary">(published {formatDateTime(c.publishedAt)})</span>
                  </p>
                </>
              ) : (
                <Form method="post" noValidate>
                  {answering === c.id ? <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={{ publishedQuestion: `pq-${c.id}`, answer: `an-${c.id}` }} /> : null}
                  <CsrfInput />
                  <input type="hidden" name="intent" value="answer" />
                  <input type="hidden" name="clarificationId" value={c.id} />
                  <TextAreaField
                    id={`pq-${c.id}`}
                    name="publishedQuestion"
                    label="Question as published"
                    hint="Reword it so it does not say who asked"
                    rows={3}
                    defaultValue={answering === c.id ? values.publishedQuestion : (c.askedQuestion ?? c.question)}
                    error={answering === c.id ? errors.publishedQuestion : undefined}
                  />
                  <TextAreaField id={`an-${c.id}`} name="answer" label="Answer" rows={4} defaultValue={answering === c.id ? values.answer : undefined} error={answering === c.id ? errors.answer : undefined} />
                  <button type="submit" className="button mb-0">
                    Publish the answer to every applicant
                  </button>
                </Form>
              )}
            </div>
          ))
        ) : (
          <p>No questions have been asked.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
