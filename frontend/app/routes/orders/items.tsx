import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { FieldError } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { BackToOrder, describePrice, ItemsTable, OrderCaption, quantityInputHint, type PriceLike } from './+shared/order';
import { formProblem, isItemId, loadEditableOrder, orderRef, rememberedSolution, text, writer } from './+shared/order.server';
import type { Route } from './+types/items';

export const meta = titled('Solutions, services and quantities');

type Price = PriceLike & { id: string; quantityInput: string };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order, ref } = await loadEditableOrder(request, params, context);
  const items = order.tasks.find((t) => t.key === 'items');
  if (items?.status === 'cannot_start') throw redirect(`/orders/${ref}`);
  const catalogue = await ok(request, api(request).GET('/api/orders/{ref}/catalogue', { params: { path: { ref } } }));
  const query = new URL(request.url).searchParams;
  return {
    order,
    catalogue: catalogue.items.map((i) => ({ ...i, prices: i.prices as unknown as Price[] })),
    suggested: rememberedSolution(request, ref),
    added: query.get('added'),
    removed: query.get('removed'),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const itemId = text(formData, 'itemId');
  if (!isItemId(itemId)) return formProblem(request, { status: 400, code: 'validation', title: '', errors: [{ field: 'itemId', message: 'Choose a catalogue item' }] }, {});
  if (formData.get('intent') === 'remove') {
    const result = await attempt(client.DELETE('/api/orders/{ref}/items/{itemId}', { params: { path: { ref, itemId } } }));
    if (result.ok) return redirect(`/orders/${ref}/items?removed=${encodeURIComponent(itemId)}`);
    return formProblem(request, result.problem, {});
  }
  const priceId = text(formData, 'priceId');
  if (!priceId) return formProblem(request, { status: 400, code: 'validation', title: '', errors: [{ field: 'priceId', message: 'Choose a price' }] }, { priceId: `price-${itemId}` });
  const result = await attempt(client.POST('/api/orders/{ref}/items', { params: { path: { ref } }, body: { itemId, priceId } }));
  if (!result.ok) return formProblem(request, result.problem, { priceId: `price-${itemId}` });
  const item = result.data.items.find((i) => i.itemId === itemId);
  // Quantities next, unless the price is per patient (the practices' patients are the quantity).
  if (item && item.quantityInput !== 'per_patient') return redirect(`/orders/${ref}/items/${itemId}/quantities`);
  return redirect(`/orders/${ref}/items?added=${encodeURIComponent(itemId)}`);
}

const GROUPS = [
  { type: 'solution', title: 'Solutions', hint: 'An order has one solution.' },
  { type: 'additional_service', title: 'Additional services', hint: 'Services that extend a solution in the order.' },
  { type: 'associated_service', title: 'Associated services', hint: 'Services such as training and data migration.' },
] as const;

export default function Items({ loaderData, actionData }: Route.ComponentProps) {
  const { order, catalogue, suggested, added, removed } = loaderData;
  const inOrder = new Map(order.items.map((i) => [i.itemId, i]));
  const addedName = added ? order.items.find((i) => i.itemId === added)?.name : null;
  // The solution the order was started from comes first.
  const sorted = [...catalogue].sort((a, b) => Number(b.id === suggested) - Number(a.id === suggested));
  const errorFieldIds: Record<string, string> = {};
  for (const k of Object.keys(actionData?.errors ?? {})) errorFieldIds[k] = k.startsWith('price-') ? `${k}-0` : k;
  return (
    <>
      {addedName ? <SuccessNotice>{addedName} has been added to the order.</SuccessNotice> : null}
      {removed ? <SuccessNotice>The item {removed} has been removed from the order.</SuccessNotice> : null}
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Solutions, services and quantities</h1>
      <ErrorSummary errors={actionData?.errors} formError={actionData?.formError} fieldIds={errorFieldIds} />

      <h2>In this order</h2>
      {order.items.length ? (
        <ItemsTable
          order={order}
          caption="Items in this order"
          actions={(it) => (
            <div className="flex flex-col items-start gap-2">
              {it.quantityInput !== 'per_patient' ? (
                <Link to={`/orders/${order.ref}/items/${it.itemId}/quantities`}>
                  Quantities<span className="sr-only"> for {it.name}</span>
                </Link>
              ) : null}
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="itemId" value={it.itemId} />
                <button type="submit" name="intent" value="remove" className="button-link">
                  Remove<span className="sr-only"> {it.name}</span>
                </button>
              </Form>
            </div>
          )}
        />
      ) : (
        <p>Nothing has been added yet. Start with a solution.</p>
      )}
      <p className="mt-4">
        <Link to={`/orders/${order.ref}`} className="button">
          Continue
        </Link>
      </p>

      <h2 className="mt-8">Add from {order.supplier?.name ?? 'the supplier'}’s catalogue</h2>
      {sorted.length === 0 ? <p>The supplier has nothing listed on this order’s framework.</p> : null}
      {GROUPS.map((g) => {
        const group = sorted.filter((i) => i.type === g.type);
        if (!group.length) return null;
        return (
          <section key={g.type} aria-labelledby={`group-${g.type}`} className="mb-8">
            <h3 id={`group-${g.type}`}>{g.title}</h3>
            <p className="text-ink-secondary">{g.hint}</p>
            {group.map((item) => {
              const current = inOrder.get(item.id);
              const priceError = actionData?.errors?.[`price-${item.id}`];
              return (
                <div key={item.id} className="card max-w-3xl" data-testid={`catalogue-${item.id}`}>
                  <h4 className="mb-2 text-lg font-bold">
                    {item.name} <span className="font-normal text-ink-secondary">({item.id})</span>
                  </h4>
                  {item.id === suggested ? <p className="font-semibold">This is the solution you chose to order.</p> : null}
                  {current ? <p>In this order at {describePrice(current.price)}.</p> : null}
                  {!item.orderable ? (
                    <>
                      <p className="mb-1">This cannot be added to the order:</p>
                      <ul className="mb-0 list-disc pl-6">
                        {item.reasons.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    </>
                  ) : item.prices.length === 0 ? (
                    <p className="mb-0">It has no prices listed, so it cannot be ordered.</p>
                  ) : current && item.prices.length === 1 ? null : (
                    <Form method="post" noValidate>
                      <CsrfInput />
                      <input type="hidden" name="itemId" value={item.id} />
                      {item.prices.length === 1 ? (
                        <>
                          <input type="hidden" name="priceId" value={item.prices[0].id} />
                          <p>
                            {describePrice(item.prices[0])}. {quantityInputHint(item.prices[0].quantityInput)}.
                          </p>
                        </>
                      ) : (
                        <fieldset className={priceError ? 'mb-4 border-l-4 border-danger pl-4' : 'mb-4'} aria-describedby={priceError ? `price-${item.id}-error` : undefined}>
                          <legend className="mb-2 font-bold">Which price?</legend>
                          <FieldError id={`price-${item.id}`} error={priceError} />
                          {item.prices.map((p, i) => (
                            <div key={p.id} className="mb-2 flex items-start gap-3">
                              <input
                                type="radio"
                                id={`price-${item.id}-${i}`}
                                name="priceId"
                                value={p.id}
                                defaultChecked={current?.priceId === p.id}
                                className="mt-0.5 h-6 w-6 shrink-0 cursor-pointer accent-brand"
                              />
                              <label htmlFor={`price-${item.id}-${i}`} className="cursor-pointer">
                                {describePrice(p)} <span className="text-ink-secondary">({quantityInputHint(p.quantityInput)})</span>
                              </label>
                            </div>
                          ))}
                        </fieldset>
                      )}
                      <button type="submit" className={item.id === suggested ? 'button' : 'button button-secondary'}>
                        {current ? `Change the price of ${item.name}` : `Add ${item.name}`}
                      </button>
                    </Form>
                  )}
                </div>
              );
            })}
          </section>
        );
      })}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
