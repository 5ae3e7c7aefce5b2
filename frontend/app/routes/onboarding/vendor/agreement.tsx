import { Form, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { AgreementState, BackLink } from '../+shared/onboarding';
import { applicationId, formProblem, loadApplication, loadRound, text, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/agreement';

export const meta = titled('Sign the framework agreement');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const application = await loadApplication(request, applicationId(params));
  const round = await loadRound(request, application.frameworkId);
  return {
    application: { id: application.id, frameworkName: application.frameworkName, result: application.result, agreement: application.agreement, onFramework: application.onFramework },
    agreementText: round.agreementText,
    agreementSha256: round.agreementSha256,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const id = applicationId(params);
  const values = { signerName: text(formData, 'signerName'), signerRole: text(formData, 'signerRole') };
  // The hash of the text this page showed: if the agreement changed since, the API refuses it.
  const documentSha256 = text(formData, 'documentSha256');
  const result = await attempt(client.POST('/api/onboarding/applications/{id}/agreement', { params: { path: { id } }, body: { ...values, documentSha256 } }));
  if (result.ok) return redirect(`/vendor/applications/${id}?notice=signed`);
  return formProblem(request, result.problem, { signerName: 'signerName', signerRole: 'signerRole' }, values);
}

export default function SignAgreement({ loaderData, actionData }: Route.ComponentProps) {
  const { application: a, agreementText, agreementSha256 } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <BackLink to={`/vendor/applications/${a.id}`}>Back to your application</BackLink>
      <span className="mb-2 block text-lg text-ink-secondary">{a.frameworkName}</span>
      <h1>Sign the framework agreement</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <section aria-labelledby="text-heading" className="mb-8 max-w-3xl">
        <h2 id="text-heading" className="text-xl">
          The agreement
        </h2>
        <pre className="card max-h-[32rem] overflow-auto whitespace-pre-wrap font-sans" tabIndex={0} aria-label="Framework agreement text" data-testid="agreement-text">
          {agreementText ?? ''}
        </pre>
        <p>
          SHA-256 of this agreement:{' '}
          <code className="break-all" data-testid="agreement-hash">
            {agreementSha256}
          </code>
        </p>
        <p className="text-ink-secondary">This fingerprint identifies exactly the text above. It is stored with your signature.</p>
      </section>
      {a.agreement ? (
        <section aria-labelledby="signed-heading" className="max-w-3xl">
          <h2 id="signed-heading" className="text-xl">
            Signed
          </h2>
          <AgreementState agreement={a.agreement} />
        </section>
      ) : a.result === 'pass' && agreementSha256 ? (
        <Form method="post" noValidate className="max-w-2xl">
          <CsrfInput />
          <input type="hidden" name="documentSha256" value={agreementSha256} />
          <h2 className="text-xl">Sign on behalf of your company</h2>
          <TextField name="signerName" label="Full name of the signer" autoComplete="name" defaultValue={actionData?.values?.signerName} error={errors.signerName} />
          <TextField name="signerRole" label="Role of the signer" hint="For example, Managing Director" autoComplete="organization-title" defaultValue={actionData?.values?.signerRole} error={errors.signerRole} />
          <button type="submit" className="button">
            Sign the agreement
          </button>
        </Form>
      ) : (
        <p>Only successful applicants can sign, once results are out.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
