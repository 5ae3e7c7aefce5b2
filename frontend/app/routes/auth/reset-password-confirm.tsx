import { data, Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { api, attempt, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { LINK_TOKEN, newPasswordPair, PASSWORD_MIN_LENGTH } from '~/lib/schemas';
import { useFormErrors } from '~/lib/use-form-errors';
import type { Route } from './+types/reset-password-confirm';

export const meta = titled('Choose a new password');

type ConfirmResult = FormResult & { invalidLink?: string };

export function loader({ params }: Route.LoaderArgs) {
  // The API has no "check a token" call; a malformed one cannot be valid, so say so straight away.
  if (!LINK_TOKEN.test(params.token)) return data({ invalidLink: true }, { status: 404 });
  return { invalidLink: false };
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await readFormWithCsrf(request);
  const parsed = parseForm(newPasswordPair, formData);
  if (!parsed.success) return data<ConfirmResult>({ errors: parsed.errors }, { status: 400 });
  const result = await attempt(
    api(request).POST('/api/auth/password-reset/confirm', { body: { token: params.token, password: parsed.data.password } }),
  );
  if (result.ok) return redirect('/sign-in?passwordChanged=1');
  const problem = result.problem;
  if (problem.code === 'invalid-token') return data<ConfirmResult>({ errors: {}, invalidLink: problem.detail }, { status: 400 });
  if (problem.status >= 500) throwProblem(request, problem);
  // A bad token format comes back as a field error on `token`: the link, not the password, is wrong.
  if (problem.errors?.some((e) => e.field === 'token')) {
    return data<ConfirmResult>({ errors: {}, invalidLink: 'This password reset link is not valid.' }, { status: 400 });
  }
  return data<ConfirmResult>(problemToForm(problem, { password: 'password' }), { status: problem.status });
}

function InvalidLink({ message }: { message?: string }) {
  return (
    <div className="max-w-2xl">
      <h1>This link cannot be used</h1>
      <p>{message ?? 'This password reset link is not valid.'}</p>
      <p>Reset links work once, for 60 minutes, and only the newest link you asked for works.</p>
      <p>
        <Link to="/reset-password" className="button">
          Ask for a new link
        </Link>
      </p>
    </div>
  );
}

export default function ResetPasswordConfirm({ loaderData, actionData }: Route.ComponentProps) {
  const { errors, formError, onSubmit } = useFormErrors(newPasswordPair, actionData);
  if (loaderData.invalidLink) return <InvalidLink />;
  if (actionData?.invalidLink) return <InvalidLink message={actionData.invalidLink} />;
  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={errors} formError={formError} />
      <h1>Choose a new password</h1>
      <p>Changing your password signs you out everywhere you are signed in.</p>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <CsrfInput />
        <TextField
          name="password"
          type="password"
          label="New password"
          hint={`Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong password that is easy to remember.`}
          autoComplete="new-password"
          error={errors.password}
        />
        <TextField name="confirmPassword" type="password" label="Confirm new password" autoComplete="new-password" error={errors.confirmPassword} />
        <button type="submit" className="button">
          Change password
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
