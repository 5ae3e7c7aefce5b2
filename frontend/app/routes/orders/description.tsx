import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextAreaField } from '~/components/fields';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { BackToOrder, OrderCaption } from './+shared/order';
import { formProblem, loadEditableOrder, orderRef, saveStep, text, writer } from './+shared/order.server';
import type { Route } from './+types/description';

export const meta = titled('Order description');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order } = await loadEditableOrder(request, params, context);
  return { order: { ref: order.ref, description: order.description } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const description = text(formData, 'description');
  const fields = { description: 'description' };
  if (!description) return formProblem(request, { status: 400, code: 'validation', title: '', errors: [{ field: 'description', message: 'Enter a description of the order' }] }, fields, { description });
  return saveStep(request, client.PUT('/api/orders/{ref}/description', { params: { path: { ref } }, body: { description } }), {
    next: `/orders/${ref}`,
    fields,
    values: { description },
  });
}

export default function Description({ loaderData, actionData }: Route.ComponentProps) {
  const { order } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Order description</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        <TextAreaField
          name="description"
          label="Describe your order"
          hint="A few words to help you find it later."
          rows={3}
          maxLength={500}
          defaultValue={actionData?.values?.description ?? order.description ?? ''}
          error={errors.description}
        />
        <button type="submit" className="button">
          Save and continue
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
