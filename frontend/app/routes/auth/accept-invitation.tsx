import { data, Form, Link, redirect } from 'react-router';
import { z } from 'zod';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { api, attempt, forwardCookies, throwProblem } from '~/lib/api/client.server';
import type { InvitationPreview } from '~/lib/api/types';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues, parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { ORGANISATION_TYPE_NAME, ROLE_HOME, ROLE_NAME } from '~/lib/roles';
import { confirmPasswordField, LINK_TOKEN, newPasswordField, passwordsMatch } from '~/lib/schemas';
import { useFormErrors } from '~/lib/use-form-errors';
import type { Route } from './+types/accept-invitation';

export const meta = titled('Accept your invitation');

const nameField = z
  .string({ message: 'Enter your full name' })
  .trim()
  .min(1, 'Enter your full name')
  .max(200, 'Name must be 200 characters or fewer');

/** A new account: name and a new password typed twice. */
const newAccountSchema = z
  .object({ name: nameField, password: newPasswordField, confirmPassword: confirmPasswordField })
  .superRefine(passwordsMatch);
/** The email already has an account: its existing password proves who is accepting. */
const existingAccountSchema = z.object({ password: z.string({ message: 'Enter your password' }).min(1, 'Enter your password') });

type AcceptResult = FormResult & { invalid?: boolean };

async function preview(request: Request, token: string): Promise<InvitationPreview | null> {
  if (!LINK_TOKEN.test(token)) return null;
  const result = await attempt(api(request).GET('/api/invitations/{token}', { params: { path: { token } } }));
  if (result.ok) return result.data;
  if (result.problem.status === 404) return null;
  throwProblem(request, result.problem);
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const invitation = await preview(request, params.token);
  if (!invitation) return data({ invitation: null }, { status: 404 });
  return { invitation };
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await readFormWithCsrf(request);
  const invitation = await preview(request, params.token);
  if (!invitation) return data<AcceptResult>({ errors: {}, invalid: true }, { status: 404 });
  const values = keepValues(formData, ['name']);
  let body: { token: string; name: string; password: string };
  if (invitation.existingUser) {
    const parsed = parseForm(existingAccountSchema, formData);
    if (!parsed.success) return data<AcceptResult>({ errors: parsed.errors, values }, { status: 400 });
    // The API ignores the name for an existing account but still requires one.
    body = { token: params.token, name: invitation.email, password: parsed.data.password };
  } else {
    const parsed = parseForm(newAccountSchema, formData);
    if (!parsed.success) return data<AcceptResult>({ errors: parsed.errors, values }, { status: 400 });
    body = { token: params.token, name: parsed.data.name, password: parsed.data.password };
  }
  const result = await attempt(api(request).POST('/api/invitations/accept', { body }));
  if (result.ok) return redirect(ROLE_HOME[result.data.role], { headers: forwardCookies(result.response) });
  const problem = result.problem;
  if (problem.status === 404) return data<AcceptResult>({ errors: {}, invalid: true }, { status: 404 });
  if (problem.status >= 500) throwProblem(request, problem);
  return data<AcceptResult>({ ...problemToForm(problem, { name: 'name', password: 'password' }), values }, { status: problem.status });
}

function InvalidInvitation() {
  return (
    <div className="max-w-2xl">
      <h1>This invitation cannot be used</h1>
      <p>The link may have expired, already been used, or been replaced by a newer invitation.</p>
      <p>Ask the person who invited you to send a new invitation.</p>
      <p>
        If you already have an account, <Link to="/sign-in">sign in</Link>.
      </p>
    </div>
  );
}

export default function AcceptInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const invitation = loaderData.invitation;
  const schema = invitation?.existingUser ? existingAccountSchema : newAccountSchema;
  const { errors, formError, onSubmit } = useFormErrors(schema, actionData);
  if (!invitation || actionData?.invalid) return <InvalidInvitation />;
  const org = invitation.organisation;
  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={errors} formError={formError} />
      <h1>Join {org.name}</h1>
      <p>
        You have been invited to use GP IT Marketplace as a {ROLE_NAME[invitation.role].toLowerCase()}
        {invitation.isAdmin ? ' and administrator' : ''} for this organisation.
      </p>
      <dl className="summary-list">
        <div>
          <dt>Organisation</dt>
          <dd>
            {org.name} ({org.code})
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{ORGANISATION_TYPE_NAME[org.type]}</dd>
        </div>
        <div>
          <dt>Email address</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div>
          <dt>Invitation expires</dt>
          <dd>{formatDate(invitation.expiresAt)}</dd>
        </div>
      </dl>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <CsrfInput />
        {invitation.existingUser ? (
          <>
            <h2>Confirm it is you</h2>
            <p>You already have an account with this email address. Enter its password to add this organisation to it.</p>
            <TextField name="password" type="password" label="Password" autoComplete="current-password" error={errors.password} />
            <button type="submit" className="button">
              Accept invitation
            </button>
          </>
        ) : (
          <>
            <h2>Set up your account</h2>
            <TextField name="name" label="Full name" autoComplete="name" spellCheck={false} defaultValue={actionData?.values?.name} error={errors.name} />
            <TextField
              name="password"
              type="password"
              label="Create a password"
              hint="Use at least 12 characters. Do not use your email address. A few unrelated words make a strong password."
              autoComplete="new-password"
              error={errors.password}
            />
            <TextField name="confirmPassword" type="password" label="Confirm password" autoComplete="new-password" error={errors.confirmPassword} />
            <button type="submit" className="button">
              Accept invitation and sign in
            </button>
          </>
        )}
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
