import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SelectField, TextField } from '~/components/fields';
import { api, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { BackToOrder, OrderCaption, RadioGroup } from './+shared/order';
import { contactFromForm, CONTACT_FIELDS, loadEditableOrder, orderRef, rememberedSolution, saveStep, text, writer } from './+shared/order.server';
import type { Route } from './+types/supplier';

export const meta = titled('Supplier and contact');

/** More suppliers than this: a drop-down instead of radios. */
const MAX_RADIOS = 12;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order, ref } = await loadEditableOrder(request, params, context);
  const options = await ok(request, api(request).GET('/api/orders/supplier-options'));
  // Started from a solution's page: its supplier (the first five digits of its id) is suggested.
  const solution = rememberedSolution(request, ref);
  const suggested = solution ? solution.slice(0, 5) : null;
  return {
    order: { ref: order.ref, description: order.description, supplier: order.supplier, contact: order.supplierContact, hasItems: order.items.length > 0 },
    suppliers: options.items,
    chosen: order.supplier?.code ?? (suggested && options.items.some((s) => s.code === suggested) ? suggested : null),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  return saveStep(
    request,
    client.PUT('/api/orders/{ref}/supplier', { params: { path: { ref } }, body: { supplierCode: text(formData, 'supplierCode'), contact: contactFromForm(formData) } }),
    { next: `/orders/${ref}`, fields: { supplierCode: 'supplierCode', ...CONTACT_FIELDS }, values: keepValues(formData, ['supplierCode', 'name', 'email', 'telephone']) },
  );
}

export default function Supplier({ loaderData, actionData }: Route.ComponentProps) {
  const { order, suppliers, chosen } = loaderData;
  const errors = actionData?.errors ?? {};
  const value = (name: 'name' | 'email' | 'telephone') => actionData?.values?.[name] ?? order.contact?.[name] ?? '';
  const supplierCode = actionData?.values?.supplierCode ?? chosen ?? '';
  const label = (s: (typeof suppliers)[number]) => `${s.name} (${s.code})`;
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Supplier and contact</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      {order.hasItems ? <p className="max-w-3xl">To change the supplier, first remove the items already in the order.</p> : null}
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        {suppliers.length > MAX_RADIOS ? (
          <SelectField
            name="supplierCode"
            label="Which supplier are you ordering from?"
            hint="Suppliers with a solution that can be ordered now."
            options={[{ value: '', label: 'Choose a supplier' }, ...suppliers.map((s) => ({ value: s.code, label: label(s) }))]}
            defaultValue={supplierCode}
            error={errors.supplierCode}
          />
        ) : (
          <RadioGroup
            name="supplierCode"
            legend="Which supplier are you ordering from?"
            hint="Suppliers with a solution that can be ordered now."
            options={suppliers.map((s) => ({
              value: s.code,
              label: label(s),
              hint: `${s.orderableSolutions} ${s.orderableSolutions === 1 ? 'solution' : 'solutions'} can be ordered`,
            }))}
            defaultValue={supplierCode}
            error={errors.supplierCode}
          />
        )}
        <h2 className="text-xl">The supplier’s contact for this order</h2>
        <TextField name="name" label="Full name" defaultValue={value('name')} error={errors.name} />
        <TextField name="email" type="email" label="Email address" spellCheck={false} defaultValue={value('email')} error={errors.email} />
        <TextField name="telephone" type="tel" label="Telephone number (optional)" className="max-w-64" defaultValue={value('telephone')} error={errors.telephone} />
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
