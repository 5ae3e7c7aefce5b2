import { data, Form, Link, redirect } from 'react-router';
import { z } from 'zod';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SelectField, TextAreaField, TextField } from '~/components/fields';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues, parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { useFormErrors } from '~/lib/use-form-errors';
import type { Route } from './+types/assessment-result';

const RESULTS = {
  capabilities: [
    { value: 'passed_full', label: 'Passed – Full' },
    { value: 'passed_partial', label: 'Passed – Partial' },
    { value: 'failed', label: 'Failed' },
  ],
  epics: [
    { value: 'passed', label: 'Passed' },
    { value: 'not_evidenced', label: 'Not evidenced' },
    { value: 'failed', label: 'Failed' },
  ],
  standards: [
    { value: 'met', label: 'Met' },
    { value: 'not_met', label: 'Not met' },
    { value: 'work_off_plan', label: 'Work-off plan' },
  ],
} as const;
type Subject = keyof typeof RESULTS;

const day = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what} as a date, like 2026-11-01`);
const optionalDay = (what: string) => z.union([z.literal(''), day(what)]).optional();

const resultSchema = z
  .object({
    result: z.string().min(1, 'Select the result'),
    evidence: z.string().trim().max(5000, 'Evidence must be 5,000 characters or fewer').optional(),
    assessor: z.string().trim().min(1, 'Enter who assessed it').max(200, 'Assessor must be 200 characters or fewer'),
    assessedOn: day('the date it was assessed'),
    expiresOn: optionalDay('the expiry date'),
    dueOn: optionalDay('the due date'),
  })
  .superRefine((v, ctx) => {
    if (v.result === 'work_off_plan' && !v.dueOn) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'Enter the date the work-off plan is due' });
    if (v.expiresOn && v.expiresOn <= v.assessedOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The expiry date must be after the date it was assessed' });
  });

function subjectOf(params: { subject: string }): Subject {
  if (!(params.subject in RESULTS)) throw data({ message: 'There is no such kind of result.' }, { status: 404 });
  return params.subject as Subject;
}

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(`Record a result for ${d.target.label}`) }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const subject = subjectOf(params);
  const assessment = await ok(request, api(request).GET('/api/assessments/{itemId}', { params: { path: { itemId: params.itemId } } }));
  let target: { label: string; current: (typeof assessment.capabilities)[number]['assessment'] } | undefined;
  if (subject === 'capabilities') {
    const c = assessment.capabilities.find((x) => String(x.id) === params.subjectId);
    if (c) target = { label: `capability ${c.ref} ${c.name}`, current: c.assessment };
  } else if (subject === 'epics') {
    const e = assessment.capabilities.flatMap((c) => c.epics).find((x) => x.id === params.subjectId);
    if (e) target = { label: `epic ${e.id} ${e.name} (${e.compliancy})`, current: e.assessment };
  } else {
    const s = assessment.standards.find((x) => x.id === params.subjectId);
    if (s) target = { label: `standard ${s.id} ${s.name}`, current: s.assessment };
  }
  if (!target) throw data({ message: 'This item has no such requirement.' }, { status: 404 });
  return { item: { id: assessment.itemId, name: assessment.name }, subject, target };
}

export async function action({ request, params }: Route.ActionArgs) {
  const session = await requireUser(request, ['operator']);
  const formData = await readFormWithCsrf(request);
  const subject = subjectOf(params);
  const values = keepValues(formData, ['result', 'evidence', 'assessor', 'assessedOn', 'expiresOn', 'dueOn']);
  const parsed = parseForm(resultSchema, formData);
  if (!parsed.success) return data<FormResult>({ errors: parsed.errors, values }, { status: 400 });
  const v = parsed.data;
  const base = { assessor: v.assessor, assessedOn: v.assessedOn, expiresOn: v.expiresOn || null, ...(v.evidence ? { evidence: v.evidence } : {}) };
  const client = api(request, { csrfToken: session.csrfToken });
  const itemId = params.itemId;
  const id = params.subjectId;
  const result = await attempt(
    subject === 'capabilities'
      ? client.PUT('/api/assessments/{itemId}/capabilities/{capabilityId}', { params: { path: { itemId, capabilityId: id } }, body: { ...base, result: v.result as 'passed_full' } })
      : subject === 'epics'
        ? client.PUT('/api/assessments/{itemId}/epics/{epicId}', { params: { path: { itemId, epicId: id } }, body: { ...base, result: v.result as 'passed' } })
        : client.PUT('/api/assessments/{itemId}/standards/{standardId}', {
            params: { path: { itemId, standardId: id } },
            body: { ...base, result: v.result as 'met', ...(v.result === 'work_off_plan' ? { dueOn: v.dueOn || null } : {}) },
          }),
  );
  if (result.ok) return redirect(`/operator/assessments/${encodeURIComponent(itemId)}?saved=${encodeURIComponent(id)}`);
  const p = result.problem;
  if (p.status >= 500 || p.status === 403 || p.status === 404) throwProblem(request, p);
  const fields = { result: 'result', evidence: 'evidence', assessor: 'assessor', assessedOn: 'assessedOn', expiresOn: 'expiresOn', dueOn: 'dueOn' };
  return data<FormResult>({ ...problemToForm(p, fields), values }, { status: p.status });
}

export default function AssessmentResult({ loaderData, actionData }: Route.ComponentProps) {
  const { item, subject, target } = loaderData;
  const { errors, formError, onSubmit } = useFormErrors(resultSchema, actionData);
  const value = (name: string, fallback: string | null | undefined) => actionData?.values?.[name] ?? fallback ?? '';
  const current = target.current;
  return (
    <>
      <p className="mb-4">
        <Link to={`/operator/assessments/${item.id}`}>Back to the assessment of {item.name ?? item.id}</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">
        {item.name} ({item.id})
      </span>
      <h1>Record a result for {target.label}</h1>
      <ErrorSummary errors={errors} formError={formError} />
      <p className="max-w-3xl">Saving replaces any earlier result and works out the item’s accreditation again.</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="max-w-2xl">
        <CsrfInput />
        <SelectField
          name="result"
          label="Result"
          options={[{ value: '', label: 'Select a result' }, ...RESULTS[subject]]}
          defaultValue={value('result', current?.result)}
          error={errors.result}
        />
        <TextAreaField name="evidence" label="Evidence (optional)" rows={4} defaultValue={value('evidence', current?.evidence)} error={errors.evidence} />
        <TextField name="assessor" label="Assessor" defaultValue={value('assessor', current?.assessor)} error={errors.assessor} />
        <TextField name="assessedOn" type="date" label="Date assessed" hint="For example, 2026-11-01" defaultValue={value('assessedOn', current?.assessedOn)} error={errors.assessedOn} className="max-w-48" />
        <TextField name="expiresOn" type="date" label="Expiry date (optional)" hint="Leave blank if the result does not expire." defaultValue={value('expiresOn', current?.expiresOn)} error={errors.expiresOn} className="max-w-48" />
        {subject === 'standards' ? (
          <TextField name="dueOn" type="date" label="Work-off plan due date" hint="Only for a work-off plan." defaultValue={value('dueOn', current?.dueOn)} error={errors.dueOn} className="max-w-48" />
        ) : null}
        <button type="submit" className="button">
          Save result
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
