import { useEffect } from 'react';
import { Form, Link } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { SuccessNotice } from '~/components/notice';
import { StatusTag } from '~/components/status-tag';
import type { components } from '~/lib/api/schema';
import { formatDate, formatDateTime } from '~/lib/format';
import { formatPence } from './order';

const PAYMENT_STATUS: Record<string, string> = {
  invoice: 'Pay by invoice',
  nothing_to_pay: 'Nothing to pay',
  unpaid: 'Not paid',
  pending: 'Payment started',
  paid: 'Paid',
  failed: 'Payment failed',
  refunded: 'Refunded',
  cancelled: 'Subscription ended',
  expired: 'Checkout not finished',
};
const PART_NAME: Record<string, string> = { one_off: 'One-off amount', monthly: 'Monthly subscription', annual: 'Annual subscription' };
const PER: Record<string, string> = { one_off: '', monthly: ' a month', annual: ' a year' };
const HISTORY_NAME: Record<string, string> = {
  'checkout.started': 'Payment started',
  'checkout.expired': 'Checkout closed',
  'invoice.payment': 'Invoice payment',
  'checkout.completed': 'Checkout completed',
  'payment.succeeded': 'Payment succeeded',
  'payment.failed': 'Payment failed',
  'invoice.paid': 'Invoice paid',
  'invoice.payment_failed': 'Payment failed',
  'charge.refunded': 'Refunded',
  'subscription.ends': 'Subscription end date set',
  'subscription.ended': 'Subscription ended',
};

/** Payment of the locally funded items: status, parts, history, and "Pay by card or Direct Debit" when payable. */
export function PaymentSection({
  payments,
  returned = null,
  continueTo,
  payAt,
}: {
  payments: components['schemas']['OrderPayments'];
  returned?: string | null;
  continueTo?: string;
  /** Elsewhere than the order page (the contract): link to the order to pay, instead of the pay buttons. */
  payAt?: string;
}) {
  // Checkout is ready: go to Stripe (the link is there for browsers without scripts).
  useEffect(() => {
    if (continueTo) window.location.assign(continueTo);
  }, [continueTo]);
  const payable = payments.parts.filter((p) => p.amountPence > 0 && (p.status === 'unpaid' || p.status === 'failed' || p.status === 'pending'));
  // An amended order: the payments of earlier revisions are listed too (the amendment pays only what it adds).
  const revisions = new Set(payments.payments.map((p) => p.orderRef));
  const amended = revisions.size > 1 || payments.parts.some((p) => p.coveredPence > 0);
  return (
    <section aria-labelledby="payment-heading" className="mb-8" data-testid="payment">
      <h2 id="payment-heading">Payment</h2>
      {returned === 'success' ? <SuccessNotice>Thank you: your payment is being confirmed. This page shows it once Stripe tells us.</SuccessNotice> : null}
      {returned === 'cancelled' ? <p>The payment was not finished; nothing was taken.</p> : null}
      <p>
        Status: <StatusTag status={payments.status === 'paid' ? 'complete' : payments.status === 'failed' ? 'failed' : 'draft'}>{PAYMENT_STATUS[payments.status] ?? payments.status}</StatusTag>
      </p>
      <p className="max-w-3xl">{payments.message}</p>
      {continueTo ? (
        <p role="status">
          <a href={continueTo}>Continue to Stripe to pay</a>
        </p>
      ) : null}
      {payments.parts.length ? (
        <table className="mb-6 max-w-3xl">
          <caption className="sr-only">What is paid through Stripe</caption>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Items</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {payments.parts.map((p) => (
              <tr key={p.part}>
                <th scope="row">{PART_NAME[p.part]}</th>
                <td>{p.items.map((i) => i.name).join(', ')}</td>
                <td>
                  {formatPence(p.amountPence)}
                  {PER[p.part]}
                  {p.cancelAt ? ` until ${formatDate(p.cancelAt)}` : ''}
                  {p.coveredPence > 0 ? `, besides ${formatPence(p.coveredPence)}${PER[p.part]} paid through earlier revisions` : ''}
                </td>
                <td>
                  {payments.status === 'invoice' ? 'By invoice' : (PAYMENT_STATUS[p.status] ?? p.status)}
                  {p.amountRefundedPence > 0 && p.status !== 'refunded' ? `, ${formatPence(p.amountRefundedPence)} refunded` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {amended && payments.payments.length ? (
        <table className="mb-6 max-w-3xl">
          <caption className="text-left font-bold">Payments of every revision of this order</caption>
          <thead>
            <tr>
              <th scope="col">Payment</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {payments.payments.map((p) => (
              <tr key={`${p.orderRef}-${p.part}`}>
                <th scope="row">
                  {p.orderRef}: {PART_NAME[p.part]}
                </th>
                <td>
                  {formatPence(p.amountPence)}
                  {PER[p.part]}
                </td>
                <td>
                  {PAYMENT_STATUS[p.status] ?? p.status}
                  {p.amountRefundedPence > 0 && p.status !== 'refunded' ? `, ${formatPence(p.amountRefundedPence)} refunded` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {payments.canPay && payAt ? (
        <p>
          <Link to={payAt}>Pay for this order</Link>
        </p>
      ) : null}
      {payments.canPay && !payAt
        ? payable.map((p) => (
            <Form method="post" key={p.part} className="mb-4">
              <CsrfInput />
              <input type="hidden" name="intent" value="pay" />
              <input type="hidden" name="part" value={p.part} />
              <button type="submit" className="button">
                Pay by card or Direct Debit{payable.length > 1 ? `: ${PART_NAME[p.part].toLowerCase()}` : ''}
              </button>
            </Form>
          ))
        : null}
      {payments.history.length ? (
        <>
          <h3>Payment history</h3>
          <ul className="max-w-3xl list-none border-t border-line p-0" aria-label="Payment history">
            {payments.history.map((h, i) => (
              <li key={i} className="border-b border-line py-2">
                {formatDateTime(h.occurredAt)}: {HISTORY_NAME[h.kind] ?? h.kind} ({amended ? `${h.orderRef}, ` : ''}
                {PART_NAME[h.part]}){h.amountPence != null ? `, ${formatPence(h.amountPence)}` : ''}
                {h.detail ? `. ${h.detail}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

