/** RFC 9457 problem details as the API sends them (see backend/src/core/errors). */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { field: string; message: string }[];
  requestId?: string;
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).status === 'number' && typeof (value as Problem).code === 'string';
}

/** Whatever came back from a failed call, as a problem (a proxy's HTML error page included). */
export function toProblem(error: unknown, response: Response): Problem {
  if (isProblem(error)) return error;
  return { status: response.status, code: 'unexpected-response', title: response.statusText || 'Unexpected response from the API' };
}

/** What the error boundary shows: a message, and a reference for the service desk. */
export interface ErrorPayload {
  message?: string;
  requestId?: string;
}
