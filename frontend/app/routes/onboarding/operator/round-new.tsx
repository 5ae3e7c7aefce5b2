import { data, Form, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { CheckboxField, FieldError, TextAreaField, TextField } from '~/components/fields';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import type { FieldErrors, FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { BackLink } from '../+shared/onboarding';
import { formProblem, text, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/round-new';

export const meta = titled('Create a framework round');

const FUNDING = ['GPIT funding', 'Local funding', 'PCARP funding'];
const DATES = [
  ['interestFrom', 'Suppliers can register interest from (optional)'],
  ['opensOn', 'Opens for applications'],
  ['closesOn', 'Closes'],
  ['resultsOn', 'Results out (standstill)'],
  ['liveOn', 'Live'],
  ['expiresOn', 'Expires'],
] as const;
const TEXT_FIELDS = ['id', 'name', 'shortName', 'owner', 'description', 'maximumTermMonths', 'declaration', 'agreementText', ...DATES.map(([k]) => k)];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const client = api(request);
  const [capabilities, rounds] = await Promise.all([ok(request, client.GET('/api/capabilities', { params: { query: { pageSize: 100 } } })), ok(request, client.GET('/api/onboarding/frameworks'))]);
  // Start from the newest round's declaration: most rounds change a few questions.
  const previous = rounds.find((r) => r.source === 'operator');
  const template = previous ? await ok(request, client.GET('/api/onboarding/frameworks/{id}', { params: { path: { id: previous.id } } })) : null;
  return {
    capabilities: capabilities.items.map((c) => ({ id: c.id, ref: c.ref, name: c.name })),
    declaration: template?.declaration ? JSON.stringify(template.declaration, null, 2) : '',
    agreementText: template?.agreementText ?? '',
  };
}

export async function action({ request }: Route.ActionArgs) {
  const { client } = await writer(request, ['operator']);
  const formData = await readFormWithCsrf(request);
  const values: Record<string, string> = Object.fromEntries(TEXT_FIELDS.map((k) => [k, text(formData, k)]));
  const fundingTypes = formData.getAll('fundingTypes').map(String);
  const capabilityIds = formData.getAll('capabilityIds').map(Number).filter(Number.isInteger);
  let declaration: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(values.declaration);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) declaration = parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  if (!declaration) {
    const errors: FieldErrors = { declaration: 'Enter the declaration as a JSON object with "schema" and "form"' };
    return data<FormResult>({ errors, values: { ...values, fundingTypes: fundingTypes.join('|'), capabilityIds: capabilityIds.join('|') } }, { status: 400 });
  }
  const term = Number(values.maximumTermMonths);
  const body = {
    id: values.id,
    name: values.name,
    shortName: values.shortName,
    owner: values.owner,
    ...(values.description ? { description: values.description } : {}),
    fundingTypes,
    maximumTermMonths: Number.isInteger(term) && values.maximumTermMonths !== '' ? term : (values.maximumTermMonths as unknown as number),
    capabilityIds,
    dates: {
      ...(values.interestFrom ? { interestFrom: values.interestFrom } : {}),
      opensOn: values.opensOn,
      closesOn: values.closesOn,
      resultsOn: values.resultsOn,
      liveOn: values.liveOn,
      expiresOn: values.expiresOn,
    },
    declaration,
    agreementText: values.agreementText,
  };
  const result = await attempt(client.POST('/api/onboarding/frameworks', { body }));
  if (result.ok) return redirect(`/operator/frameworks/${result.data.id}?notice=created`);
  const fields: Record<string, string> = Object.fromEntries(['id', 'name', 'shortName', 'owner', 'description', 'maximumTermMonths', 'agreementText', 'fundingTypes', 'capabilityIds', 'declaration'].map((k) => [k, k]));
  for (const [k] of DATES) fields[`dates.${k}`] = k;
  fields.dates = 'opensOn';
  // Problems inside the declaration ("declaration.form.sections[0]…") land on the declaration box, with their path.
  const problem = { ...result.problem, errors: (result.problem.errors ?? []).map((e) => (e.field.startsWith('declaration.') ? { field: 'declaration', message: `${e.field.slice('declaration.'.length)}: ${e.message}` } : e.field.startsWith('fundingTypes') ? { ...e, field: 'fundingTypes' } : e.field.startsWith('capabilityIds') ? { ...e, field: 'capabilityIds' } : e)) };
  return formProblem(request, problem, fields, { ...values, fundingTypes: fundingTypes.join('|'), capabilityIds: capabilityIds.join('|') });
}

export default function NewRound({ loaderData, actionData }: Route.ComponentProps) {
  const { capabilities } = loaderData;
  const errors = actionData?.errors ?? {};
  const v = actionData?.values ?? {};
  const funding = v.fundingTypes !== undefined ? v.fundingTypes.split('|') : ['GPIT funding', 'Local funding'];
  const caps = v.capabilityIds !== undefined ? v.capabilityIds.split('|').map(Number) : [];
  return (
    <>
      <BackLink to="/operator/frameworks">Back to framework rounds</BackLink>
      <h1>Create a framework round</h1>
      <Form method="post" noValidate className="max-w-3xl">
        <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={{ fundingTypes: 'funding-0', capabilityIds: capabilities[0] ? `capability-${capabilities[0].id}` : 'capabilityIds' }} />
        <CsrfInput />
        <TextField name="id" label="Framework id" hint="2 to 16 capital letters and digits, like PCF2028" className="max-w-xs" spellCheck={false} defaultValue={v.id} error={errors.id} />
        <TextField name="name" label="Name" defaultValue={v.name} error={errors.name} />
        <TextField name="shortName" label="Short name" className="max-w-md" defaultValue={v.shortName} error={errors.shortName} />
        <TextField name="owner" label="Owner" defaultValue={v.owner ?? 'GP IT Marketplace'} error={errors.owner} />
        <TextAreaField name="description" label="Description (optional)" rows={3} defaultValue={v.description} error={errors.description} />
        <fieldset className={errors.fundingTypes ? 'mb-6 border-l-4 border-danger pl-4' : 'mb-6'} aria-describedby={errors.fundingTypes ? 'fundingTypes-error' : undefined}>
          <legend className="mb-3 text-xl font-bold">Funding types</legend>
          <FieldError id="fundingTypes" error={errors.fundingTypes} />
          {FUNDING.map((f, i) => (
            <CheckboxField key={f} id={`funding-${i}`} name="fundingTypes" value={f} label={f} defaultChecked={funding.includes(f)} />
          ))}
        </fieldset>
        <TextField name="maximumTermMonths" label="Maximum term of call-off contracts, in months" inputMode="numeric" className="max-w-xs" defaultValue={v.maximumTermMonths ?? '36'} error={errors.maximumTermMonths} />
        <fieldset className="mb-6">
          <legend className="mb-3 text-xl font-bold">Dates of each step</legend>
          {DATES.map(([k, label]) => (
            <TextField key={k} name={k} type="date" label={label} className="max-w-xs" defaultValue={v[k]} error={errors[k]} />
          ))}
        </fieldset>
        <fieldset className={errors.capabilityIds ? 'mb-6 border-l-4 border-danger pl-4' : 'mb-6'} aria-describedby={errors.capabilityIds ? 'capabilityIds-error' : undefined}>
          <legend className="mb-3 text-xl font-bold">Capabilities it covers</legend>
          <FieldError id="capabilityIds" error={errors.capabilityIds} />
          {capabilities.map((c) => (
            <CheckboxField key={c.id} id={`capability-${c.id}`} name="capabilityIds" value={String(c.id)} label={`${c.ref} ${c.name}`} defaultChecked={caps.includes(c.id)} />
          ))}
        </fieldset>
        <TextAreaField
          name="declaration"
          label="Declaration (JSON)"
          hint="A JSON Schema with one property per question (“schema”) and the sections of the form with how each question is marked (“form”). Filled in with the latest round’s declaration."
          rows={16}
          spellCheck={false}
          className="font-mono text-sm"
          defaultValue={v.declaration ?? loaderData.declaration}
          error={errors.declaration}
        />
        <TextAreaField name="agreementText" label="Framework agreement" hint="Suppliers sign the SHA-256 of exactly this text." rows={12} defaultValue={v.agreementText ?? loaderData.agreementText} error={errors.agreementText} />
        <button type="submit" className="button">
          Create the round
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
