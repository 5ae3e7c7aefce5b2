import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SuccessNotice } from '~/components/notice';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDate, formatDateTime } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { ItemsTable, ORDER_STATUS_NAME, OrderStatusTag, TaskStatusTag, TotalsList } from './+shared/order';
import { PaymentSection } from './+shared/payments';
import { ContractSummary } from '../contracts/+shared/contract-summary';
import { formProblem, loadOrder, orderRef, text, writer } from './+shared/order.server';
import type { Route } from './+types/order';

export const meta: Route.MetaFunction = ({ data: d, error }) => [{ title: error || !d ? errorTitle(error) : pageTitle(`Order ${d.order.ref}`) }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['practice_manager', 'commissioner', 'vendor', 'operator'], context);
  const ref = orderRef(params);
  const order = await loadOrder(request, ref);
  const query = new URL(request.url).searchParams;
  // Payment: the locally funded items of a completed order, by card or Direct Debit through Stripe, or by invoice.
  const payments = ['completed', 'superseded', 'terminated'].includes(order.status)
    ? await ok(request, api(request).GET('/api/orders/{ref}/payments', { params: { path: { ref } } }))
    : null;
  return {
    order,
    payments,
    payment: query.get('payment'),
    role: session.role,
    started: query.get('started') === '1',
    amending: query.get('amending') === '1',
    sent: query.get('sent') === '1',
    approvalKey: order.canApprove ? crypto.randomUUID() : null,
    amendKey: order.canAmend ? crypto.randomUUID() : null,
  };
}

/** The approver's "Approve"; the buyer's "Amend this order" and "Delete this order". */
export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const ref = orderRef(params);
  const key = text(formData, 'idempotencyKey');
  const headers = UUID.test(key) ? { 'Idempotency-Key': key } : {};
  const intent = text(formData, 'intent');
  if (intent === 'pay') {
    const part = text(formData, 'part');
    const body = part === 'one_off' || part === 'monthly' || part === 'annual' ? { part: part as 'one_off' | 'monthly' | 'annual' } : {};
    const result = await attempt(client.POST('/api/orders/{ref}/payments/checkout', { params: { path: { ref } }, headers, body }));
    // To Stripe Checkout. Not a redirect: the CSP's form-action 'self' blocks a form post redirected to another site.
    if (result.ok) return { errors: {}, formError: undefined, continueTo: result.data.url };
    return formProblem(request, result.problem, {});
  }
  if (intent === 'amend') {
    const result = await attempt(client.POST('/api/orders/{ref}/amendments', { params: { path: { ref } }, headers }));
    if (result.ok) return redirect(`/orders/${encodeURIComponent(result.data.ref)}?amending=1`);
    return formProblem(request, result.problem, {});
  }
  if (intent === 'delete') {
    const result = await attempt(client.DELETE('/api/orders/{ref}', { params: { path: { ref } } }));
    if (result.ok) return redirect(`/orders?deleted=${encodeURIComponent(ref)}`);
    return formProblem(request, result.problem, {});
  }
  const result = await attempt(client.POST('/api/orders/{ref}/approve', { params: { path: { ref } }, headers }));
  if (result.ok) return redirect(`/orders/approvals?approved=${encodeURIComponent(ref)}`);
  return formProblem(request, result.problem, {});
}

const STEP_PATH: Record<string, string> = {
  description: 'description',
  'ordering-party': 'ordering-party',
  supplier: 'supplier',
  term: 'term',
  recipients: 'recipients',
  items: 'items',
  funding: 'funding',
  review: 'review',
};

export default function Order({ loaderData, actionData }: Route.ComponentProps) {
  const { order, role, started, sent, approvalKey, amendKey, amending, payments, payment } = loaderData;
  const completedCount = order.tasks.filter((t) => t.status === 'completed').length;
  const contract = order.contract;
  return (
    <>
      {started ? <SuccessNotice>Order {order.ref} has been started. Complete each task below.</SuccessNotice> : null}
      {sent ? <SuccessNotice>Order {order.ref} has been sent for approval.</SuccessNotice> : null}
      {amending ? (
        <SuccessNotice>
          Amendment {order.ref} has been started from {order.previousRevisionRef}. You can add service recipients, items, quantities and
          funding; what was agreed before cannot be removed or re-priced.
        </SuccessNotice>
      ) : null}
      <p className="mb-4">
        <Link to="/orders">Back to orders</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">Order {order.ref}</span>
      <h1>{order.description ?? `Order ${order.ref}`}</h1>
      <ErrorSummary errors={actionData?.errors} formError={actionData?.formError} />
      <p>
        Status: <OrderStatusTag status={order.status} />
      </p>

      {order.approval.status === 'returned' && order.approval.reason ? (
        <div className="mb-8 max-w-3xl border-l-8 border-danger bg-white p-4" role="status">
          <h2 className="text-xl">This order was returned{order.approval.decidedByName ? ` by ${order.approval.decidedByName}` : ''}</h2>
          <p className="mb-0">Reason: {order.approval.reason}</p>
        </div>
      ) : null}

      {order.status === 'awaiting_approval' ? (
        <div className="mb-8 max-w-3xl border-l-8 border-brand bg-white p-4">
          <h2 className="text-xl">Awaiting approval</h2>
          <p className="mb-0">
            This order uses central funding, so a commissioner of the integrated care board must approve it before it is completed.
            {order.approval.requestedAt ? ` It was sent for approval on ${formatDateTime(order.approval.requestedAt)}.` : ''} It cannot be
            changed unless it is returned.
          </p>
        </div>
      ) : null}

      {order.canApprove ? (
        <section aria-labelledby="approve-heading" className="card max-w-3xl">
          <h2 id="approve-heading">Approve this order</h2>
          <p>Approving completes the order at once and creates its contract.</p>
          <Form method="post" className="flex flex-wrap items-center gap-6">
            <CsrfInput />
            <input type="hidden" name="idempotencyKey" value={approvalKey ?? ''} />
            <button type="submit" className="button">
              Approve
            </button>
            <Link to={`/orders/${order.ref}/return`}>Return to the buyer</Link>
          </Form>
        </section>
      ) : null}

      {contract ? (
        <section aria-labelledby="contract-heading" className="mb-8">
          <h2 id="contract-heading">Contract</h2>
          <ContractSummary contract={contract} testId="contract-dates" parties={false} />
          <p>
            <Link to={`/contracts/${contract.id}`}>See the contract</Link>
          </p>
        </section>
      ) : null}

      {order.status === 'completed' || order.status === 'superseded' || order.status === 'terminated' ? (
        <>
          {order.totals ? (
            <section aria-labelledby="totals-heading">
              <h2 id="totals-heading">Totals (VAT excluded)</h2>
              <TotalsList totals={order.totals} termMonths={order.maximumTermMonths} />
            </section>
          ) : null}
          <p>
            {/* A PDF from the API: a plain link, so the browser downloads it. */}
            <a href={`/api/orders/${order.ref}/summary.pdf`}>Download order summary (PDF)</a>
          </p>
          {order.items.length ? <ItemsTable order={order} caption="Items ordered" /> : null}
          {payments ? <PaymentSection payments={payments} returned={payment} continueTo={(actionData as { continueTo?: string } | undefined)?.continueTo} /> : null}
          <OrderFacts order={order} />
          {order.canAmend ? (
            <section aria-labelledby="amend-heading" className="card max-w-3xl">
              <h2 id="amend-heading">Amend this order</h2>
              <p>
                An amendment is a new revision of the order. It can add service recipients, items, quantities and funding. It cannot
                remove recipients or change the prices agreed. The contract follows the amendment once it is completed.
              </p>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="amend" />
                <input type="hidden" name="idempotencyKey" value={amendKey ?? ''} />
                <button type="submit" className="button button-secondary">
                  Start an amendment
                </button>
              </Form>
            </section>
          ) : null}
        </>
      ) : (
        <>
          {order.canEdit ? (
            <>
              <h2>Tasks</h2>
              <p>
                You have completed {completedCount} of {order.tasks.length} tasks.
              </p>
              <ol className="mb-8 max-w-3xl list-none border-t border-line p-0" aria-label="Order tasks">
                {order.tasks.map((t) => {
                  const statusId = `task-${t.key}-status`;
                  return (
                    <li key={t.key} className="flex flex-wrap items-center justify-between gap-2 border-b border-line py-3">
                      {t.status === 'cannot_start' ? (
                        <span>{t.title}</span>
                      ) : (
                        <Link to={`/orders/${order.ref}/${STEP_PATH[t.key] ?? t.key}`} aria-describedby={statusId}>
                          {t.title}
                        </Link>
                      )}
                      <TaskStatusTag status={t.status} id={statusId} />
                    </li>
                  );
                })}
              </ol>
            </>
          ) : null}
          <OrderFacts order={order} />
          {order.items.length ? <ItemsTable order={order} caption="Items in this order" /> : null}
          {order.totals ? (
            <section aria-labelledby="totals-heading">
              <h2 id="totals-heading">Totals (VAT excluded)</h2>
              <TotalsList totals={order.totals} termMonths={order.maximumTermMonths} />
            </section>
          ) : null}
          {order.canEdit ? (
            <Form method="post" className="mt-8">
              <CsrfInput />
              <input type="hidden" name="intent" value="delete" />
              <button type="submit" className="button button-warning">
                Delete this {order.previousRevisionRef ? 'amendment' : 'order'}
              </button>
            </Form>
          ) : null}
        </>
      )}
      {role === 'vendor' ? <p className="text-ink-secondary">You can see this order because it was placed with your organisation.</p> : null}
    </>
  );
}

function OrderFacts({ order }: { order: Route.ComponentProps['loaderData']['order'] }) {
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">Order summary</h2>
      <dl className="summary-list max-w-3xl">
        <div>
          <dt>Status</dt>
          <dd>{ORDER_STATUS_NAME[order.status] ?? order.status}</dd>
        </div>
        <div>
          <dt>Ordering party</dt>
          <dd>
            {order.orderingParty.name} ({order.orderingParty.code})
          </dd>
        </div>
        <div>
          <dt>Supplier</dt>
          <dd>{order.supplier ? `${order.supplier.name} (${order.supplier.code})` : 'Not chosen yet'}</dd>
        </div>
        <div>
          <dt>Framework</dt>
          <dd>{order.framework ? order.framework.name : 'Not chosen yet'}</dd>
        </div>
        <div>
          <dt>Commencement date</dt>
          <dd>{order.commencementDate ? formatDate(order.commencementDate) : 'Not entered yet'}</dd>
        </div>
        <div>
          <dt>Service recipients</dt>
          <dd>{order.recipients.length ? order.recipients.map((r) => `${r.name} (${r.odsCode})`).join(', ') : 'None yet'}</dd>
        </div>
        {order.completedAt ? (
          <div>
            <dt>Completed</dt>
            <dd>{formatDateTime(order.completedAt)}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
