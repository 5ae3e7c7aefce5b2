import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { FieldError, TextField } from '~/components/fields';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { cx } from '~/lib/cx';
import { keepValues, type FieldErrors } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { RadioGroup } from '../orders/+shared/order';
import { BackToCompetition, CompetitionCaption, ELEMENT_HINT, ELEMENT_NAME, ELEMENTS } from './+shared/competition';
import { competitionId, fieldErrors, loadEditableCompetition, saveStep, text, writer } from './+shared/competition.server';
import type { Route } from './+types/criteria';

export const meta = titled('Award criteria and weightings');

const WEIGHT_FIELDS = ELEMENTS.map((e) => `weights.${e}`);
const FIELDS: Record<string, string> = {
  type: 'type',
  priceWeight: 'priceWeight',
  weights: 'weights',
  ...Object.fromEntries(WEIGHT_FIELDS.map((f) => [f, f])),
};

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  return { competition: { id: competition.id, name: competition.name, criteria: competition.criteria } };
}

/** A whole percentage in steps of 5, or an error message. */
function percentage(raw: string, label: string): number | string {
  if (!raw) return `Enter the weighting for ${label}`;
  if (!/^\d{1,3}$/.test(raw)) return `Enter the weighting for ${label} as a whole number, like 40`;
  const n = Number(raw);
  if (n % 5 !== 0) return `The weighting for ${label} must be in steps of 5, like 35 or 40`;
  return n;
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const values = keepValues(formData, ['type', 'priceWeight', ...WEIGHT_FIELDS]);
  const errors: FieldErrors = {};
  const type = text(formData, 'type');
  if (type !== 'price' && type !== 'price_and_non_price') return fieldErrors(request, { type: 'Choose how the winner is decided' }, values);
  const weights = { features: 0, implementation: 0, interoperability: 0, serviceLevels: 0 };
  let priceWeight = 100;
  if (type === 'price_and_non_price') {
    const p = percentage(text(formData, 'priceWeight'), 'price');
    if (typeof p === 'string') errors.priceWeight = p;
    else if (p < 30 || p > 90) errors.priceWeight = 'The weighting for price must be between 30 and 90';
    else priceWeight = p;
    let sum = 0;
    for (const e of ELEMENTS) {
      const raw = text(formData, `weights.${e}`) || '0';
      const w = percentage(raw, ELEMENT_NAME[e].toLowerCase());
      if (typeof w === 'string') errors[`weights.${e}`] = w;
      else if (w > 100) errors[`weights.${e}`] = `The weighting for ${ELEMENT_NAME[e].toLowerCase()} must be 100 or less`;
      else {
        weights[e] = w;
        sum += w;
      }
    }
    if (!ELEMENTS.some((e) => errors[`weights.${e}`]) && sum !== 100) errors.weights = `The non-price weightings must add up to 100 (they add up to ${sum})`;
  }
  if (Object.keys(errors).length) return fieldErrors(request, errors, values);
  return saveStep(request, client.PUT('/api/competitions/{id}/criteria', { params: { path: { id } }, body: { type, priceWeight, weights } }), {
    next: `/competitions/${id}`,
    fields: FIELDS,
    values,
  });
}

export default function Criteria({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  const saved = c.criteria.weights as Record<string, number>;
  const type = values?.type ?? c.criteria.type ?? undefined;
  const priceWeight = values?.priceWeight ?? (c.criteria.type === 'price_and_non_price' ? String(c.criteria.priceWeight) : '');
  const weight = (e: string) => values?.[`weights.${e}`] ?? (c.criteria.type === 'price_and_non_price' ? String(saved[e] ?? 0) : '');
  return (
    <>
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Award criteria and weightings</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={{ weights: 'weights.features' }} />
      <Form method="post" noValidate className="max-w-3xl">
        <CsrfInput />
        <RadioGroup
          name="type"
          legend="How will the winner be decided?"
          options={[
            { value: 'price', label: 'Price only', hint: 'The cheapest whole-term cost wins.' },
            {
              value: 'price_and_non_price',
              label: 'Price and non-price',
              hint: 'Price counts for 30% to 90%; the rest is shared between features, implementation, interoperability and service levels.',
            },
          ]}
          defaultValue={type}
          error={errors.type}
        />
        <h2 className="text-xl">If you chose price and non-price</h2>
        <p className="text-ink-secondary">Weightings are whole percentages in steps of 5.</p>
        <TextField
          name="priceWeight"
          inputMode="numeric"
          label="Weighting for price (%)"
          hint="Between 30 and 90. The non-price elements share the rest."
          className="max-w-24"
          defaultValue={priceWeight}
          error={errors.priceWeight}
        />
        <fieldset className={cx('mb-6', errors.weights && 'border-l-4 border-danger pl-4')} aria-describedby={errors.weights ? 'weights-hint weights-error' : 'weights-hint'}>
          <legend className="mb-2 font-bold">How is the non-price share divided?</legend>
          <p id="weights-hint" className="mb-2 text-ink-secondary">
            Sub-weightings in steps of 5 that add up to 100. Enter 0 for an element you do not want to score.
          </p>
          <FieldError id="weights" error={errors.weights} />
          {ELEMENTS.map((e) => (
            <TextField
              key={e}
              name={`weights.${e}`}
              inputMode="numeric"
              label={`${ELEMENT_NAME[e]} (%)`}
              hint={ELEMENT_HINT[e]}
              className="max-w-24"
              defaultValue={weight(e)}
              error={errors[`weights.${e}`]}
              aria-invalid={errors[`weights.${e}`] || errors.weights ? true : undefined}
            />
          ))}
        </fieldset>
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
