/** A field-level problem, as shown next to the form field it belongs to. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Thrown by services for anything a user can cause. The code is stable (clients may branch on it);
 * the global filter turns it into RFC 9457 problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError(404, 'not-found', `${what} not found`, id ? `No ${what.toLowerCase()} with id ${id} is visible to you.` : undefined);

export const forbidden = (detail = 'You do not have permission to do this.') =>
  new DomainError(403, 'forbidden', 'Forbidden', detail);

export const unauthenticated = (detail = 'Sign in to continue.') =>
  new DomainError(401, 'unauthenticated', 'Not signed in', detail);

export const validationFailed = (errors: FieldError[], detail = 'Check the highlighted fields and try again.') =>
  new DomainError(400, 'validation-error', 'Your request has errors', detail, errors);

export const conflict = (code: string, detail: string) => new DomainError(409, code, 'Conflict', detail);
