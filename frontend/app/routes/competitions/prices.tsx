import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { RadioGroup } from '../orders/+shared/order';
import { BackToCompetition, CompetitionCaption, wholeTerm } from './+shared/competition';
import { competitionId, fieldErrors, loadCompetition, loadEditableCompetition, saveStep, writer } from './+shared/competition.server';
import type { Route } from './+types/prices';

export const meta = titled('Prices compared');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  return { competition: { id: competition.id, name: competition.name, termMonths: competition.termMonths, solutions: competition.solutions.filter((s) => s.included === true) } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const competition = await loadCompetition(request, id);
  const included = competition.solutions.filter((s) => s.included === true);
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const fields: Record<string, string> = {};
  const prices = included.map((s, i) => {
    const priceId = String(formData.get(`price.${s.itemId}`) ?? '');
    const quantityText = String(formData.get(`quantity.${s.itemId}`) ?? '').trim();
    values[`price.${s.itemId}`] = priceId;
    values[`quantity.${s.itemId}`] = quantityText;
    for (const key of [s.itemId, String(i)]) {
      fields[`prices.${key}.priceId`] = `price.${s.itemId}`;
      fields[`prices.${key}.quantity`] = `quantity.${s.itemId}`;
      fields[`prices.${key}`] = `price.${s.itemId}`;
    }
    const price = s.prices.find((p) => p.id === priceId);
    if (!price) errors[`price.${s.itemId}`] = `Choose the price to compare for ${s.name}`;
    else if (price.takesQuantity) {
      if (!quantityText) errors[`quantity.${s.itemId}`] = `Enter the quantity for ${s.name}`;
      else if (!/^\d{1,7}$/.test(quantityText) || Number(quantityText) < 1) errors[`quantity.${s.itemId}`] = `Enter the quantity for ${s.name} as a whole number, like 10`;
    }
    return { itemId: s.itemId, priceId, ...(price?.takesQuantity && quantityText ? { quantity: Number(quantityText) } : {}) };
  });
  if (Object.keys(errors).length) return fieldErrors(request, errors, values);
  return saveStep(request, client.PUT('/api/competitions/{id}/prices', { params: { path: { id } }, body: { prices } }), {
    next: `/competitions/${id}`,
    fields,
    values,
  });
}

export default function Prices({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  return (
    <>
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Prices compared</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p className="max-w-3xl">
        Choose the price to compare for each solution, from the version saved in the shortlist. The price score comes from the whole-term cost
        {c.termMonths ? ` over ${c.termMonths} months` : ''} for your service recipients: the cheapest scores 5.
      </p>
      {c.solutions.length ? (
        <Form method="post" noValidate className="max-w-3xl">
          <CsrfInput />
          {c.solutions.map((s) => {
            const chosen = values ? values[`price.${s.itemId}`] : (s.priceId ?? (s.prices.length === 1 ? s.prices[0].id : undefined));
            const needsQuantity = s.prices.some((p) => p.takesQuantity);
            return (
              <section key={s.itemId} aria-labelledby={`solution-${s.itemId}`} className="mb-8 border-b border-line pb-4">
                <h2 id={`solution-${s.itemId}`} className="text-xl">
                  {s.name}
                </h2>
                <p>
                  {s.supplierName}. Whole-term cost: <strong data-testid={`whole-term-${s.itemId}`}>{wholeTerm(s.wholeTermPence)}</strong>
                </p>
                {s.prices.length ? (
                  <RadioGroup
                    name={`price.${s.itemId}`}
                    legend={`Which price of ${s.name} do you want to compare?`}
                    options={s.prices.map((p) => ({ value: p.id, label: p.display, hint: p.takesQuantity ? 'Needs a quantity' : undefined }))}
                    defaultValue={chosen}
                    error={errors[`price.${s.itemId}`]}
                  />
                ) : (
                  <p className="font-bold">This solution has no prices listed, so it cannot be compared on price.</p>
                )}
                {needsQuantity ? (
                  <TextField
                    name={`quantity.${s.itemId}`}
                    inputMode="numeric"
                    label={`Quantity for ${s.name}`}
                    hint="Only for a price that needs a quantity, for example the number of licences."
                    className="max-w-32"
                    defaultValue={values ? values[`quantity.${s.itemId}`] : s.quantity == null ? '' : String(s.quantity)}
                    error={errors[`quantity.${s.itemId}`]}
                  />
                ) : null}
              </section>
            );
          })}
          <button type="submit" className="button">
            Save and continue
          </button>
        </Form>
      ) : (
        <p>Choose the solutions in the competition first.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
