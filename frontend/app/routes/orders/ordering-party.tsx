import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { BackToOrder, OrderCaption } from './+shared/order';
import { contactFromForm, CONTACT_FIELDS, loadEditableOrder, orderRef, saveStep, writer } from './+shared/order.server';
import type { Route } from './+types/ordering-party';

export const meta = titled('Ordering party contact');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order } = await loadEditableOrder(request, params, context);
  return { order: { ref: order.ref, description: order.description, orderingParty: order.orderingParty, contact: order.orderingContact } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  return saveStep(request, client.PUT('/api/orders/{ref}/ordering-party', { params: { path: { ref } }, body: { contact: contactFromForm(formData) } }), {
    next: `/orders/${ref}`,
    fields: CONTACT_FIELDS,
    values: keepValues(formData, ['name', 'email', 'telephone']),
  });
}

export default function OrderingParty({ loaderData, actionData }: Route.ComponentProps) {
  const { order } = loaderData;
  const errors = actionData?.errors ?? {};
  const value = (name: 'name' | 'email' | 'telephone') => actionData?.values?.[name] ?? order.contact?.[name] ?? '';
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Ordering party contact</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p className="max-w-3xl">
        Who at {order.orderingParty.name} ({order.orderingParty.code}) the supplier and approvers should contact about this order.
      </p>
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        <TextField name="name" label="Full name" autoComplete="name" defaultValue={value('name')} error={errors.name} />
        <TextField name="email" type="email" label="Email address" autoComplete="email" spellCheck={false} defaultValue={value('email')} error={errors.email} />
        <TextField name="telephone" type="tel" label="Telephone number (optional)" autoComplete="tel" className="max-w-64" defaultValue={value('telephone')} error={errors.telephone} />
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
