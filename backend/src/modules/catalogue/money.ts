/**
 * Pounds (as written in a price list, e.g. "0.017" or 1.26) to integer hundredths of a penny
 * (docs/decisions/011). Done on the decimal string, never by float multiplication: 0.017 * 10000
 * is 170.00000000000003 in floating point.
 */
export function poundsToHundredthsOfPenny(pounds: number | string): number {
  const text = typeof pounds === 'number' ? numberToPlainString(pounds) : pounds.trim();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new Error(`Not a price in pounds: ${JSON.stringify(pounds)}`);
  const [, whole, fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > 4) throw new Error(`Price ${text} has more than four decimal places of a pound`);
  return Number(whole) * 10000 + Number(fraction.padEnd(4, '0').slice(0, 4));
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n) || n < 0) throw new Error(`Not a price in pounds: ${n}`);
  // Shortest round-trip representation; toFixed avoids exponent notation for tiny values (1e-7).
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(10) : s;
}
