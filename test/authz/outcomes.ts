import type { Role } from './fixtures';

/**
 * What a request is expected to meet.
 * - ok: 2xx.
 * - allowed: got past authorisation — 2xx, or refused by validation or state (400, 409, 422). Used
 *   for writes, which the matrix sends with an empty body.
 * - invalid: exactly 400 (e.g. a webhook without a valid signature: 2xx would be a hole).
 * - unauthenticated: 401. forbidden: 403. not-found: 404 (the resource is hidden from this user).
 * - unavailable: 503 (a feature switched off in tests, e.g. payments without Stripe).
 */
export type Outcome = 'ok' | 'allowed' | 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'unavailable';

/** One outcome for both cases, or [own organisation, other organisation]. */
export type Cell = Outcome | readonly [own: Outcome, other: Outcome];

export interface Expectation {
  anonymous: Outcome;
  practiceManager: Cell;
  commissioner: Cell;
  vendor: Cell;
  operator: Cell;
  /** Responses are public data (catalogue, reference data, open data): no leak scan. */
  public?: true;
  /** Why the leak scan is off for this operation although it is not public. */
  leakExempt?: string;
  why?: string;
}

export function matches(outcome: Outcome, status: number): boolean {
  switch (outcome) {
    case 'ok':
      return status >= 200 && status < 300;
    case 'allowed':
      return (status >= 200 && status < 300) || status === 400 || status === 409 || status === 422;
    case 'invalid':
      return status === 400;
    case 'unauthenticated':
      return status === 401;
    case 'forbidden':
      return status === 403;
    case 'not-found':
      return status === 404;
    case 'unavailable':
      return status === 503;
  }
}

/** The narrowest outcome a status belongs to (record mode). */
export function classify(status: number): string {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 400 || status === 409 || status === 422) return 'allowed';
  return ({ 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 503: 'unavailable' } as Record<number, string>)[status] ?? `status-${status}`;
}

export function cellFor(e: Expectation, role: Role, side: 'own' | 'other'): Outcome {
  const c = e[role];
  return typeof c === 'string' ? c : c[side === 'own' ? 0 : 1];
}
