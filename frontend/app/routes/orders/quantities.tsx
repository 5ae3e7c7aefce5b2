import { data, Form, Link } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { type FieldErrors, type FormResult } from '~/lib/forms';
import { formatNumber } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { BackToOrder, describePrice, OrderCaption } from './+shared/order';
import { formProblem, isItemId, loadEditableOrder, loadOrder, orderRef, saveStep, text, writer } from './+shared/order.server';
import type { Route } from './+types/quantities';

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(`Quantities for ${d.item.name}`) }];

function itemOf<T extends { itemId: string }>(items: T[], itemId: string | undefined): T {
  const item = isItemId(itemId) ? items.find((i) => i.itemId === itemId) : undefined;
  if (!item) throw data({ message: 'This order has no such item. It may have been removed.' }, { status: 404 });
  return item;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order } = await loadEditableOrder(request, params, context);
  const item = itemOf(order.items, params.itemId);
  return { order: { ref: order.ref, description: order.description, recipients: order.recipients }, item };
}

const WHOLE = /^\d{1,9}$/;

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const order = await loadOrder(request, ref);
  const item = itemOf(order.items, params.itemId);
  const itemId = item.itemId;
  const next = `/orders/${ref}/items`;
  const call = (body: { quantity?: number; recipients?: { odsCode: string; quantity: number }[] }) =>
    client.PUT('/api/orders/{ref}/items/{itemId}/quantities', { params: { path: { ref, itemId } }, body });
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  if (item.quantityInput === 'per_order') {
    const q = (values.quantity = text(formData, 'quantity'));
    if (!WHOLE.test(q)) errors.quantity = q ? 'Enter the quantity as a whole number, like 2' : 'Enter a quantity';
    if (Object.keys(errors).length) return data<FormResult>({ errors, values }, { status: 400 });
    return saveStep(request, call({ quantity: Number(q) }), { next, fields: { quantity: 'quantity' }, values });
  }
  if (item.quantityInput === 'per_recipient') {
    const fields: Record<string, string> = {};
    const recipients = order.recipients.map((r, i) => {
      const name = `quantity.${r.odsCode}`;
      fields[name] = name;
      fields[`recipients[${i}].quantity`] = name;
      const q = (values[name] = text(formData, name));
      if (!WHOLE.test(q)) errors[name] = q ? `Enter the quantity for ${r.name} as a whole number` : `Enter a quantity for ${r.name}`;
      return { odsCode: r.odsCode, quantity: Number(q) };
    });
    if (Object.keys(errors).length) return data<FormResult>({ errors, values }, { status: 400 });
    return saveStep(request, call({ recipients }), { next, fields, values });
  }
  return formProblem(request, { status: 400, code: 'validation', title: '', errors: [{ field: 'quantity', message: 'This price is per patient: no quantities are needed' }] }, {});
}

export default function Quantities({ loaderData, actionData }: Route.ComponentProps) {
  const { order, item } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Quantities for {item.name}</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p>Price: {describePrice(item.price)}</p>
      {item.quantityInput === 'per_patient' ? (
        <>
          <p className="max-w-3xl">
            This price is per patient, so no quantities are needed: each practice’s registered patients are used (
            {order.recipients.map((r) => `${r.name}: ${r.registeredPatients != null ? formatNumber(r.registeredPatients) : 'not recorded'}`).join('; ')}).
          </p>
          <p>
            <Link to={`/orders/${order.ref}/items`} className="button">
              Continue
            </Link>
          </p>
        </>
      ) : (
        <Form method="post" noValidate className="max-w-2xl">
          <CsrfInput />
          {item.quantityInput === 'per_order' ? (
            <TextField
              name="quantity"
              inputMode="numeric"
              label={`How many for the whole order?`}
              hint="One quantity for the order, not per practice."
              className="max-w-32"
              defaultValue={values.quantity ?? (item.quantity == null ? '' : String(item.quantity))}
              error={errors.quantity}
            />
          ) : (
            <fieldset className="mb-6">
              <legend className="mb-4 text-xl font-bold">How many for each practice?</legend>
              {order.recipients.map((r) => {
                const name = `quantity.${r.odsCode}`;
                const saved = item.quantities.find((q) => q.odsCode === r.odsCode)?.quantity;
                return (
                  <TextField
                    key={r.odsCode}
                    name={name}
                    inputMode="numeric"
                    label={`${r.name} (${r.odsCode})`}
                    className="max-w-32"
                    defaultValue={values[name] ?? (saved == null ? '' : String(saved))}
                    error={errors[name]}
                  />
                );
              })}
            </fieldset>
          )}
          <button type="submit" className="button">
            Save and continue
          </button>
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
