import { useEffect, useRef } from 'react';
import { data, Form, Link, redirect } from 'react-router';
import { z } from 'zod';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { CsrfInput } from '~/components/csrf-input';
import { TextField } from '~/components/fields';
import { api, attempt, forwardCookies, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues, parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { safeRedirect } from '~/lib/redirect';
import { ROLE_HOME } from '~/lib/roles';
import { getSession } from '~/lib/session.server';
import { useFormErrors } from '~/lib/use-form-errors';
import type { Route } from './+types/sign-in';

export const meta = titled('Sign in');

const signInSchema = z.object({
  email: z
    .string({ message: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email({ message: 'Enter an email address in the correct format, like name@example.nhs.uk' })),
  password: z.string({ message: 'Enter your password' }).min(1, 'Enter your password').max(200, 'Password must be 200 characters or fewer'),
});

type SignInResult = FormResult & { locked?: { minutes: number } };

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const session = await getSession(request, context);
  if (session) throw redirect(safeRedirect(url.searchParams.get('redirectTo'), ROLE_HOME[session.role]));
  return {
    redirectTo: safeRedirect(url.searchParams.get('redirectTo'), ''),
    passwordChanged: url.searchParams.get('passwordChanged') === '1',
  };
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await readFormWithCsrf(request);
  const values = keepValues(formData, ['email']);
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.success) return data<SignInResult>({ errors: parsed.errors, values }, { status: 400 });

  const result = await attempt(api(request).POST('/api/auth/sign-in', { body: parsed.data }));
  if (result.ok) {
    const to = safeRedirect(formData.get('redirectTo'), ROLE_HOME[result.data.role]);
    return redirect(to, { headers: forwardCookies(result.response) });
  }
  const problem = result.problem;
  const retryAfter = Number(result.response.headers.get('Retry-After')) || 0;
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  switch (problem.code) {
    case 'invalid-credentials':
      return data<SignInResult>({ errors: { email: 'Enter a correct email address and password' }, values }, { status: 401 });
    case 'account-locked':
      return data<SignInResult>({ errors: {}, values, locked: { minutes: retryAfter ? minutes : 15 } }, { status: 423 });
    case 'too-many-attempts':
      return data<SignInResult>(
        { errors: {}, values, formError: `There have been too many failed sign-in attempts from your network. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.` },
        { status: 429 },
      );
    case 'validation-error':
      return data<SignInResult>({ ...problemToForm(problem, { email: 'email', password: 'password' }), values }, { status: 400 });
    default:
      if (problem.status >= 500) throwProblem(request, problem);
      return data<SignInResult>({ errors: {}, values, formError: problem.detail ?? problem.title }, { status: problem.status });
  }
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { errors, formError, onSubmit } = useFormErrors(signInSchema, actionData);
  const locked = actionData?.locked;
  // A refused password is never left in the box (without JavaScript the page comes back empty anyway).
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (actionData && passwordRef.current) passwordRef.current.value = '';
  }, [actionData]);
  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={errors} formError={formError}>
        {locked ? (
          <>
            <p className="font-semibold text-danger">
              Your account is locked for {locked.minutes} minutes because of too many failed sign-in attempts.
            </p>
            <p className="mb-0">
              You can sign in again after that, or <Link to="/reset-password">reset your password</Link> to unlock it now.
            </p>
          </>
        ) : null}
      </ErrorSummary>
      {loaderData.passwordChanged ? (
        <div className="mb-8 border-l-8 border-go bg-white p-4" role="status">
          <h2 className="mb-2 text-xl">Your password has been changed</h2>
          <p className="mb-0">Sign in with your new password.</p>
        </div>
      ) : null}
      <h1>Sign in</h1>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <CsrfInput />
        {loaderData.redirectTo ? <input type="hidden" name="redirectTo" value={loaderData.redirectTo} /> : null}
        <TextField
          name="email"
          type="email"
          label="Email address"
          autoComplete="username"
          spellCheck={false}
          defaultValue={actionData?.values?.email}
          error={errors.email}
        />
        <TextField ref={passwordRef} name="password" type="password" label="Password" autoComplete="current-password" error={errors.password} />
        <button type="submit" className="button">
          Sign in
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/reset-password">Forgotten your password?</Link>
      </p>
      <h2 className="mt-10 text-xl">Do not have an account?</h2>
      <p>
        Accounts are by invitation. Ask an administrator of your organisation to invite you, or contact the marketplace
        team if your organisation is not set up yet.
      </p>
      <p>
        A company that wants to sell to the NHS? <Link to="/supplier-registration">Register as a supplier</Link> and apply to an{' '}
        <Link to="/framework-rounds">open framework round</Link>.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
