import { redirect } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { RecipientsUploadForm, uploadFieldIds } from '~/components/recipients';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { readRecipientsCsv, uploadRefused } from '~/lib/recipients.server';
import { BackToOrder, OrderCaption } from './+shared/order';
import { loadEditableOrder, orderRef, writer } from './+shared/order.server';
import type { Route } from './+types/recipients-upload';

export const meta = titled('Upload service recipients');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order, session } = await loadEditableOrder(request, params, context);
  if (session.role !== 'commissioner') throw redirect(`/orders/${order.ref}/recipients`);
  return { order: { ref: order.ref, description: order.description, recipientCount: order.recipients.length } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['commissioner']);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const file = await readRecipientsCsv(formData, 'order');
  if (!('csv' in file)) return file;
  const result = await attempt(client.PUT('/api/orders/{ref}/recipients/csv', { params: { path: { ref } }, body: { csv: file.csv } }));
  if (result.ok) return redirect(`/orders/${ref}/recipients?uploaded=1`);
  return uploadRefused(request, result.problem, 'order');
}

export default function UploadRecipients({ loaderData, actionData }: Route.ComponentProps) {
  const { order } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Upload service recipients</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={uploadFieldIds(errors)} />
      <RecipientsUploadForm owner="order" recipientCount={order.recipientCount} errors={errors} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
