import { data, Form, Link, useRouteLoaderData } from 'react-router';
import { z } from 'zod';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { api, attempt, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues, parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { emailField } from '~/lib/schemas';
import { useFormErrors } from '~/lib/use-form-errors';
import type { RootData } from '~/root';
import type { Route } from './+types/reset-password';

export const meta = titled('Reset your password');

const schema = z.object({ email: emailField });

type ResetResult = FormResult & { sent?: string };

export async function action({ request }: Route.ActionArgs) {
  const formData = await readFormWithCsrf(request);
  const values = keepValues(formData, ['email']);
  const parsed = parseForm(schema, formData);
  if (!parsed.success) return data<ResetResult>({ errors: parsed.errors, values }, { status: 400 });
  const result = await attempt(api(request).POST('/api/auth/password-reset', { body: { email: parsed.data.email } }));
  if (result.ok) return { errors: {}, sent: parsed.data.email } as ResetResult;
  if (result.problem.status >= 500) throwProblem(request, result.problem);
  return data<ResetResult>({ ...problemToForm(result.problem, { email: 'email' }), values }, { status: result.problem.status });
}

export default function ResetPassword({ actionData }: Route.ComponentProps) {
  const { errors, formError, onSubmit } = useFormErrors(schema, actionData);
  const root = useRouteLoaderData<RootData>('root');
  if (actionData?.sent) {
    return (
      <div className="max-w-2xl">
        <h1>Check your email</h1>
        <p>
          If there is an account for <strong>{actionData.sent}</strong>, we have sent it a link to reset the password.
        </p>
        <p>The link works once, for 60 minutes. If nothing arrives, check your junk folder or ask again.</p>
        {root?.devMailbox ? (
          <p>
            This is a development system: emails are not sent but kept in the{' '}
            <Link to={`/dev/mailbox?to=${encodeURIComponent(actionData.sent)}`}>development mailbox</Link>.
          </p>
        ) : null}
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={errors} formError={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <CsrfInput />
        <h1>Reset your password</h1>
        <p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
        <TextField
          name="email"
          type="email"
          label="Email address"
          autoComplete="email"
          spellCheck={false}
          defaultValue={actionData?.values?.email}
          error={errors.email}
        />
        <button type="submit" className="button">
          Send reset link
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
