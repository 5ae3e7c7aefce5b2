import type { ListingPrice, PriceTier } from '../catalogue/listing';

/**
 * Price calculation: the one place that turns a price list entry and quantities into money.
 * Pure (no I/O, no clock); every rule below is tested in calculate.spec.ts with worked examples,
 * and recorded in docs/decisions/014-price-calculation.md.
 *
 * UNITS. Unit prices are integer hundredths of a penny (decision 011: £1.26 = 12600, £0.017 =
 * 170). Results are integer pence (decision 004). All arithmetic is BigInt (a £99,999,999.9999
 * unit price times a national list size would overflow a double); no floats anywhere.
 *
 * QUANTITY of one price line (`quantityFor`):
 * - per_patient: the service recipient's registered patients (a practice with no published list
 *   size counts as 0 patients);
 * - declarative, on_demand, one_off: the quantity the buyer enters for that price id (default 1;
 *   0 leaves the line out). On-demand quantities are an estimate per billing period.
 * QUANTITY BASIS:
 * - per_service_recipient: the price is applied to each practice separately, with that practice's
 *   quantity (its own patients, or the entered quantity for each practice), and the practices'
 *   costs are added up. Tiers therefore apply per practice.
 * - per_solution: the price is applied once to one quantity for the whole order: for per_patient
 *   the sum of the recipients' patients, otherwise the entered quantity.
 *
 * TIERS (`periodCostHundredths`: the cost of one billing period, exact, in hundredths of a penny).
 * Tiers are contiguous, from 1, the last open-ended (`to: null`):
 * - volume: every unit at the unit price of the tier the quantity falls in;
 * - cumulative: the units inside each tier at that tier's price, added up (like tax bands);
 * - single_fixed (tiered prices only): the price of the tier the quantity falls in, once, for the
 *   whole lot — not multiplied by the quantity.
 * - A FLAT price (one tier, 1 and over) is unit price × quantity, whatever its calculation type.
 *   Volume and cumulative agree on one tier by definition; for single_fixed this is a deliberate
 *   reading: the NHS catalogue data (and so our demo catalogue) labels every flat price
 *   "SingleFixed", including "£1.26 per patient per year" and "£0.017 per SMS fragment", where a
 *   fixed price for any quantity would be absurd. "Single fixed" on a flat price means "one fixed
 *   unit price".
 * - Quantity 0 costs nothing (no tier contains 0).
 *
 * PERIODS AND ROUNDING. The unit of rounding is one cost line: a price line for one recipient
 * (per_service_recipient) or for the whole order (per_solution). Its exact cost for one billing
 * period is rounded to whole pence ONCE, half-up (x.5p → up; amounts are never negative), and
 * everything else is derived from that rounded amount with integers:
 * - billing period `year`:  annual = round(exact / 100); monthly = round(annual / 12) half-up
 *   (a display figure: monthly × 12 may differ from annual by up to 6p); whole-term recurring =
 *   round(annual × termMonths / 12) half-up (exact, no rounding, when the term is whole years).
 * - billing period `month`: monthly = round(exact / 100); annual = monthly × 12; whole-term
 *   recurring = monthly × termMonths.
 * - billing period `one_off`: one-off = round(exact / 100), paid once; no monthly or annual cost.
 * - whole term = one-off + whole-term recurring.
 * Line totals are the sums of their recipients' rounded amounts and the estimate's totals are
 * the sums of its lines, so every figure shown adds up exactly to the totals.
 */

export type PriceForCalculation = Pick<ListingPrice, 'id' | 'provisioningType' | 'priceType' | 'calculationType' | 'quantityBasis' | 'billingPeriod' | 'tiers'>;

export interface PeriodCosts {
  /** Paid once (one-off billing period). */
  oneOffPence: number;
  /** Per month: the monthly price, or a yearly price's annual ÷ 12 (rounded half-up). */
  monthlyPence: number;
  /** Per year: the yearly price, or a monthly price × 12. */
  annualPence: number;
  /** One-off plus the recurring cost over the term. */
  wholeTermPence: number;
}

export interface Recipient {
  odsCode: string;
  /** Registered patients; null when the practice has no published list size (counts as 0). */
  registeredPatients: number | null;
}

export interface RecipientCost extends PeriodCosts {
  /** The practice this cost is for; null for a per-solution line (one cost for the whole order). */
  odsCode: string | null;
  quantity: number;
}

export interface LineCost extends PeriodCosts {
  priceId: string;
  /** The quantity priced: the total over recipients for per-service-recipient lines. */
  quantity: number;
  recipients: RecipientCost[];
}

export interface Estimate {
  termMonths: number;
  lines: LineCost[];
  totals: PeriodCosts;
}

export interface EstimateInput {
  recipients: Recipient[];
  /** Entered quantities by price id (declarative, on-demand, one-off prices); missing → 1. */
  quantities?: Record<string, number>;
  /** Contract term in months (whole months, at least 1). */
  termMonths: number;
}

const ZERO: PeriodCosts = { oneOffPence: 0, monthlyPence: 0, annualPence: 0, wholeTermPence: 0 };

/** n / d rounded to the nearest integer, halves up. Both non-negative, d > 0. */
export function divideRoundHalfUp(n: bigint, d: bigint): bigint {
  if (n < 0n || d <= 0n) throw new RangeError('divideRoundHalfUp takes a non-negative numerator and a positive divisor');
  return (2n * n + d) / (2n * d);
}

function assertQuantity(quantity: number) {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`Quantity must be a whole number of 0 or more, not ${quantity}`);
}

function tierFor(tiers: PriceTier[], quantity: number): PriceTier {
  const tier = tiers.find((t) => quantity >= t.from && (t.to === null || quantity <= t.to));
  if (!tier) throw new RangeError(`No tier contains quantity ${quantity}`);
  return tier;
}

/** The exact cost of one billing period for `quantity` units, in hundredths of a penny. */
export function periodCostHundredths(price: Pick<ListingPrice, 'priceType' | 'calculationType' | 'tiers'>, quantity: number): bigint {
  assertQuantity(quantity);
  if (!price.tiers.length) throw new RangeError('A price needs at least one tier');
  if (quantity === 0) return 0n;
  const q = BigInt(quantity);
  const tiers = [...price.tiers].sort((a, b) => a.from - b.from);
  if (price.priceType === 'flat' || tiers.length === 1) return BigInt(tiers[0].priceHundredthsOfPenny) * q;
  switch (price.calculationType) {
    case 'volume':
      return BigInt(tierFor(tiers, quantity).priceHundredthsOfPenny) * q;
    case 'single_fixed':
      return BigInt(tierFor(tiers, quantity).priceHundredthsOfPenny);
    case 'cumulative': {
      let total = 0n;
      for (const t of tiers) {
        if (quantity < t.from) break;
        const last = t.to === null ? quantity : Math.min(quantity, t.to);
        total += BigInt(t.priceHundredthsOfPenny) * BigInt(last - t.from + 1);
      }
      return total;
    }
    default:
      throw new RangeError(`Unknown calculation type ${String(price.calculationType)}`);
  }
}

function toPence(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('Amount too large');
  return Number(value);
}

/** One cost line's one-off, monthly, annual and whole-term cost, rounded as the header says. */
export function periodCosts(price: Pick<ListingPrice, 'priceType' | 'calculationType' | 'tiers' | 'billingPeriod'>, quantity: number, termMonths: number): PeriodCosts {
  if (!Number.isSafeInteger(termMonths) || termMonths < 1) throw new RangeError(`The term must be a whole number of months, at least 1, not ${termMonths}`);
  const exact = periodCostHundredths(price, quantity);
  const rounded = divideRoundHalfUp(exact, 100n);
  const months = BigInt(termMonths);
  switch (price.billingPeriod) {
    case 'one_off':
      return { ...ZERO, oneOffPence: toPence(rounded), wholeTermPence: toPence(rounded) };
    case 'month':
      return { oneOffPence: 0, monthlyPence: toPence(rounded), annualPence: toPence(rounded * 12n), wholeTermPence: toPence(rounded * months) };
    case 'year':
      return {
        oneOffPence: 0,
        monthlyPence: toPence(divideRoundHalfUp(rounded, 12n)),
        annualPence: toPence(rounded),
        wholeTermPence: toPence(divideRoundHalfUp(rounded * months, 12n)),
      };
    default:
      throw new RangeError(`Unknown billing period ${String(price.billingPeriod)}`);
  }
}

function add(a: PeriodCosts, b: PeriodCosts): PeriodCosts {
  return {
    oneOffPence: a.oneOffPence + b.oneOffPence,
    monthlyPence: a.monthlyPence + b.monthlyPence,
    annualPence: a.annualPence + b.annualPence,
    wholeTermPence: a.wholeTermPence + b.wholeTermPence,
  };
}

/** Whether the buyer enters the quantity for this price (everything except per-patient prices). */
export const takesEnteredQuantity = (price: Pick<ListingPrice, 'provisioningType'>) => price.provisioningType !== 'per_patient';

/** The quantity of one price for one recipient (or, with null, for the whole order). */
export function quantityFor(price: PriceForCalculation, recipients: Recipient[], quantities: Record<string, number> = {}): number {
  if (price.provisioningType === 'per_patient') return recipients.reduce((sum, r) => sum + (r.registeredPatients ?? 0), 0);
  return quantities[price.id] ?? 1;
}

/** A cost estimate: every price line, per recipient where the price is per service recipient, and totals. */
export function estimateCost(prices: PriceForCalculation[], input: EstimateInput): Estimate {
  const lines = prices.map((price): LineCost => {
    const recipients: RecipientCost[] =
      price.quantityBasis === 'per_service_recipient'
        ? input.recipients.map((r) => {
            const quantity = quantityFor(price, [r], input.quantities);
            return { odsCode: r.odsCode, quantity, ...periodCosts(price, quantity, input.termMonths) };
          })
        : [(() => {
            const quantity = quantityFor(price, input.recipients, input.quantities);
            return { odsCode: null, quantity, ...periodCosts(price, quantity, input.termMonths) };
          })()];
    const sums = recipients.reduce<PeriodCosts>((acc, r) => add(acc, r), ZERO);
    return { priceId: price.id, quantity: recipients.reduce((s, r) => s + r.quantity, 0), ...sums, recipients };
  });
  return { termMonths: input.termMonths, lines, totals: lines.reduce<PeriodCosts>((acc, l) => add(acc, l), ZERO) };
}
