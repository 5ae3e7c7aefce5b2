import { data, redirect, type AppLoadContext } from 'react-router';
import { api, signInUrl, throwProblem } from './api/client.server';
import { readCookie } from './cookies.server';
import { env } from './env.server';
import type { ErrorPayload } from './api/problem';
import { toProblem } from './api/problem';
import type { Role, SessionView } from './api/types';

// React Router gives each loader its own copy of the Request, but one load context per request
// (server.mjs makes it): keyed on that, the root and route loaders ask the API once per request.
const perRequest = new WeakMap<object, Promise<SessionView | null>>();

/**
 * The signed-in user (GET /api/auth/session), or null when there is no valid session. Loaders pass
 * their `context` so one request asks the API only once; actions leave it out, so the loaders that
 * run after an action see what it changed.
 */
export function getSession(request: Request, context?: AppLoadContext): Promise<SessionView | null> {
  if (!context) return fetchSession(request);
  let pending = perRequest.get(context);
  if (!pending) {
    pending = fetchSession(request);
    perRequest.set(context, pending);
  }
  return pending;
}

async function fetchSession(request: Request): Promise<SessionView | null> {
  // No cookie, no session: skip the round trip for anonymous visitors.
  if (!readCookie(request, env().SESSION_COOKIE_NAME)) return null;
  const { data: session, error, response } = await api(request).GET('/api/auth/session');
  if (response.ok && session) return session;
  if (response.status === 401) return null;
  throwProblem(request, toProblem(error, response));
}

/**
 * The signed-in user, or a redirect to sign in (coming back here afterwards). With `roles`, a
 * user in any other role gets the 403 page.
 */
export async function requireUser(request: Request, roles?: readonly Role[] | null, context?: AppLoadContext): Promise<SessionView> {
  const session = await getSession(request, context);
  if (!session) throw redirect(signInUrl(request));
  if (roles && !roles.includes(session.role)) {
    throw data<ErrorPayload>({ message: 'This page is not available to your role.' }, { status: 403 });
  }
  return session;
}
