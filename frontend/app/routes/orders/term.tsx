import { Form } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { api, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { keepValues, type FieldErrors } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { BackToOrder, OrderCaption, RadioGroup } from './+shared/order';
import { formProblem, loadEditableOrder, orderRef, saveStep, text, writer } from './+shared/order.server';
import type { Route } from './+types/term';

export const meta = titled('Framework, commencement date and term');

const FIELDS = { frameworkId: 'frameworkId', commencementDate: 'commencementDate', initialPeriodMonths: 'initialPeriodMonths', maximumTermMonths: 'maximumTermMonths' };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order } = await loadEditableOrder(request, params, context);
  const frameworks = await ok(request, api(request).GET('/api/frameworks', { params: { query: { status: 'live', pageSize: 100 } } }));
  return {
    order: {
      ref: order.ref,
      description: order.description,
      frameworkId: order.framework?.id ?? null,
      commencementDate: order.commencementDate,
      initialPeriodMonths: order.initialPeriodMonths,
      maximumTermMonths: order.maximumTermMonths,
      hasItems: order.items.length > 0,
    },
    // Only live frameworks can be ordered from.
    frameworks: frameworks.items
      .filter((f) => f.status === 'live')
      .map((f) => ({ id: f.id, name: f.name, maximumTermMonths: f.maximumTermMonths, fundingTypes: f.fundingTypes })),
  };
}

function months(value: string, name: string, errors: FieldErrors, label: string): number {
  if (!value) errors[name] = `Enter the ${label} in months`;
  else if (!/^\d{1,3}$/.test(value)) errors[name] = `Enter the ${label} in whole months, like 12`;
  return Number(value);
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const values = keepValues(formData, ['frameworkId', 'commencementDate', 'initialPeriodMonths', 'maximumTermMonths']);
  const errors: FieldErrors = {};
  const frameworkId = text(formData, 'frameworkId');
  if (!frameworkId) errors.frameworkId = 'Choose a framework';
  const commencementDate = text(formData, 'commencementDate');
  if (!commencementDate) errors.commencementDate = 'Enter the commencement date';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(commencementDate)) errors.commencementDate = 'Enter the commencement date as a real date, like 2027-04-01';
  const initialPeriodMonths = months(text(formData, 'initialPeriodMonths'), 'initialPeriodMonths', errors, 'initial period');
  const maximumTermMonths = months(text(formData, 'maximumTermMonths'), 'maximumTermMonths', errors, 'maximum term');
  if (Object.keys(errors).length) {
    return formProblem(request, { status: 400, code: 'validation', title: '', errors: Object.entries(errors).map(([field, message]) => ({ field, message })) }, FIELDS, values);
  }
  return saveStep(
    request,
    client.PUT('/api/orders/{ref}/term', { params: { path: { ref } }, body: { frameworkId, commencementDate, initialPeriodMonths, maximumTermMonths } }),
    { next: `/orders/${ref}`, fields: FIELDS, values },
  );
}

export default function Term({ loaderData, actionData }: Route.ComponentProps) {
  const { order, frameworks } = loaderData;
  const errors = actionData?.errors ?? {};
  const value = (name: keyof typeof FIELDS) => actionData?.values?.[name] ?? (order[name] == null ? '' : String(order[name]));
  const chosen = frameworks.find((f) => f.id === value('frameworkId')) ?? (frameworks.length === 1 ? frameworks[0] : undefined);
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Framework, commencement date and term</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      {order.hasItems ? <p className="max-w-3xl">To change the framework, first remove the items already in the order.</p> : null}
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        <RadioGroup
          name="frameworkId"
          legend="Which framework are you ordering under?"
          hint="Only live frameworks can be ordered from."
          options={frameworks.map((f) => ({
            value: f.id,
            label: `${f.name} (${f.id})`,
            hint: `Maximum term ${f.maximumTermMonths} months. Funding: ${f.fundingTypes.join(', ') || 'not stated'}.`,
          }))}
          defaultValue={value('frameworkId')}
          error={errors.frameworkId}
        />
        <TextField
          name="commencementDate"
          type="date"
          label="Commencement date"
          hint="When the contract starts: no more than 3 months in the past. For example, 2027-04-01."
          className="max-w-48"
          defaultValue={value('commencementDate')}
          error={errors.commencementDate}
        />
        <TextField
          name="initialPeriodMonths"
          inputMode="numeric"
          label="Initial period in months"
          hint="The period before either side may give notice, for example 3."
          className="max-w-24"
          defaultValue={value('initialPeriodMonths')}
          error={errors.initialPeriodMonths}
        />
        <TextField
          name="maximumTermMonths"
          inputMode="numeric"
          label="Maximum term in months"
          hint={
            chosen
              ? `Longer than the initial period, and at most ${chosen.maximumTermMonths} months (the maximum of ${chosen.name}).`
              : 'Longer than the initial period, and no longer than the framework’s maximum (shown with each framework above).'
          }
          className="max-w-24"
          defaultValue={value('maximumTermMonths')}
          error={errors.maximumTermMonths}
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
