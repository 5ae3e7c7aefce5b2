/**
 * A framework round's lifecycle (after the UK Digital Marketplace's framework statuses):
 *   coming (suppliers register interest) → open (applications) → pending (closed, being evaluated)
 *   → standstill (results out, agreements signed) → live (buyable) → expired.
 * It only moves forward. Each step has a date; a daily job moves rounds on their dates and the
 * operator can force a step early. Only live frameworks can be ordered from.
 */
export const FRAMEWORK_STATUSES = ['coming', 'open', 'pending', 'standstill', 'live', 'expired'] as const;
export type FrameworkStatus = (typeof FRAMEWORK_STATUSES)[number];

export interface RoundDates {
  interestFrom: string | null;
  opensOn: string;
  closesOn: string;
  resultsOn: string;
  liveOn: string;
  expiresOn: string;
}

/** The status a round should have on `today` (YYYY-MM-DD, London) from its dates alone. */
export function statusOn(d: RoundDates, today: string): FrameworkStatus {
  if (today >= d.expiresOn) return 'expired';
  if (today >= d.liveOn) return 'live';
  if (today >= d.resultsOn) return 'standstill';
  if (today >= d.closesOn) return 'pending';
  if (today >= d.opensOn) return 'open';
  return 'coming';
}

export const statusIndex = (s: FrameworkStatus) => FRAMEWORK_STATUSES.indexOf(s);

/** The steps from one status to a later one, each a transition of its own (so each is audited and its side effects run). */
export function stepsBetween(from: FrameworkStatus, to: FrameworkStatus): FrameworkStatus[] {
  const a = statusIndex(from);
  const b = statusIndex(to);
  return b > a ? FRAMEWORK_STATUSES.slice(a + 1, b + 1) : [];
}

/** Problems with a round's dates, as field errors (`dates.closesOn`). */
export function dateProblems(d: RoundDates): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (d.interestFrom && d.interestFrom > d.opensOn) out.push({ field: 'dates.interestFrom', message: 'Interest must open on or before the round opens' });
  if (d.closesOn <= d.opensOn) out.push({ field: 'dates.closesOn', message: 'The round must close after it opens' });
  if (d.resultsOn < d.closesOn) out.push({ field: 'dates.resultsOn', message: 'Results must come on or after the closing date' });
  if (d.liveOn < d.resultsOn) out.push({ field: 'dates.liveOn', message: 'The framework must go live on or after the results date' });
  if (d.expiresOn <= d.liveOn) out.push({ field: 'dates.expiresOn', message: 'The framework must expire after it goes live' });
  return out;
}

export function todayInLondon(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
