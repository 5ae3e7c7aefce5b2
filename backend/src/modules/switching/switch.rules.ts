/**
 * Switching rules that need no database: the earliest switch date, the proposed timeline and the
 * checks on dates a practice changes (docs/decisions/017-switch-dates.md). Pure, so unit-tested.
 */
import type { FieldError } from '../../core/errors/domain-error';
import { addDays, isCalendarDay } from '../ordering/order.rules';

/** Lead time assumed when the practice has no contract here (ODS data only): its terms are unknown. */
export const DEFAULT_LEAD_TIME_DAYS = 90;

export const STEP_KEYS = ['give_notice', 'order', 'data_migration', 'integrations', 'training', 'go_live', 'decommission'] as const;
export type StepKey = (typeof STEP_KEYS)[number];
export const STEP_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const STEP_TITLES: Record<StepKey, string> = {
  give_notice: 'Give notice on the current contract',
  order: 'Order the new system',
  data_migration: 'Migrate the data',
  integrations: 'Set up integrations (IM1, GP Connect)',
  training: 'Train staff',
  go_live: 'Go live',
  decommission: 'Decommission the old system',
};

/** Days from the switch date each step is proposed for (null: today). */
const OFFSETS: Record<StepKey, number | null> = {
  give_notice: null,
  order: null,
  data_migration: -30,
  integrations: -21,
  training: -14,
  go_live: 0,
  decommission: 30,
};

export interface CurrentContractTerms {
  /** The contract's last day in force. */
  endDate: string;
  noticePeriodDays: number;
  /** Already ending early on this day (the first day it is no longer in force), if scheduled. */
  terminationDate: string | null;
}

export interface EarliestSwitch {
  /** The first day the practice can be on the new system without the old contract still running. */
  switchDate: string;
  /**
   * The termination date to schedule on the old contract (the switch date), or null when none is
   * needed: the contract ends on its own (notice deadline passed) or is already ending.
   */
  terminationDate: string | null;
  basis: 'notice_period' | 'end_date' | 'already_ending' | 'default_lead_time';
  explanation: string;
}

/**
 * Earliest switch date. With a contract whose notice period is N days, notice given today ends it
 * on today + N (termination takes effect that day; at least tomorrow, as termination needs a future
 * date); if that is after its end date the contract simply runs to its end and the switch is the
 * day after: switch = min(max(today + N, today + 1), end + 1). A termination already scheduled
 * wins. Without a contract: today + the default lead time.
 */
export function earliestSwitch(today: string, contract: CurrentContractTerms | null): EarliestSwitch {
  if (!contract) {
    return {
      switchDate: addDays(today, DEFAULT_LEAD_TIME_DAYS),
      terminationDate: null,
      basis: 'default_lead_time',
      explanation: `There is no contract for your current system on the marketplace, so its notice period is not known. The plan assumes ${DEFAULT_LEAD_TIME_DAYS} days from today; check your existing contract's notice period and end date.`,
    };
  }
  const dayAfterEnd = addDays(contract.endDate, 1);
  if (contract.terminationDate && contract.terminationDate > today) {
    return {
      switchDate: contract.terminationDate < dayAfterEnd ? contract.terminationDate : dayAfterEnd,
      terminationDate: null,
      basis: 'already_ending',
      explanation: `The current contract is already ending on ${contract.terminationDate}, so the new system can take over from that day.`,
    };
  }
  const byNotice = addDays(today, Math.max(contract.noticePeriodDays, 1));
  if (byNotice < dayAfterEnd) {
    return {
      switchDate: byNotice,
      terminationDate: byNotice,
      basis: 'notice_period',
      explanation: `Notice given today (${contract.noticePeriodDays} days' notice) ends the current contract on ${byNotice}, before its end date (${contract.endDate}); the new system can take over from that day.`,
    };
  }
  return {
    switchDate: dayAfterEnd,
    terminationDate: null,
    basis: 'end_date',
    explanation: `The notice deadline has passed (or ${contract.noticePeriodDays} days' notice reaches beyond the end date), so the current contract runs to its end date (${contract.endDate}); the new system can take over the day after.`,
  };
}

export interface PlannedStep {
  key: StepKey;
  title: string;
  dueDate: string;
}

/** The proposed timeline: notice and order now, preparation before the switch, decommission after. */
export function proposeTimeline(today: string, switchDate: string, hasContract: boolean): PlannedStep[] {
  return STEP_KEYS.filter((key) => hasContract || key !== 'give_notice').map((key) => {
    const offset = OFFSETS[key];
    let due = offset === null ? today : addDays(switchDate, offset);
    if (due < today) due = today;
    return { key, title: STEP_TITLES[key], dueDate: due };
  });
}

export interface StepDates {
  key: StepKey;
  dueDate: string;
}

const MAX_YEARS_AHEAD = 10;

/**
 * Checks a whole timeline after a change: real dates; nothing more than ten years ahead; every step
 * before go-live on or before it, decommissioning on or after it; go-live not before the earliest
 * switch date unless the practice acknowledges paying for both systems meanwhile.
 */
export function timelineErrors(steps: StepDates[], earliestSwitchDate: string, today: string, acknowledgeOverlap: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const field = (key: StepKey) => `steps.${key}.dueDate`;
  const latest = addDays(today, 365 * MAX_YEARS_AHEAD);
  for (const s of steps) {
    if (!isCalendarDay(s.dueDate)) errors.push({ field: field(s.key), message: `${STEP_TITLES[s.key]}: enter a real date, like 2027-06-30` });
    else if (s.dueDate > latest) errors.push({ field: field(s.key), message: `${STEP_TITLES[s.key]}: the date must be within ${MAX_YEARS_AHEAD} years` });
  }
  if (errors.length) return errors;
  const goLive = steps.find((s) => s.key === 'go_live');
  if (!goLive) return errors;
  for (const s of steps) {
    if (s.key === 'go_live') continue;
    if (s.key === 'decommission') {
      if (s.dueDate < goLive.dueDate) errors.push({ field: field(s.key), message: `${STEP_TITLES[s.key]}: the date must be on or after go-live (${goLive.dueDate})` });
    } else if (s.dueDate > goLive.dueDate) {
      errors.push({ field: field(s.key), message: `${STEP_TITLES[s.key]}: the date must be on or before go-live (${goLive.dueDate})` });
    }
  }
  if (goLive.dueDate < earliestSwitchDate && !acknowledgeOverlap) {
    errors.push({
      field: field('go_live'),
      message: `Go live: the date is before the earliest switch date (${earliestSwitchDate}); confirm you will pay for both systems until then, or choose a later date`,
    });
  }
  return errors;
}

/** A plan's status from its steps: completed when every step is done, in progress once any has started. */
export function planStatus(statuses: StepStatus[], orderStarted: boolean): 'planned' | 'in_progress' | 'completed' {
  if (statuses.length && statuses.every((s) => s === 'done')) return 'completed';
  if (orderStarted || statuses.some((s) => s !== 'not_started')) return 'in_progress';
  return 'planned';
}
