import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextAreaField, TextField } from '~/components/fields';
import { api, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDate } from '~/lib/format';
import { keepValues, type FieldErrors } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { formProblem, saveStep, text, writer } from '../orders/+shared/order.server';
import { contractId } from './+shared/contract.server';
import type { Route } from './+types/terminate';

export const meta = titled('End this contract');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['practice_manager', 'commissioner'], context);
  const id = contractId(params);
  const contract = await ok(request, api(request).GET('/api/contracts/{id}', { params: { path: { id } } }));
  if (!contract.canTerminate) throw redirect(`/contracts/${id}`);
  return { contract: { id: contract.id, solutionName: contract.solutionName, buyer: contract.buyer, endDate: contract.endDate, noticeDeadline: contract.noticeDeadline } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = contractId(params);
  const values = keepValues(formData, ['reason', 'terminationDate']);
  const reason = text(formData, 'reason');
  const terminationDate = text(formData, 'terminationDate');
  const fields = { reason: 'reason', terminationDate: 'terminationDate' };
  const errors: FieldErrors = {};
  if (!reason) errors.reason = 'Enter a reason for ending the contract';
  if (!terminationDate) errors.terminationDate = 'Enter the date the contract ends';
  if (Object.keys(errors).length) {
    return formProblem(request, { status: 400, code: 'validation', title: '', errors: Object.entries(errors).map(([field, message]) => ({ field, message })) }, fields, values);
  }
  return saveStep(request, client.POST('/api/contracts/{id}/terminate', { params: { path: { id } }, body: { reason, terminationDate } }), {
    next: `/contracts/${id}?terminated=1`,
    fields,
    values,
  });
}

export default function Terminate({ loaderData, actionData }: Route.ComponentProps) {
  const { contract } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <p className="mb-4">
        <Link to={`/contracts/${contract.id}`}>Back to the contract</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">
        {contract.solutionName} for {contract.buyer.name}
      </span>
      <h1>End this contract</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p className="max-w-3xl">
        The contract ends on {formatDate(contract.endDate)}; the notice deadline is {formatDate(contract.noticeDeadline)}. To end it early, give a reason
        and a date in the future, on or before its end date. The supplier is told.
      </p>
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        <TextAreaField name="reason" label="Why are you ending the contract?" rows={4} maxLength={1000} defaultValue={actionData?.values?.reason} error={errors.reason} />
        <TextField
          name="terminationDate"
          type="date"
          label="Date the contract ends"
          hint={`A future date, on or before ${formatDate(contract.endDate)}. For example, ${contract.endDate}.`}
          className="max-w-48"
          defaultValue={actionData?.values?.terminationDate}
          error={errors.terminationDate}
        />
        <button type="submit" className="button button-warning">
          End contract
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
