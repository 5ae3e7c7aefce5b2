import createClient from 'openapi-fetch';
import { data, redirect } from 'react-router';
import { env } from '../env.server';
import type { ErrorPayload, Problem } from './problem';
import { toProblem } from './problem';
import type { paths } from './schema';

export type Api = ReturnType<typeof createClient<paths>>;

const API_TIMEOUT_MS = 15_000;

/**
 * The typed API client for one incoming request (server side only). It forwards the browser's
 * cookies (so the API sees the same session), X-Forwarded-For (so rate limits and the audit log
 * see the real client; server.mjs appends the socket address) and the request id, and, for
 * writes, the session's CSRF token the API requires.
 */
export function api(request: Request, opts: { csrfToken?: string } = {}): Api {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const cookie = request.headers.get('Cookie');
  if (cookie) headers.Cookie = cookie;
  const forwardedFor = request.headers.get('X-Forwarded-For');
  if (forwardedFor) headers['X-Forwarded-For'] = forwardedFor;
  const requestId = request.headers.get('X-Request-Id');
  if (requestId) headers['X-Request-Id'] = requestId;
  const userAgent = request.headers.get('User-Agent');
  if (userAgent) headers['User-Agent'] = userAgent;
  if (opts.csrfToken) headers['X-CSRF-Token'] = opts.csrfToken;

  // Give up when the browser goes away or the API hangs, rather than holding the page open.
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(API_TIMEOUT_MS)]);
  return createClient<paths>({
    baseUrl: env().API_URL,
    headers,
    fetch: async (input) => {
      try {
        return await fetch(input, { signal });
      } catch (e) {
        if (request.signal.aborted) throw e;
        console.error(JSON.stringify({ level: 'error', msg: 'API unreachable', url: input.url, error: e instanceof Error ? e.message : String(e) }));
        throw data<ErrorPayload>({ message: 'The service is not available at the moment. Try again in a few minutes.' }, { status: 503 });
      }
    },
  });
}

/** An openapi-fetch result: `data` on success, `error` otherwise. */
type Result = { data?: unknown; error?: unknown; response: Response };
type Data<R extends Result> = NonNullable<R['data']>;

/** The data of a successful call, or the problem a failed one returned (for a form to show field by field). */
export async function attempt<R extends Result>(
  call: Promise<R>,
): Promise<{ ok: true; data: Data<R>; response: Response } | { ok: false; problem: Problem; response: Response }> {
  const result = await call;
  if (result.response.ok) return { ok: true, data: result.data as Data<R>, response: result.response };
  return { ok: false, problem: toProblem(result.error, result.response), response: result.response };
}

/**
 * The data of a successful call; anything else goes to the error boundary with the API's status
 * (401 sends the user to sign in, then back here).
 */
export async function ok<R extends Result>(request: Request, call: Promise<R>): Promise<Data<R>> {
  const result = await attempt(call);
  if (result.ok) return result.data;
  throwProblem(request, result.problem);
}

export function throwProblem(request: Request, problem: Problem): never {
  if (problem.status === 401) throw redirect(signInUrl(request));
  const status = problem.status >= 400 && problem.status < 600 ? problem.status : 502;
  if (status >= 500) console.error(JSON.stringify({ level: 'error', msg: 'API error', status, code: problem.code, requestId: problem.requestId }));
  throw data<ErrorPayload>({ message: status >= 500 ? undefined : problem.detail, requestId: problem.requestId }, { status });
}

export function signInUrl(request: Request): string {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return back === '/' ? '/sign-in' : `/sign-in?redirectTo=${encodeURIComponent(back)}`;
}

/** Set-Cookie headers from an API response, to pass on to the browser. */
export function forwardCookies(response: Response, headers = new Headers()): Headers {
  for (const cookie of response.headers.getSetCookie()) headers.append('Set-Cookie', cookie);
  return headers;
}
