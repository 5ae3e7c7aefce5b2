/**
 * Orders priced with the one price calculation (pricing/calculate.ts): the same rounding as the
 * solution page's estimate, with the quantities the order holds. Per-patient quantities are the
 * recipients' registered patients (snapshotted on the order when it completes).
 */
import type { ListingPrice } from '../catalogue/listing';
import { periodCosts, PeriodCosts } from '../pricing/calculate';

/** What the buyer enters for a price: nothing (patients), a quantity per practice, or one for the order. */
export type QuantityInput = 'per_patient' | 'per_recipient' | 'per_order';

export function quantityInput(price: Pick<ListingPrice, 'provisioningType' | 'quantityBasis'>): QuantityInput {
  if (price.provisioningType === 'per_patient') return 'per_patient';
  return price.quantityBasis === 'per_service_recipient' ? 'per_recipient' : 'per_order';
}

interface PricedItem {
  price_snapshot: ListingPrice;
  quantity: number | null;
  quantities: { practice_id: string; quantity: number }[];
}

interface PricedRecipient {
  practice_id: string;
  registered_patients: number | null;
}

const ZERO: PeriodCosts = { oneOffPence: 0, monthlyPence: 0, annualPence: 0, wholeTermPence: 0 };

export function sumTotals(costs: PeriodCosts[]): PeriodCosts {
  return costs.reduce(
    (a, b) => ({
      oneOffPence: a.oneOffPence + b.oneOffPence,
      monthlyPence: a.monthlyPence + b.monthlyPence,
      annualPence: a.annualPence + b.annualPence,
      wholeTermPence: a.wholeTermPence + b.wholeTermPence,
    }),
    ZERO,
  );
}

/** The item's cost over the term, or null while a quantity it needs is missing. */
export function costOfItem(item: PricedItem, recipients: PricedRecipient[], termMonths: number): PeriodCosts | null {
  const price = item.price_snapshot;
  if (!recipients.length) return null;
  const perRecipient = price.quantityBasis === 'per_service_recipient';
  switch (quantityInput(price)) {
    case 'per_patient': {
      const patients = recipients.map((r) => r.registered_patients ?? 0);
      return perRecipient
        ? sumTotals(patients.map((n) => periodCosts(price, n, termMonths)))
        : periodCosts(price, patients.reduce((a, b) => a + b, 0), termMonths);
    }
    case 'per_order':
      return item.quantity === null ? null : periodCosts(price, item.quantity, termMonths);
    case 'per_recipient': {
      const byPractice = new Map(item.quantities.map((q) => [q.practice_id, q.quantity]));
      if (recipients.some((r) => !byPractice.has(r.practice_id))) return null;
      return sumTotals(recipients.map((r) => periodCosts(price, byPractice.get(r.practice_id)!, termMonths)));
    }
  }
}

/** £1,234.56 for emails and documents (the UI formats its own). */
export function formatPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}
