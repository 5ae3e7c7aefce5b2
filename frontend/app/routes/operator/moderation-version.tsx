import { data, Form, Link, redirect } from 'react-router';
import { z } from 'zod';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { JsonValue } from '~/components/json-value';
import { TextAreaField } from '~/components/fields';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import { ITEM_TYPE_NAME, PUBLICATION_STATUS_NAME, VERSION_STATUS_NAME } from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { keepValues, parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { useFormErrors } from '~/lib/use-form-errors';
import type { Route } from './+types/moderation-version';

export const meta: Route.MetaFunction = ({ data: d, error }) => [
  { title: error || !d ? errorTitle(error) : pageTitle(`Review ${d.version.name}`) },
];

const rejectSchema = z.object({
  reason: z.string().trim().min(1, 'Enter the reason for rejecting it').max(2000, 'Reason must be 2,000 characters or fewer'),
});

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const version = await ok(request, api(request).GET('/api/moderation/versions/{versionId}', { params: { path: { versionId: params.versionId } } }));
  return { version };
}

export async function action({ request, params }: Route.ActionArgs) {
  const session = await requireUser(request, ['operator']);
  const formData = await readFormWithCsrf(request);
  const client = api(request, { csrfToken: session.csrfToken });
  const path = { versionId: params.versionId };
  const intent = formData.get('intent');
  if (intent === 'approve') {
    const result = await attempt(client.POST('/api/moderation/versions/{versionId}/approve', { params: { path } }));
    if (result.ok) return redirect(`/operator/moderation?decided=${encodeURIComponent(result.data.itemId)}&decision=approved`);
    if (result.problem.status >= 500 || result.problem.status === 403 || result.problem.status === 404) throwProblem(request, result.problem);
    return data<FormResult>({ errors: {}, formError: result.problem.detail ?? result.problem.title }, { status: result.problem.status });
  }
  if (intent === 'reject') {
    const values = keepValues(formData, ['reason']);
    const parsed = parseForm(rejectSchema, formData);
    if (!parsed.success) return data<FormResult>({ errors: parsed.errors, values }, { status: 400 });
    const result = await attempt(client.POST('/api/moderation/versions/{versionId}/reject', { params: { path }, body: { reason: parsed.data.reason } }));
    if (result.ok) return redirect(`/operator/moderation?decided=${encodeURIComponent(result.data.itemId)}&decision=rejected`);
    if (result.problem.status >= 500 || result.problem.status === 403 || result.problem.status === 404) throwProblem(request, result.problem);
    return data<FormResult>({ ...problemToForm(result.problem, { reason: 'reason' }), values }, { status: result.problem.status });
  }
  throw data({ message: 'Unknown action.' }, { status: 400 });
}

const CHANGE_NAME: Record<string, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

export default function ModerationVersion({ loaderData, actionData }: Route.ComponentProps) {
  const { version: v } = loaderData;
  const { errors, formError, onSubmit } = useFormErrors(rejectSchema, actionData);
  const pending = v.status === 'submitted';
  return (
    <>
      <p className="mb-4">
        <Link to="/operator/moderation">Back to the queue</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">
        {v.supplierName} ({v.supplierCode})
      </span>
      <h1>Review {v.name}</h1>
      <ErrorSummary errors={errors} formError={formError} />
      <dl className="summary-list max-w-3xl">
        <div>
          <dt>Item</dt>
          <dd>
            {ITEM_TYPE_NAME[v.itemType]} {v.itemId} (<Link to={`/operator/items/${v.itemId}`}>publication status</Link>)
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>
            {v.version}: {VERSION_STATUS_NAME[v.status] ?? v.status}
          </dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>
            {formatDateTime(v.submittedAt)}
            {v.submittedBy ? ` by ${v.submittedBy}` : ''}
          </dd>
        </div>
        <div>
          <dt>Publication status now</dt>
          <dd>{PUBLICATION_STATUS_NAME[v.publicationStatus]}</dd>
        </div>
      </dl>

      <h2>{v.isChange ? 'What changes' : 'A new listing'}</h2>
      {v.changes.length ? (
        <DataTable id="changes" caption={v.isChange ? 'Changes compared with the live listing' : 'Content of the new listing'}>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Change</th>
              <th scope="col">Live now</th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {v.changes.map((c, i) => (
              <tr key={`${c.path}-${i}`}>
                <th scope="row" className="font-semibold">
                  {c.label}
                </th>
                <td>
                  <strong className={c.change === 'removed' ? 'text-danger-dark' : c.change === 'added' ? 'text-go-dark' : ''}>{CHANGE_NAME[c.change] ?? c.change}</strong>
                </td>
                <td className={c.change === 'removed' ? 'bg-warm-yellow line-through decoration-2' : ''}>
                  {c.change === 'added' ? <span className="text-ink-secondary">Not there</span> : <JsonValue value={c.before} />}
                </td>
                <td className={c.change === 'added' ? 'bg-warm-yellow' : ''}>
                  {c.change === 'removed' ? <span className="text-ink-secondary">Removed</span> : <JsonValue value={c.after} />}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>Nothing differs from the live listing.</p>
      )}

      {pending ? (
        <div className="mt-10 grid gap-6 md:grid-cols-2">
          <section aria-labelledby="approve-heading" className="card">
            <h2 id="approve-heading">Approve</h2>
            <p>The submitted version goes live straight away and replaces the current one.</p>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="approve" />
              <button type="submit" className="button">
                Approve and publish
              </button>
            </Form>
          </section>
          <section aria-labelledby="reject-heading" className="card">
            <h2 id="reject-heading">Reject</h2>
            <Form method="post" noValidate onSubmit={onSubmit}>
              <CsrfInput />
              <input type="hidden" name="intent" value="reject" />
              <TextAreaField name="reason" label="Reason for rejecting it" hint="The supplier sees this. Say what to change." rows={4} defaultValue={actionData?.values?.reason} error={errors.reason} />
              <button type="submit" className="button button-warning">
                Reject
              </button>
            </Form>
          </section>
        </div>
      ) : (
        <p className="mt-8">This version is not waiting for a decision.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
