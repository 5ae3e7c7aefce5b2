import { data, Form, Link } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextAreaField, TextField } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import type { components } from '~/lib/api/schema';
import { fieldId } from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import type { FieldErrors, FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/supplier';

export const meta = titled('Your supplier profile');

type Profile = components['schemas']['SupplierProfile'];
const CONTACT_ROWS = 3;
const ADDRESS = ['line1', 'line2', 'town', 'county', 'postcode'] as const;
const CONTACT = ['name', 'role', 'email', 'phone'] as const;
const FIELDS = [
  'legalName',
  'companiesHouseNumber',
  'summary',
  'website',
  ...ADDRESS.map((f) => `address.${f}`),
  ...Array.from({ length: CONTACT_ROWS }, (_, i) => CONTACT.map((f) => `contacts.${i}.${f}`)).flat(),
];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const profile = await ok(request, api(request).GET('/api/vendor/supplier'));
  return { profile };
}

type Result = FormResult & { notice?: string };

export async function action({ request }: Route.ActionArgs) {
  const session = await requireUser(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const values: Record<string, string> = {};
  for (const f of FIELDS) values[f] = String(formData.get(f) ?? '').trim();
  const errors: FieldErrors = {};
  const orNull = (v: string) => (v ? v : null);
  const address = ADDRESS.some((f) => values[`address.${f}`])
    ? {
        line1: values['address.line1'],
        town: values['address.town'],
        postcode: values['address.postcode'].toUpperCase(),
        ...(values['address.line2'] ? { line2: values['address.line2'] } : {}),
        ...(values['address.county'] ? { county: values['address.county'] } : {}),
      }
    : null;
  if (address && !address.line1) errors['address.line1'] = 'Enter the first line of the address';
  if (address && !address.town) errors['address.town'] = 'Enter the town or city';
  if (address && !address.postcode) errors['address.postcode'] = 'Enter the postcode';
  const contacts = [];
  for (let i = 0; i < CONTACT_ROWS; i++) {
    const c = Object.fromEntries(CONTACT.map((f) => [f, values[`contacts.${i}.${f}`]]));
    if (!CONTACT.some((f) => c[f])) continue;
    if (!c.name) errors[`contacts.${i}.name`] = `Enter the name of contact ${i + 1}`;
    contacts.push({ name: c.name, ...(c.role ? { role: c.role } : {}), ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phone: c.phone } : {}) });
  }
  if (Object.keys(errors).length) return data<Result>({ errors, values }, { status: 400 });
  const result = await attempt(
    api(request, { csrfToken: session.csrfToken }).PUT('/api/vendor/supplier', {
      body: {
        legalName: orNull(values.legalName),
        companiesHouseNumber: orNull(values.companiesHouseNumber.toUpperCase()),
        summary: orNull(values.summary),
        website: orNull(values.website),
        address,
        contacts,
      },
    }),
  );
  if (result.ok) return data<Result>({ errors: {}, notice: 'Your supplier profile has been saved' });
  const p = result.problem;
  if (p.status >= 500 || p.status === 403 || p.status === 404) throwProblem(request, p);
  const apiErrors: FieldErrors = {};
  let formError: string | undefined;
  for (const e of p.errors ?? []) {
    // The API names nested fields `contacts.0.email` or `contacts[0].email`.
    const field = e.field.replace(/\[(\d+)\]/g, '.$1');
    if (FIELDS.includes(field)) apiErrors[field] ??= readable(field, e.message);
    else formError ??= e.message;
  }
  if (!Object.keys(apiErrors).length && !formError) formError = p.detail ?? p.title;
  return data<Result>({ errors: apiErrors, formError, values }, { status: p.status });
}

const LABELS: Record<string, string> = {
  legalName: 'Legal name',
  companiesHouseNumber: 'Companies House number',
  summary: 'About your company',
  website: 'Website',
  line1: 'Address line 1',
  line2: 'Address line 2',
  town: 'Town or city',
  county: 'County',
  postcode: 'Postcode',
  name: 'Contact name',
  role: 'Contact role',
  email: 'Contact email address',
  phone: 'Contact telephone',
};

/** "companiesHouseNumber must be …" → "Companies House number must be …". */
function readable(field: string, message: string): string {
  const last = field.split('.').pop() ?? field;
  const label = LABELS[last];
  if (!label) return message;
  return message.replace(new RegExp(`^(${field.replace(/\./g, '\\.')}|${last}) `), `${label} `);
}

function initial(profile: Profile): Record<string, string> {
  const v: Record<string, string> = {
    legalName: profile.legalName ?? '',
    companiesHouseNumber: profile.companiesHouseNumber ?? '',
    summary: profile.summary ?? '',
    website: profile.website ?? '',
  };
  for (const f of ADDRESS) v[`address.${f}`] = profile.address?.[f] ?? '';
  profile.contacts.slice(0, CONTACT_ROWS).forEach((c, i) => {
    for (const f of CONTACT) v[`contacts.${i}.${f}`] = c[f] ?? '';
  });
  return v;
}

export default function SupplierProfilePage({ loaderData, actionData }: Route.ComponentProps) {
  const { profile } = loaderData;
  const errors: FieldErrors = actionData?.errors ?? {};
  // After a successful save the loader's fresh profile is shown; after a failed one, what was typed.
  const values: Record<string, string> = (actionData && !actionData.notice ? actionData.values : undefined) ?? initial(profile);
  const fieldIds = Object.fromEntries(FIELDS.map((f) => [f, fieldId(f)]));
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField key={name} id={fieldId(name)} name={name} label={label} defaultValue={values[name] ?? ''} error={errors[name]} {...extra} />
  );
  return (
    <>
      <p className="mb-4">
        <Link to="/vendor">Back to your supplier account</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">Supplier {profile.code}</span>
      <h1>Your supplier profile</h1>
      <SuccessNotice>{actionData?.notice}</SuccessNotice>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={fieldIds} />
      <p className="max-w-3xl">
        Buyers see this profile with your listings. Changes apply straight away. Your trading name, {profile.name}, is your
        organisation’s name: ask the marketplace team to change it.
      </p>
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        {field('legalName', 'Legal name (optional)')}
        {field('companiesHouseNumber', 'Companies House number (optional)', { hint: '8 digits, or 2 letters and 6 digits, like SC123456', className: 'max-w-48', spellCheck: false })}
        <TextAreaField id="summary" name="summary" label="About your company (optional)" hint="Up to 3,000 characters." rows={6} defaultValue={values.summary} error={errors.summary} />
        {field('website', 'Website (optional)', { type: 'url', hint: 'Starting https://', spellCheck: false })}
        <fieldset className="mb-6">
          <legend className="mb-3 text-xl font-bold">Address (optional)</legend>
          {field('address.line1', 'Address line 1', { autoComplete: 'address-line1' })}
          {field('address.line2', 'Address line 2 (optional)', { autoComplete: 'address-line2' })}
          {field('address.town', 'Town or city', { autoComplete: 'address-level2', className: 'max-w-sm' })}
          {field('address.county', 'County (optional)', { className: 'max-w-sm' })}
          {field('address.postcode', 'Postcode', { autoComplete: 'postal-code', className: 'max-w-40' })}
        </fieldset>
        {Array.from({ length: CONTACT_ROWS }, (_, i) => (
          <fieldset key={i} className="mb-6">
            <legend className="mb-3 text-xl font-bold">Contact {i + 1} (optional)</legend>
            {field(`contacts.${i}.name`, 'Name')}
            {field(`contacts.${i}.role`, 'Role (optional)')}
            {field(`contacts.${i}.email`, 'Email address (optional)', { type: 'email', spellCheck: false })}
            {field(`contacts.${i}.phone`, 'Telephone (optional)', { type: 'tel', className: 'max-w-sm' })}
          </fieldset>
        ))}
        <button type="submit" className="button">
          Save profile
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
