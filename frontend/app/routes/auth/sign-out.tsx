import { redirect } from 'react-router';
import { api, forwardCookies } from '~/lib/api/client.server';
import { serializeCookie } from '~/lib/cookies.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { env } from '~/lib/env.server';
import { getSession } from '~/lib/session.server';
import type { Route } from './+types/sign-out';

// Signing out changes state, so it is a POST from the header's button; a visit just goes home.
export function loader() {
  return redirect('/');
}

export async function action({ request }: Route.ActionArgs) {
  await readFormWithCsrf(request);
  const session = await getSession(request);
  const headers = new Headers();
  if (session) {
    const { response } = await api(request, { csrfToken: session.csrfToken }).POST('/api/auth/sign-out');
    forwardCookies(response, headers);
  }
  // Clear the cookie ourselves too, in case the API's session had already ended.
  if (!headers.has('Set-Cookie')) {
    headers.append(
      'Set-Cookie',
      serializeCookie(env().SESSION_COOKIE_NAME, '', { httpOnly: true, secure: env().NODE_ENV === 'production', sameSite: 'Lax', path: '/', maxAge: 0 }),
    );
  }
  return redirect('/?signedOut=1', { headers });
}
