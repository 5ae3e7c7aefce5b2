import { data, Form, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { attempt, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { cx } from '~/lib/cx';
import { titled } from '~/lib/meta';
import { BackToOrder, OrderCaption } from './+shared/order';
import { loadEditableOrder, orderRef, writer } from './+shared/order.server';
import type { Route } from './+types/recipients-upload';

export const meta = titled('Upload service recipients');

const MAX_BYTES = 200_000;
const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel']);
const NOTHING_CHANGED = 'Nothing was changed: the order’s service recipients are as they were.';

interface UploadResult {
  /** One message per wrong row (or about the file), keyed so the summary lists them all. */
  errors: Record<string, string>;
  formError?: string;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order, session } = await loadEditableOrder(request, params, context);
  if (session.role !== 'commissioner') throw redirect(`/orders/${order.ref}/recipients`);
  return { order: { ref: order.ref, description: order.description, recipientCount: order.recipients.length } };
}

function fail(errors: Record<string, string>, formError: string | undefined, status: number) {
  return data<UploadResult>({ errors, formError }, { status });
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['commissioner']);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const file = formData.get('csvFile');
  if (!(file instanceof File) || file.size === 0) return fail({ csvFile: 'Select a CSV file' }, NOTHING_CHANGED, 400);
  if (file.size > MAX_BYTES) return fail({ csvFile: 'The file must be smaller than 200KB (at most 2,000 rows)' }, NOTHING_CHANGED, 400);
  // By name and by the type the browser reports (Excel on Windows says application/vnd.ms-excel for a .csv).
  if ((file.name && !/\.(csv|txt)$/i.test(file.name)) || (file.type && !CSV_TYPES.has(file.type.split(';')[0]))) {
    return fail({ csvFile: 'The selected file must be a CSV' }, NOTHING_CHANGED, 400);
  }
  const csv = await file.text();
  const result = await attempt(client.PUT('/api/orders/{ref}/recipients/csv', { params: { path: { ref } }, body: { csv } }));
  if (result.ok) return redirect(`/orders/${ref}/recipients?uploaded=1`);
  const p = result.problem;
  if (p.status >= 500 || p.status === 401 || p.status === 403 || p.status === 404) throwProblem(request, p);
  const errors: Record<string, string> = {};
  for (const e of p.errors ?? []) errors[e.field in errors ? `${e.field}-${Object.keys(errors).length}` : e.field] = e.message;
  if (!Object.keys(errors).length) errors.csvFile = p.detail ?? p.title;
  return fail(errors, `${p.errors?.some((e) => e.field.startsWith('csv.line')) ? 'Some rows of the CSV file are wrong. ' : ''}${NOTHING_CHANGED}`, p.status);
}

export default function UploadRecipients({ loaderData, actionData }: Route.ComponentProps) {
  const { order } = loaderData;
  const errors = actionData?.errors ?? {};
  const messages = Object.values(errors);
  // Every message links to the file field.
  const fieldIds = Object.fromEntries(Object.keys(errors).map((k) => [k, 'csvFile']));
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Upload service recipients</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={fieldIds} />
      <p className="max-w-3xl">
        Upload a CSV file with one practice ODS code on each row, such as A81001. The first row may be a heading naming an “ODS code” column. The
        file replaces the order’s service recipients ({order.recipientCount} now). If any row is wrong, nothing is changed.
      </p>
      <Form method="post" encType="multipart/form-data" noValidate className="max-w-2xl">
        <CsrfInput />
        <div className={cx('mb-6', messages.length > 0 && 'border-l-4 border-danger pl-4')}>
          <label htmlFor="csvFile" className="mb-1 block font-bold">
            Upload a CSV file
          </label>
          <div id="csvFile-hint" className="mb-2 text-ink-secondary">
            At most 2,000 rows.
          </div>
          {messages.length ? (
            <div id="csvFile-error" className="mb-2 font-bold text-danger">
              <span className="sr-only">Error: </span>
              {messages.length === 1 ? (
                <p className="mb-0">{messages[0]}</p>
              ) : (
                <ul className="list-disc pl-6">
                  {messages.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              )}
              <p className="mb-0 mt-1">{NOTHING_CHANGED}</p>
            </div>
          ) : null}
          <input
            id="csvFile"
            name="csvFile"
            type="file"
            accept=".csv,text/csv"
            className={cx('block', messages.length > 0 && 'border-2 border-danger p-1')}
            aria-describedby={messages.length ? 'csvFile-hint csvFile-error' : 'csvFile-hint'}
            aria-invalid={messages.length ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          Upload file
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
