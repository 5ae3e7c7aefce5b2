import { Form, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextAreaField } from '~/components/fields';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { BackToOrder, OrderCaption } from './+shared/order';
import { formProblem, loadOrder, orderRef, saveStep, text, writer } from './+shared/order.server';
import type { Route } from './+types/return';

export const meta = titled('Return the order to the buyer');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['commissioner'], context);
  const ref = orderRef(params);
  const order = await loadOrder(request, ref);
  if (!order.canApprove) throw redirect(`/orders/${ref}`);
  return { order: { ref: order.ref, description: order.description, orderingParty: order.orderingParty } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['commissioner']);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const reason = text(formData, 'reason');
  const fields = { reason: 'reason' };
  if (!reason) return formProblem(request, { status: 400, code: 'validation', title: '', errors: [{ field: 'reason', message: 'Enter a reason for returning the order' }] }, fields, { reason });
  return saveStep(request, client.POST('/api/orders/{ref}/return', { params: { path: { ref } }, body: { reason } }), {
    next: `/orders/approvals?returned=${encodeURIComponent(ref)}`,
    fields,
    values: { reason },
  });
}

export default function ReturnOrder({ loaderData, actionData }: Route.ComponentProps) {
  const { order } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Return the order to the buyer</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p className="max-w-3xl">
        {order.orderingParty.name} can change the order and send it again. They will see your reason.
      </p>
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        <TextAreaField name="reason" label="Why are you returning it?" rows={4} maxLength={1000} defaultValue={actionData?.values?.reason} error={errors.reason} />
        <button type="submit" className="button button-warning">
          Return order
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
