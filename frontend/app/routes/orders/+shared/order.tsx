import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { FieldError } from '~/components/fields';
import { DataTable } from '~/components/data-table';
import { StatusTag } from '~/components/status-tag';
import type { components } from '~/lib/api/schema';
import { cx } from '~/lib/cx';
import { formatNumber } from '~/lib/format';
import { formatUnitPrice } from '~/lib/money';

type Schemas = components['schemas'];
export type OrderDetail = Schemas['OrderDetail'];
export type OrderSummary = Schemas['OrderSummary'];
export type OrderItem = Schemas['OrderItemView'];
export type Totals = Schemas['Totals'];

/** Integer pence as pounds: 491904 → "£4,919.04" (integer arithmetic only). */
export function formatPence(pence: number): string {
  const negative = pence < 0;
  const abs = Math.abs(Math.trunc(pence));
  const p = abs % 100;
  return `${negative ? '−' : ''}£${formatNumber((abs - p) / 100)}.${String(p).padStart(2, '0')}`;
}

export const ORDER_STATUS_NAME: Record<string, string> = {
  in_progress: 'In progress',
  awaiting_approval: 'Awaiting approval',
  completed: 'Completed',
  superseded: 'Superseded',
  terminated: 'Terminated',
};

// StatusTag's colours are keyed by the catalogue's statuses: these say which one each order status looks like.
const ORDER_TONE: Record<string, string> = {
  in_progress: 'draft',
  awaiting_approval: 'submitted',
  completed: 'complete',
  superseded: 'unpublished',
  terminated: 'failed',
};

export function OrderStatusTag({ status }: { status: string }) {
  return <StatusTag status={ORDER_TONE[status]}>{ORDER_STATUS_NAME[status] ?? status}</StatusTag>;
}

export const TASK_STATUS_NAME: Record<string, string> = {
  completed: 'Completed',
  in_progress: 'In progress',
  not_started: 'Not started',
  cannot_start: 'Cannot start yet',
};

const TASK_TONE: Record<string, string> = { completed: 'complete', in_progress: 'incomplete', not_started: 'draft', cannot_start: 'unpublished' };

export function TaskStatusTag({ status, id }: { status: string; id?: string }) {
  return (
    <span id={id}>
      <StatusTag status={TASK_TONE[status]}>{TASK_STATUS_NAME[status] ?? status}</StatusTag>
    </span>
  );
}

export const CONTRACT_STATUS_NAME: Record<string, string> = {
  pending: 'Not started yet',
  active: 'Active',
  terminated: 'Ended early',
  ended: 'Ended',
};

const CONTRACT_TONE: Record<string, string> = { pending: 'submitted', active: 'complete', terminated: 'failed', ended: 'unpublished' };

export function ContractStatusTag({ status }: { status: string }) {
  return <StatusTag status={CONTRACT_TONE[status]}>{CONTRACT_STATUS_NAME[status] ?? status}</StatusTag>;
}

export const ITEM_TYPE_NAME: Record<string, string> = {
  solution: 'Solution',
  additional_service: 'Additional service',
  associated_service: 'Associated service',
};

export const FUNDING_NAME: Record<string, string> = {
  central: 'Central funding (GP IT funding, needs the ICB’s approval)',
  local: 'Local funding',
};

/** A listed price (snapshot) in words: "£1.26 per patient per year", or its tiers. */
export interface PriceLike {
  id?: string;
  provisioningType?: string;
  priceType?: string;
  billingPeriod?: string;
  unit?: string;
  tiers?: { from: number; to: number | null; priceHundredthsOfPenny: number }[];
}

const PERIOD: Record<string, string> = { month: ' per month', year: ' per year', one_off: ' (one-off)' };

export function describePrice(raw: unknown): string {
  const price = (raw ?? {}) as PriceLike;
  const tiers = price.tiers ?? [];
  const unit = price.unit ? ` ${price.unit}` : '';
  const period = PERIOD[price.billingPeriod ?? ''] ?? '';
  if (tiers.length <= 1) return `${tiers[0] ? formatUnitPrice(tiers[0].priceHundredthsOfPenny) : '£0.00'}${unit}${period}`;
  const parts = tiers.map((t) => `${formatNumber(t.from)}${t.to == null ? '+' : `–${formatNumber(t.to)}`}: ${formatUnitPrice(t.priceHundredthsOfPenny)}`);
  return `Tiered${unit}${period}: ${parts.join('; ')}`;
}

export function quantityInputHint(input: string): string {
  if (input === 'per_patient') return 'Per patient: the quantity is each practice’s registered patients';
  if (input === 'per_recipient') return 'A quantity for each practice';
  return 'One quantity for the whole order';
}

/** One-off, monthly, annual and whole-term totals (VAT excluded). */
export function TotalsList({ totals, termMonths, testIdPrefix = 'total' }: { totals: Totals; termMonths?: number | null; testIdPrefix?: string }) {
  return (
    <dl className="summary-list max-w-2xl">
      <div>
        <dt>One-off</dt>
        <dd data-testid={`${testIdPrefix}-one-off`}>{formatPence(totals.oneOffPence)}</dd>
      </div>
      <div>
        <dt>Monthly</dt>
        <dd data-testid={`${testIdPrefix}-monthly`}>{formatPence(totals.monthlyPence)}</dd>
      </div>
      <div>
        <dt>Annual</dt>
        <dd data-testid={`${testIdPrefix}-annual`}>{formatPence(totals.annualPence)}</dd>
      </div>
      <div>
        <dt>Whole term{termMonths ? ` (${termMonths} months)` : ''}</dt>
        <dd data-testid={`${testIdPrefix}-whole-term`}>{formatPence(totals.wholeTermPence)}</dd>
      </div>
    </dl>
  );
}

/** The items of an order with their prices and costs. */
export function ItemsTable({ order, caption, actions }: { order: OrderDetail; caption: string; actions?: (item: OrderItem) => ReactNode }) {
  return (
    <DataTable id="order-items" caption={caption}>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Price</th>
          <th scope="col">Quantity</th>
          <th scope="col">Funding</th>
          <th scope="col" className="text-right">
            Whole-term cost
          </th>
          {actions ? (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {order.items.map((it) => (
          <tr key={it.itemId}>
            <td>
              <strong>{it.name}</strong>
              <br />
              <span className="text-ink-secondary">
                {ITEM_TYPE_NAME[it.type] ?? it.type} ({it.itemId})
              </span>
            </td>
            <td>{describePrice(it.price)}</td>
            <td>{quantityText(order, it)}</td>
            <td>{it.fundingSource === 'central' ? 'Central' : it.fundingSource === 'local' ? 'Local' : <span className="text-ink-secondary">Not chosen</span>}</td>
            <td className="text-right">{it.cost ? formatPence(it.cost.wholeTermPence) : <span className="text-ink-secondary">Not known yet</span>}</td>
            {actions ? <td>{actions(it)}</td> : null}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function quantityText(order: OrderDetail, it: OrderItem): string {
  if (it.quantityInput === 'per_patient') {
    const patients = order.recipients.reduce((n, r) => n + (r.registeredPatients ?? 0), 0);
    return `${formatNumber(patients)} registered patients`;
  }
  if (it.quantityInput === 'per_order') return it.quantity == null ? 'Not entered' : formatNumber(it.quantity);
  if (!it.quantities.length) return 'Not entered';
  const total = it.quantities.reduce((n, q) => n + q.quantity, 0);
  return `${formatNumber(total)} across ${it.quantities.length} ${it.quantities.length === 1 ? 'practice' : 'practices'}`;
}

/** "Back to the order" link above a step's heading. */
export function BackToOrder({ orderRef, label = "Back to the order" }: { orderRef: string; label?: string }) {
  return (
    <p className="mb-4">
      <Link to={`/orders/${orderRef}`}>{label}</Link>
    </p>
  );
}

export function OrderCaption({ order }: { order: Pick<OrderDetail, 'ref' | 'description'> }) {
  return (
    <span className="mb-2 block text-lg text-ink-secondary">
      Order {order.ref}
      {order.description ? ` – ${order.description}` : ''}
    </span>
  );
}

/** A radio group in a fieldset with a legend, hint and error (one question). */
export function RadioGroup({
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  legendClassName,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: ReactNode; hint?: ReactNode; disabled?: boolean }[];
  defaultValue?: string | null;
  legendClassName?: string;
}) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={cx('mb-6', error && 'border-l-4 border-danger pl-4')} aria-describedby={describedBy}>
      <legend className={cx('mb-2 font-bold', legendClassName)}>{legend}</legend>
      {hint ? (
        <div id={`${name}-hint`} className="mb-2 text-ink-secondary">
          {hint}
        </div>
      ) : null}
      <FieldError id={`${name}`} error={error} />
      {options.map((o, i) => {
        // The first option carries the group's id, so the error summary's link lands on the group.
        const id = i === 0 ? name : `${name}-${o.value}`;
        return (
          <div key={o.value} className="mb-3 flex items-start gap-3">
            <input
              type="radio"
              id={id}
              name={name}
              value={o.value}
              defaultChecked={defaultValue === o.value}
              disabled={o.disabled}
              aria-describedby={o.hint ? `${id}-item-hint` : undefined}
              className="mt-0.5 h-8 w-8 shrink-0 cursor-pointer accent-brand"
            />
            <div>
              <label htmlFor={id} className="block cursor-pointer pt-1 font-bold">
                {o.label}
              </label>
              {o.hint ? (
                <div id={`${id}-item-hint`} className="m-0 text-ink-secondary">
                  {o.hint}
                </div>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
