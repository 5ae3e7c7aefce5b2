import { data, Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { attempt, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDate, formatNumber } from '~/lib/format';
import type { FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { BackToOrder, formatPence, ItemsTable, OrderCaption, TotalsList, type OrderDetail } from './+shared/order';
import { loadEditableOrder, orderRef, text, writer } from './+shared/order.server';
import type { Route } from './+types/review';

export const meta = titled('Check your answers before completing your order');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { order } = await loadEditableOrder(request, params, context);
  // One key per rendering of this page: pressing "Complete order" twice completes it once.
  return { order, idempotencyKey: crypto.randomUUID() };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const key = text(formData, 'idempotencyKey');
  const result = await attempt(
    client.POST('/api/orders/{ref}/complete', { params: { path: { ref } }, headers: UUID.test(key) ? { 'Idempotency-Key': key } : {} }),
  );
  if (result.ok) return redirect(`/orders/${ref}${result.data.status === 'awaiting_approval' ? '?sent=1' : ''}`);
  const p = result.problem;
  if (p.status >= 500 || p.status === 401 || p.status === 403 || p.status === 404) throwProblem(request, p);
  // Each reason the order cannot be completed, listed in the summary.
  const errors: Record<string, string> = {};
  (p.errors ?? []).forEach((e, i) => (errors[`blocker-${i}`] = e.message));
  return data<FormResult>({ errors, formError: Object.keys(errors).length ? 'The order cannot be completed yet:' : (p.detail ?? p.title) }, { status: p.status });
}

function Row({ label, children, change, changeLabel }: { label: string; children: React.ReactNode; change?: string; changeLabel?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className="flex flex-wrap justify-between gap-2">
        <span>{children}</span>
        {change ? (
          <Link to={change}>
            Change<span className="sr-only"> {changeLabel ?? label.toLowerCase()}</span>
          </Link>
        ) : null}
      </dd>
    </div>
  );
}

function contact(c: OrderDetail['orderingContact']) {
  if (!c) return 'Not entered';
  return [c.name, c.email, c.telephone].filter(Boolean).join(', ');
}

export default function Review({ loaderData, actionData }: Route.ComponentProps) {
  const { order, idempotencyKey } = loaderData;
  const base = `/orders/${order.ref}`;
  const fieldIds = Object.fromEntries(Object.keys(actionData?.errors ?? {}).map((k) => [k, 'blockers']));
  const funding = order.items.map((i) => `${i.name}: ${i.fundingSource === 'central' ? 'central' : i.fundingSource === 'local' ? 'local' : 'not chosen'}`).join('; ');
  return (
    <>
      <BackToOrder orderRef={order.ref} />
      <OrderCaption order={order} />
      <h1>Check your answers before completing your order</h1>
      <ErrorSummary errors={actionData?.errors} formError={actionData?.formError} fieldIds={fieldIds} />

      <h2>Order details</h2>
      <dl className="summary-list max-w-4xl">
        <Row label="Description" change={`${base}/description`}>
          {order.description}
        </Row>
        <Row label="Ordering party contact" change={`${base}/ordering-party`}>
          {order.orderingParty.name} ({order.orderingParty.code}): {contact(order.orderingContact)}
        </Row>
        <Row label="Supplier" change={`${base}/supplier`}>
          {order.supplier ? `${order.supplier.name} (${order.supplier.code})` : 'Not chosen'}
        </Row>
        <Row label="Supplier contact" change={`${base}/supplier`}>
          {contact(order.supplierContact)}
        </Row>
        <Row label="Framework" change={`${base}/term`}>
          {order.framework ? `${order.framework.name} (${order.framework.id})` : 'Not chosen'}
        </Row>
        <Row label="Commencement date" change={`${base}/term`}>
          {order.commencementDate ? formatDate(order.commencementDate) : 'Not entered'}
        </Row>
        <Row label="Initial period" change={`${base}/term`}>
          {order.initialPeriodMonths != null ? `${order.initialPeriodMonths} months` : 'Not entered'}
        </Row>
        <Row label="Maximum term" change={`${base}/term`}>
          {order.maximumTermMonths != null ? `${order.maximumTermMonths} months` : 'Not entered'}
        </Row>
        <Row label="Service recipients" change={`${base}/recipients`}>
          {order.recipients.length
            ? order.recipients
                .map((r) => `${r.name} (${r.odsCode}${r.registeredPatients != null ? `, ${formatNumber(r.registeredPatients)} patients` : ''})`)
                .join('; ')
            : 'None'}
        </Row>
        <Row label="Funding" change={`${base}/funding`}>
          {funding || 'Not chosen'}
        </Row>
      </dl>

      <h2>Solutions and services</h2>
      {order.items.length ? <ItemsTable order={order} caption="Items and their costs" /> : <p>Nothing has been added.</p>}
      <p className="mt-2">
        <Link to={`${base}/items`}>
          Change<span className="sr-only"> solutions, services and quantities</span>
        </Link>
      </p>

      <h2>Totals</h2>
      <p className="text-ink-secondary">All prices exclude VAT.</p>
      {order.totals ? (
        <TotalsList totals={order.totals} termMonths={order.maximumTermMonths} />
      ) : (
        <p>Totals are worked out once every item has its quantities.</p>
      )}

      {order.blockers.length ? (
        <section id="blockers" tabIndex={-1} aria-labelledby="blockers-heading" className="mb-8 max-w-3xl border-l-8 border-danger bg-white p-4">
          <h2 id="blockers-heading" className="text-xl">
            What still needs doing
          </h2>
          <ul className="mb-0 list-disc pl-6">
            {order.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </section>
      ) : (
        <div id="blockers" tabIndex={-1} />
      )}

      <h2>Now complete your order</h2>
      {order.needsApproval ? (
        <p className="max-w-3xl">
          Some items use central funding, so the order will be sent to a commissioner of the integrated care board for approval. It is completed,
          and its contract created, when they approve it.
        </p>
      ) : (
        <p className="max-w-3xl">
          Completing the order creates its contract
          {order.totals ? `, worth ${formatPence(order.totals.wholeTermPence)} over the whole term (VAT excluded)` : ''}, and tells the supplier.
        </p>
      )}
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <button type="submit" className="button">
          {order.needsApproval ? 'Complete order and send for approval' : 'Complete order'}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
