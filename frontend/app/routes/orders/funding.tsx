import { data, Form, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import type { FieldErrors, FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { BackToOrder, ITEM_TYPE_NAME, OrderCaption, RadioGroup } from './+shared/order';
import { formProblem, loadEditableOrder, loadOrder, orderRef, text, writer } from './+shared/order.server';
import type { Route } from './+types/funding';

export const meta = titled('Funding source');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order, ref } = await loadEditableOrder(request, params, context);
  if (!order.items.length) throw redirect(`/orders/${ref}`);
  return { order: { ref: order.ref, description: order.description, framework: order.framework, items: order.items } };
}

const fieldName = (itemId: string) => `funding-${itemId}`;

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const order = await loadOrder(request, ref);
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  const chosen: { itemId: string; fundingSource: 'central' | 'local' }[] = [];
  for (const it of order.items) {
    const name = fieldName(it.itemId);
    const v = (values[name] = text(formData, name));
    if (v === 'central' || v === 'local') chosen.push({ itemId: it.itemId, fundingSource: v });
    else errors[name] = `Choose how ${it.name} is funded`;
  }
  if (Object.keys(errors).length) return data<FormResult>({ errors, values }, { status: 400 });
  for (const c of chosen) {
    if (order.items.find((i) => i.itemId === c.itemId)?.fundingSource === c.fundingSource) continue;
    const result = await attempt(
      client.PUT('/api/orders/{ref}/items/{itemId}/funding', { params: { path: { ref, itemId: c.itemId } }, body: { fundingSource: c.fundingSource } }),
    );
    if (!result.ok) return formProblem(request, result.problem, { fundingSource: fieldName(c.itemId) }, values);
  }
  return redirect(`/orders/${ref}`);
}

export default function Funding({ loaderData, actionData }: Route.ComponentProps) {
  const { order } = loaderData;
  const errors = actionData?.errors ?? {};
  const central = order.framework?.centralFunding ?? false;
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Funding source</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p className="max-w-3xl">
        {central
          ? `Central funding is GP IT funding held by the integrated care board (ICB): an order using it must be approved by a commissioner of the ICB before it is completed.`
          : `${order.framework?.name ?? 'This framework'} does not offer central funding, so items are funded locally.`}
      </p>
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        {order.items.map((it) => {
          const name = fieldName(it.itemId);
          return (
            <RadioGroup
              key={it.itemId}
              name={name}
              legend={`How is ${it.name} funded?`}
              legendClassName="text-lg"
              hint={`${ITEM_TYPE_NAME[it.type] ?? it.type} (${it.itemId})`}
              options={[
                ...(central ? [{ value: 'central', label: 'Central funding', hint: 'GP IT funding; needs the ICB’s approval' }] : []),
                { value: 'local', label: 'Local funding', hint: 'The practice’s or ICB’s own budget' },
              ]}
              defaultValue={actionData?.values?.[name] ?? it.fundingSource}
              error={errors[name]}
            />
          );
        })}
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
