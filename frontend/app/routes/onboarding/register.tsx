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
import { emailField, newPasswordField } from '~/lib/schemas';
import { useFormErrors } from '~/lib/use-form-errors';
import type { RootData } from '~/root';
import type { Route } from './+types/register';

export const meta = titled('Register your company as a supplier');

const required = (message: string, max = 200) => z.string({ message }).trim().min(1, message).max(max, `Must be ${max} characters or fewer`);

// Presence and length here; the API checks formats (Companies House number, postcode) and says so field by field.
const schema = z.object({
  companyName: required('Enter the company name', 300),
  companiesHouseNumber: required('Enter the Companies House number', 20),
  line1: required('Enter the first line of the address'),
  line2: z.string().trim().max(200).optional(),
  town: required('Enter the town or city', 100),
  postcode: required('Enter the postcode', 10),
  contactName: required('Enter your full name'),
  email: emailField,
  password: newPasswordField,
});

const FIELDS: Record<string, string> = {
  companyName: 'companyName',
  companiesHouseNumber: 'companiesHouseNumber',
  'registeredAddress.line1': 'line1',
  'registeredAddress.line2': 'line2',
  'registeredAddress.town': 'town',
  'registeredAddress.postcode': 'postcode',
  registeredAddress: 'line1',
  contactName: 'contactName',
  email: 'email',
  password: 'password',
};

const KEEP = ['companyName', 'companiesHouseNumber', 'line1', 'line2', 'town', 'postcode', 'contactName', 'email'];

type RegisterResult = FormResult & { sent?: string };

export async function action({ request }: Route.ActionArgs) {
  const formData = await readFormWithCsrf(request);
  const values = keepValues(formData, KEEP);
  const parsed = parseForm(schema, formData);
  if (!parsed.success) return data<RegisterResult>({ errors: parsed.errors, values }, { status: 400 });
  const v = parsed.data;
  const result = await attempt(
    api(request).POST('/api/onboarding/registrations', {
      body: {
        companyName: v.companyName,
        companiesHouseNumber: v.companiesHouseNumber,
        registeredAddress: { line1: v.line1, ...(v.line2 ? { line2: v.line2 } : {}), town: v.town, postcode: v.postcode },
        contactName: v.contactName,
        email: v.email,
        password: v.password,
      },
    }),
  );
  if (result.ok) return { errors: {}, sent: v.email } as RegisterResult;
  if (result.problem.status >= 500) throwProblem(request, result.problem);
  if (result.problem.status === 429) {
    return data<RegisterResult>({ errors: {}, values, formError: 'There have been too many registrations from your network. Try again in an hour.' }, { status: 429 });
  }
  return data<RegisterResult>({ ...problemToForm(result.problem, FIELDS), values }, { status: result.problem.status });
}

export default function Register({ actionData }: Route.ComponentProps) {
  const { errors, formError, onSubmit } = useFormErrors(schema, actionData);
  const root = useRouteLoaderData<RootData>('root');
  const v = actionData?.values ?? {};
  if (actionData?.sent) {
    return (
      <div className="max-w-2xl">
        <h1>Check your email</h1>
        <p>
          We have sent a link to <strong>{actionData.sent}</strong>. Follow it to confirm your address and create your supplier account.
        </p>
        <p>The link works for 24 hours. If nothing arrives, check your junk folder or register again.</p>
        {root?.devMailbox ? (
          <p>
            This is a development system: emails are not sent but kept in the{' '}
            <Link to={`/dev/mailbox?to=${encodeURIComponent(actionData.sent)}`}>development mailbox</Link>.
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <ErrorSummary errors={errors} formError={formError} />
      <h1>Register your company as a supplier</h1>
      <p>
        Register to apply to the marketplace’s frameworks and list your solutions. You become the first user and administrator of your company’s
        account. Already registered? <Link to="/sign-in">Sign in</Link>.
      </p>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <CsrfInput />
        <TextField name="companyName" label="Company name" hint="As registered at Companies House" autoComplete="organization" defaultValue={v.companyName} error={errors.companyName} />
        <TextField
          name="companiesHouseNumber"
          label="Companies House number"
          hint="8 digits, or 2 letters and 6 digits, like 01234567 or SC123456"
          spellCheck={false}
          className="max-w-xs"
          defaultValue={v.companiesHouseNumber}
          error={errors.companiesHouseNumber}
        />
        <fieldset className="mb-6">
          <legend className="mb-3 text-xl font-bold">Registered address</legend>
          <TextField name="line1" label="Address line 1" autoComplete="address-line1" defaultValue={v.line1} error={errors.line1} />
          <TextField name="line2" label="Address line 2 (optional)" autoComplete="address-line2" defaultValue={v.line2} error={errors.line2} />
          <TextField name="town" label="Town or city" autoComplete="address-level2" className="max-w-md" defaultValue={v.town} error={errors.town} />
          <TextField name="postcode" label="Postcode" autoComplete="postal-code" className="max-w-xs" defaultValue={v.postcode} error={errors.postcode} />
        </fieldset>
        <fieldset className="mb-6">
          <legend className="mb-3 text-xl font-bold">Your details</legend>
          <TextField name="contactName" label="Full name" autoComplete="name" defaultValue={v.contactName} error={errors.contactName} />
          <TextField name="email" type="email" label="Email address" hint="We will send a link to confirm it" autoComplete="email" spellCheck={false} defaultValue={v.email} error={errors.email} />
          <TextField name="password" type="password" label="Create a password" hint="At least 12 characters" autoComplete="new-password" error={errors.password} />
        </fieldset>
        <button type="submit" className="button">
          Register
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
