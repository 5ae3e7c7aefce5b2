import type { ListingPrice } from '../catalogue/listing';

/** 12600 hundredths of a penny → "£1.26"; 170 → "£0.017" (list prices go to four decimal places). */
export function formatPounds(hundredthsOfPenny: number): string {
  const negative = hundredthsOfPenny < 0;
  const abs = Math.abs(hundredthsOfPenny);
  const pounds = Math.floor(abs / 10000);
  let fraction = String(abs % 10000).padStart(4, '0');
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}£${pounds.toLocaleString('en-GB')}.${fraction}`;
}

const PERIOD: Record<string, string> = { month: ' per month', year: ' per year', one_off: ' one-off' };

const withUnit = (unit: string) => (unit ? ` ${unit.startsWith('per ') ? unit : `per ${unit}`}` : '');

/** A price as people read it: "£1.26 per patient per year", or the tiers in order. */
export function formatPrice(p: Pick<ListingPrice, 'tiers' | 'unit' | 'billingPeriod'>): string {
  const suffix = `${withUnit(p.unit)}${PERIOD[p.billingPeriod] ?? ''}`;
  if (p.tiers.length === 1) return `${formatPounds(p.tiers[0].priceHundredthsOfPenny)}${suffix}`;
  const range = (t: { from: number; to: number | null }) =>
    t.to === null ? `${t.from.toLocaleString('en-GB')} and over` : `${t.from.toLocaleString('en-GB')} to ${t.to.toLocaleString('en-GB')}`;
  return p.tiers.map((t) => `${range(t)}: ${formatPounds(t.priceHundredthsOfPenny)}${suffix}`).join('; ');
}
