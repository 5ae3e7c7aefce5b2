import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextAreaField } from '~/components/fields';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { BUYERS, formProblem, isItemId, rememberSolution, text, writer } from './+shared/order.server';
import type { Route } from './+types/new';

export const meta = titled('Start a new order');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, BUYERS, context);
  const solution = new URL(request.url).searchParams.get('solution');
  // A key per form: sending the same form twice starts one order, not two.
  return { solution: isItemId(solution) ? solution : null, idempotencyKey: crypto.randomUUID() };
}

export async function action({ request }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const description = text(formData, 'description');
  const values = { description };
  if (!description) return formProblem(request, { status: 400, code: 'validation', title: '', errors: [{ field: 'description', message: 'Enter a description of the order' }] }, { description: 'description' }, values);
  const key = text(formData, 'idempotencyKey');
  const result = await attempt(
    client.POST('/api/orders', { body: { description }, headers: UUID.test(key) ? { 'Idempotency-Key': key } : {} }),
  );
  if (!result.ok) return formProblem(request, result.problem, { description: 'description' }, values);
  const ref = result.data.ref;
  const solution = text(formData, 'solution');
  const headers = new Headers();
  if (isItemId(solution)) headers.append('Set-Cookie', rememberSolution(ref, solution));
  return redirect(`/orders/${ref}?started=1`, { headers });
}

export default function NewOrder({ loaderData, actionData }: Route.ComponentProps) {
  const { solution, idempotencyKey } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <p className="mb-4">
        <Link to="/orders">Back to orders</Link>
      </p>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <Form method="post" noValidate className="max-w-2xl">
        <CsrfInput />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        {solution ? <input type="hidden" name="solution" value={solution} /> : null}
        <h1>Start a new order</h1>
        <TextAreaField
          name="description"
          label="Describe your order"
          hint="A few words to help you find it later, for example “Clinical system for the practice”."
          rows={3}
          maxLength={500}
          defaultValue={actionData?.values?.description}
          error={errors.description}
        />
        {solution ? <p>The solution you chose ({solution}) will be suggested in the supplier and items steps.</p> : null}
        <button type="submit" className="button">
          Start order
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
