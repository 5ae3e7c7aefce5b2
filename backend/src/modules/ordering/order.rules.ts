/**
 * Ordering rules that need no database: order numbers, calendar arithmetic on YYYY-MM-DD days and
 * the commencement/term checks of product.md §4. Pure, so every edge is unit-tested.
 */
import type { FieldError } from '../../core/errors/domain-error';

/** How far in the past an order may commence (product.md §4). */
export const MAX_MONTHS_IN_PAST = 3;

/** `C000123-01`: the call-off number and the revision after the dash. */
export function formatOrderNumber(number: number, revision: number): string {
  return `C${String(number).padStart(6, '0')}-${String(revision).padStart(2, '0')}`;
}

export const ORDER_NUMBER_PATTERN = /^C(\d{6})-(\d{2})$/;

export function parseOrderNumber(text: string): { number: number; revision: number } | null {
  const m = ORDER_NUMBER_PATTERN.exec(text);
  if (!m) return null;
  const number = Number(m[1]);
  const revision = Number(m[2]);
  return number >= 1 && revision >= 1 ? { number, revision } : null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (rejects 2026-02-30). */
export function isCalendarDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function toUtc(day: string): Date {
  if (!isCalendarDay(day)) throw new Error(`Not a calendar day: ${day}`);
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Calendar months later (or earlier), clamped to the month's last day: 31 Jan + 1 month = 28/29 Feb. */
export function addMonths(day: string, months: number): string {
  const d = toUtc(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return fromUtc(target);
}

export function addDays(day: string, days: number): string {
  const d = toUtc(day);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

// Building a DateTimeFormat is costly (time zone data); one serves every call.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in England (contracts and notice deadlines are UK calendar days). */
export function todayInLondon(now: Date = new Date()): string {
  return LONDON_DAY.format(now);
}

/** The same day in SQL, for statements that compare against today (contract status). */
export const LONDON_TODAY = `(now() AT TIME ZONE 'Europe/London')::date`;

export interface TermInput {
  commencementDate: string;
  initialPeriodMonths: number;
  maximumTermMonths: number;
}

/**
 * Commencement at most 3 months in the past; maximum term within the framework's maximum and longer
 * than the initial period (product.md §4). Field names match the term step's request body.
 */
export function termErrors(term: TermInput, frameworkMaximumMonths: number, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDay(term.commencementDate)) {
    errors.push({ field: 'commencementDate', message: 'Enter a real date, like 2027-04-01' });
  } else {
    const earliest = addMonths(today, -MAX_MONTHS_IN_PAST);
    if (term.commencementDate < earliest) {
      errors.push({ field: 'commencementDate', message: `Commencement date must be no more than ${MAX_MONTHS_IN_PAST} months in the past (on or after ${earliest})` });
    }
  }
  if (term.maximumTermMonths > frameworkMaximumMonths) {
    errors.push({ field: 'maximumTermMonths', message: `Maximum term must be ${frameworkMaximumMonths} months or less (the framework's maximum)` });
  }
  if (term.maximumTermMonths <= term.initialPeriodMonths) {
    errors.push({ field: 'maximumTermMonths', message: 'Maximum term must be longer than the initial period' });
  }
  return errors;
}

export interface ContractDates {
  startDate: string;
  /** The last day of the contract: commencement + maximum term, less one day. */
  endDate: string;
  /** The last day to give notice so the contract ends on its end date: end date − notice period. */
  noticeDeadline: string;
}

export function contractDates(commencementDate: string, maximumTermMonths: number, noticePeriodDays: number): ContractDates {
  const endDate = addDays(addMonths(commencementDate, maximumTermMonths), -1);
  return { startDate: commencementDate, endDate, noticeDeadline: addDays(endDate, -noticePeriodDays) };
}
