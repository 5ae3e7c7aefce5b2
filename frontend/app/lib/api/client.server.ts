import http from 'node:http';
import https from 'node:https';
import createClient from 'openapi-fetch';
import { data, redirect } from 'react-router';
import { env } from '../env.server';
import type { ErrorPayload, Problem } from './problem';
import { toProblem } from './problem';
import type { paths } from './schema';

export type Api = ReturnType<typeof createClient<paths>>;

const API_TIMEOUT_MS = 15_000;

// Kept-alive connections to the API. node:http costs about half the CPU per call of the global
// fetch (undici's WHATWG layers), which every page pays at least once.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/**
 * The request openapi-fetch built, sent with node:http; the whole answer is read before it
 * resolves. Rejects with the signal's reason when `signal` aborts (the browser went away), and
 * with a timeout error after API_TIMEOUT_MS.
 */
async function send(input: Request, signal: AbortSignal): Promise<Response> {
  const url = new URL(input.url);
  const body = input.method === 'GET' || input.method === 'HEAD' ? null : Buffer.from(await input.arrayBuffer());
  const headers: Record<string, string> = {};
  input.headers.forEach((value, name) => (headers[name] = value));
  if (body) headers['content-length'] = String(body.length);
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, { method: input.method, headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        done();
        const status = res.statusCode ?? 502;
        const responseHeaders = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const empty = input.method === 'HEAD' || status === 204 || status === 205 || status === 304;
        resolve(new Response(empty ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: responseHeaders }));
      });
    });
    const timer = setTimeout(() => fail(new Error(`no answer from the API within ${API_TIMEOUT_MS} ms`)), API_TIMEOUT_MS);
    const onAbort = () => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
    function fail(e: unknown) {
      done();
      req.destroy();
      reject(e);
    }
    req.on('error', fail);
    req.end(body ?? undefined);
  });
}

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

  return createClient<paths>({
    baseUrl: env().API_URL,
    headers,
    fetch: async (input) => {
      try {
        // Give up when the browser goes away or the API hangs, rather than holding the page open.
        return await send(input, request.signal);
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
