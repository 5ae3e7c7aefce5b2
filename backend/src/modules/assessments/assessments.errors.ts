import { DomainError } from '../../core/errors/domain-error';

/** Stable codes of the assessments area's own errors (problem+json `code`). */
export enum AssessmentsErrorCode {
  /** A result for a capability or epic the item does not claim. */
  NotClaimed = 'not-claimed',
}

export const notClaimed = (detail: string) => new DomainError(409, AssessmentsErrorCode.NotClaimed, 'Not claimed', detail);
