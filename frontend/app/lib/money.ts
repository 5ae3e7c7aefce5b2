/**
 * Unit prices are integer hundredths of a penny (£1.26 = 12600; docs/decisions/011). Converted
 * on the decimal string, never by float multiplication: 0.017 * 10000 is 170.00000000000003.
 */
export function poundsToHundredthsOfPenny(text: string): number | null {
  const match = /^£?\s*(\d{1,9})(?:\.(\d{0,4}))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  return Number(whole) * 10000 + Number(fraction.padEnd(4, '0'));
}

/** 12600 → "1.26", 170 → "0.017", 5 → "0.0005": at least 2 decimals, at most 4, no float arithmetic. */
export function hundredthsOfPennyToPounds(value: number): string {
  const digits = String(Math.trunc(value)).padStart(5, '0');
  const whole = digits.slice(0, -4).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(-4).replace(/0+$/, '');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

export function formatUnitPrice(value: number): string {
  return `£${hundredthsOfPennyToPounds(value)}`;
}

/** Integer pence as pounds: 491904 → "£4,919.04" (integer arithmetic only; totals are pence, decision 004). */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? '−' : '';
  const abs = Math.abs(Math.trunc(pence));
  const p = abs % 100;
  return `${sign}£${((abs - p) / 100).toLocaleString('en-GB')}.${String(p).padStart(2, '0')}`;
}
