import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SuccessNotice } from '~/components/notice';
import { chooserFieldIds, PracticeChooser, RecipientsTable } from '~/components/recipients';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { areaPractices, chosenOdsCodes } from '~/lib/recipients.server';
import { BackToOrder, OrderCaption } from './+shared/order';
import { loadEditableOrder, orderRef, saveStep, writer } from './+shared/order.server';
import type { Route } from './+types/recipients';

export const meta = titled('Service recipients');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order, session } = await loadEditableOrder(request, params, context);
  const base = { ref: order.ref, description: order.description, recipients: order.recipients };
  if (session.role !== 'commissioner') return { order: base, chooser: null, uploaded: false };
  return { order: base, chooser: await areaPractices(request), uploaded: new URL(request.url).searchParams.get('uploaded') === '1' };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['commissioner']);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  return saveStep(request, client.PUT('/api/orders/{ref}/recipients', { params: { path: { ref } }, body: { odsCodes: chosenOdsCodes(formData) } }), {
    next: `/orders/${ref}`,
    fields: { odsCodes: 'practices' },
  });
}

export default function Recipients({ loaderData, actionData }: Route.ComponentProps) {
  const { order, chooser, uploaded } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      {uploaded ? <SuccessNotice>The CSV file has been uploaded: the order now has {order.recipients.length} service recipients.</SuccessNotice> : null}
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Service recipients</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={chooserFieldIds(chooser)} />
      <p className="max-w-3xl">The practices that will use what is ordered. Per-patient prices use each practice’s registered patients.</p>
      <RecipientsTable recipients={order.recipients} owner="order" />
      {!chooser ? (
        <>
          <p className="max-w-3xl">A practice orders for itself, so your practice is the only service recipient.</p>
          <p>
            <Link to={`/orders/${order.ref}`} className="button">
              Continue
            </Link>
          </p>
        </>
      ) : (
        <PracticeChooser
          owner="order"
          recipients={order.recipients}
          chooser={chooser}
          errors={errors}
          legend="Which practices will use what is ordered?"
          uploadHref={`/orders/${order.ref}/recipients/upload`}
        />
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
