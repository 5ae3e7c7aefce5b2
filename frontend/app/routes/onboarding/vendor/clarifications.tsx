import { Form, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextAreaField } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { BackLink } from '../+shared/onboarding';
import { applicationId, formProblem, loadApplication, text, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/clarifications';

export const meta = titled('Clarification questions');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const application = await loadApplication(request, applicationId(params));
  const clarifications = await ok(request, api(request).GET('/api/onboarding/frameworks/{id}/clarifications', { params: { path: { id: application.frameworkId } } }));
  return {
    application: { id: application.id, frameworkId: application.frameworkId, frameworkName: application.frameworkName, frameworkStatus: application.frameworkStatus },
    clarifications,
    asked: new URL(request.url).searchParams.get('asked') === '1',
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const application = await loadApplication(request, applicationId(params));
  const question = text(formData, 'question');
  const result = await attempt(client.POST('/api/onboarding/frameworks/{id}/clarifications', { params: { path: { id: application.frameworkId } }, body: { question } }));
  if (result.ok) return redirect(`/vendor/applications/${application.id}/clarifications?asked=1`);
  return formProblem(request, result.problem, { question: 'question' }, { question });
}

export default function VendorClarifications({ loaderData, actionData }: Route.ComponentProps) {
  const { application: a, clarifications, asked } = loaderData;
  const errors = actionData?.errors ?? {};
  const published = clarifications.filter((c) => c.publishedAt);
  const mine = clarifications.filter((c) => c.mine && !c.publishedAt);
  return (
    <>
      <BackLink to={`/vendor/applications/${a.id}`}>Back to your application</BackLink>
      {asked ? <SuccessNotice>Your question has been sent. Only you and the assurance team see it until an answer is published.</SuccessNotice> : null}
      <span className="mb-2 block text-lg text-ink-secondary">{a.frameworkName}</span>
      <h1>Clarification questions</h1>
      <section aria-labelledby="published-heading" className="mb-10 max-w-3xl">
        <h2 id="published-heading">Published answers</h2>
        {published.length ? (
          <dl className="summary-list">
            {published.map((c) => (
              <div key={c.id}>
                <dt>{c.question}</dt>
                <dd>
                  {c.answer}
                  <span className="block text-ink-secondary">Published {formatDateTime(c.publishedAt)}</span>
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p>No answers have been published yet.</p>
        )}
      </section>
      {mine.length ? (
        <section aria-labelledby="mine-heading" className="mb-10 max-w-3xl">
          <h2 id="mine-heading">Your questions waiting for an answer</h2>
          <ul className="list-disc pl-5">
            {mine.map((c) => (
              <li key={c.id}>
                {c.askedQuestion ?? c.question} <span className="text-ink-secondary">(asked {formatDateTime(c.askedAt)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {a.frameworkStatus === 'open' ? (
        <Form method="post" noValidate className="max-w-3xl">
          <h2>Ask a question</h2>
          <ErrorSummary errors={errors} formError={actionData?.formError} />
          <CsrfInput />
          <TextAreaField
            name="question"
            label="Your question"
            hint="The assurance team publishes answers to every applicant, with the question reworded so it does not say who asked."
            maxLength={3000}
            defaultValue={actionData?.values?.question}
            error={errors.question}
          />
          <button type="submit" className="button">
            Send question
          </button>
        </Form>
      ) : (
        <p>Questions can be asked only while the round is open.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
