import { data, Form, Link } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { api, attempt, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import type { Route } from './+types/confirm';

export const meta = titled('Confirm your email address');

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

// Following the link only shows a button: a mail scanner fetching it must not create the account.
export async function action({ request, params }: Route.ActionArgs) {
  await readFormWithCsrf(request);
  const token = params.token ?? '';
  if (!TOKEN.test(token)) return data({ formError: 'This link is not valid. Register again to get a new one.' }, { status: 404 });
  const result = await attempt(api(request).POST('/api/onboarding/registrations/verify', { body: { token } }));
  if (result.ok) return { verified: result.data };
  if (result.problem.status >= 500) throwProblem(request, result.problem);
  return data({ formError: result.problem.detail ?? 'This link has expired or has already been used. Register again to get a new one.' }, { status: result.problem.status });
}

export default function Confirm({ actionData }: Route.ComponentProps) {
  if (actionData && 'verified' in actionData) {
    const v = actionData.verified;
    return (
      <div className="max-w-2xl">
        <div className="mb-8 border-l-8 border-go bg-white p-4" role="status">
          <h1 className="mb-2">Your supplier account has been created</h1>
          <p className="mb-0">
            {v.organisationName} is supplier {v.organisationCode}.
          </p>
        </div>
        <p>
          Sign in with <strong>{v.email}</strong> and the password you chose when you registered.
        </p>
        <p>
          <Link to="/sign-in" className="button">
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <ErrorSummary formError={actionData && 'formError' in actionData ? actionData.formError : undefined}>
        {actionData ? <Link to="/supplier-registration">Register again</Link> : null}
      </ErrorSummary>
      <h1>Confirm your email address</h1>
      <p>Confirm your address to create your company’s supplier account. You will then be able to sign in.</p>
      <Form method="post">
        <CsrfInput />
        <button type="submit" className="button">
          Confirm and create the account
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
