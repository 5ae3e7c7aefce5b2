import { data, Form, Link } from 'react-router';
import { z } from 'zod';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { FieldError, TextAreaField } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import { accreditationName, ITEM_TYPE_NAME, PUBLICATION_STATUS_NAME } from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues, parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { useFormErrors } from '~/lib/use-form-errors';
import type { Route } from './+types/item';

export const meta: Route.MetaFunction = ({ data: d, error }) => [
  { title: error || !d ? errorTitle(error) : pageTitle(`Publication of ${d.item.name ?? d.item.itemId}`) },
];

/** What an operator can do from each status (backend publication.rules.ts); approve and reject are in the queue. */
const ACTIONS: Record<string, { to: 'published' | 'suspended' | 'in_remediation' | 'unpublished'; label: string; hint: string }[]> = {
  published: [
    { to: 'suspended', label: 'Suspend', hint: 'Taken off the catalogue until reinstated; it cannot be ordered.' },
    { to: 'in_remediation', label: 'Put in remediation', hint: 'Still listed, marked as in remediation.' },
    { to: 'unpublished', label: 'Unpublish', hint: 'Taken off the catalogue.' },
  ],
  suspended: [{ to: 'published', label: 'Reinstate', hint: 'Listed again with its live version.' }],
  in_remediation: [{ to: 'published', label: 'Reinstate', hint: 'Listed again with its live version.' }],
  unpublished: [{ to: 'published', label: 'Reinstate', hint: 'Listed again with its live version.' }],
};

const changeSchema = z.object({
  status: z.enum(['published', 'suspended', 'in_remediation', 'unpublished'], { message: 'Select what to do' }),
  reason: z.string().trim().min(1, 'Enter the reason').max(2000, 'Reason must be 2,000 characters or fewer'),
});

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const item = await ok(request, api(request).GET('/api/assessments/{itemId}', { params: { path: { itemId: params.id } } }));
  return { item };
}

export async function action({ request, params }: Route.ActionArgs) {
  const session = await requireUser(request, ['operator']);
  const formData = await readFormWithCsrf(request);
  const values = keepValues(formData, ['status', 'reason']);
  const parsed = parseForm(changeSchema, formData);
  if (!parsed.success) return data<FormResult & { notice?: string }>({ errors: parsed.errors, values }, { status: 400 });
  const result = await attempt(
    api(request, { csrfToken: session.csrfToken }).POST('/api/moderation/items/{id}/publication', { params: { path: { id: params.id } }, body: parsed.data }),
  );
  if (result.ok) {
    return data<FormResult & { notice?: string }>({ errors: {}, notice: `Publication status changed from ${PUBLICATION_STATUS_NAME[result.data.before]} to ${PUBLICATION_STATUS_NAME[result.data.after]}` });
  }
  const p = result.problem;
  if (p.status >= 500 || p.status === 403 || p.status === 404) throwProblem(request, p);
  const form = problemToForm(p, { status: 'status', reason: 'reason' });
  if (p.status === 409) form.formError = p.detail ?? 'That change is not allowed from the item’s current status.';
  return data<FormResult & { notice?: string }>({ ...form, values }, { status: p.status });
}

export default function OperatorItem({ loaderData, actionData }: Route.ComponentProps) {
  const { item } = loaderData;
  const { errors, formError, onSubmit } = useFormErrors(changeSchema, actionData);
  const actions = ACTIONS[item.publicationStatus] ?? [];
  const notice = actionData?.notice;
  return (
    <>
      <p className="mb-4">
        <Link to="/operator/moderation">Back to the moderation queue</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">
        {item.supplier.name} ({item.supplier.code})
      </span>
      <h1>{item.name ?? item.itemId}</h1>
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorSummary errors={errors} formError={formError} fieldIds={{ status: `status-${actions[0]?.to ?? 'none'}` }} />
      <dl className="summary-list max-w-3xl">
        <div>
          <dt>Item</dt>
          <dd>
            {ITEM_TYPE_NAME[item.type as keyof typeof ITEM_TYPE_NAME] ?? item.type} {item.itemId}
          </dd>
        </div>
        <div>
          <dt>Publication status</dt>
          <dd>
            <StatusTag status={item.publicationStatus}>{PUBLICATION_STATUS_NAME[item.publicationStatus] ?? item.publicationStatus}</StatusTag>
          </dd>
        </div>
        <div>
          <dt>Accreditation</dt>
          <dd>
            {accreditationName(item.accreditation.status)} (<Link to={`/operator/assessments/${item.itemId}`}>assessment results</Link>)
          </dd>
        </div>
      </dl>
      {actions.length ? (
        <section aria-labelledby="change-heading" className="card max-w-2xl">
          <h2 id="change-heading">Change its publication status</h2>
          <Form method="post" noValidate onSubmit={onSubmit}>
            <CsrfInput />
            <fieldset className={errors.status ? 'mb-6 border-l-4 border-danger pl-4' : 'mb-6'} aria-describedby={errors.status ? 'status-error' : undefined}>
              <legend className="mb-2 font-bold">What do you want to do?</legend>
              <FieldError id="status" error={errors.status} />
              {actions.map((a) => (
                <div key={a.to} className="mb-3 flex items-start gap-3">
                  <input
                    type="radio"
                    id={`status-${a.to}`}
                    name="status"
                    value={a.to}
                    defaultChecked={actionData?.values?.status === a.to}
                    aria-describedby={`status-${a.to}-hint`}
                    className="mt-0.5 h-8 w-8 shrink-0 cursor-pointer accent-brand"
                  />
                  <div>
                    <label htmlFor={`status-${a.to}`} className="block cursor-pointer pt-1 font-bold">
                      {a.label}
                    </label>
                    <p id={`status-${a.to}-hint`} className="m-0 text-ink-secondary">
                      {a.hint}
                    </p>
                  </div>
                </div>
              ))}
            </fieldset>
            <TextAreaField name="reason" label="Reason" hint="The supplier sees this, and it goes in the audit log." rows={4} defaultValue={actionData?.values?.reason} error={errors.reason} />
            <button type="submit" className="button">
              Change status
            </button>
          </Form>
        </section>
      ) : (
        <p className="max-w-3xl">
          Its status can only change through moderation: a supplier submits a version, and you approve or reject it in the{' '}
          <Link to="/operator/moderation">queue</Link>.
        </p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
