import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { data } from 'react-router';
import { readCookie, serializeCookie } from './cookies.server';
import { env } from './env.server';

/**
 * Signed double-submit cookie (OWASP): the cookie holds a random token and an HMAC-SHA256 of it,
 * bound to the current session cookie; every form posts the token back in a hidden field. A
 * cross-site page can make the browser send the cookie but cannot read it to fill the field, and
 * cannot mint a cookie of its own without the secret.
 */
export const CSRF_FIELD = 'csrf';

// Development may run without a configured secret: tokens then last as long as the process.
const processSecret = randomBytes(32);

function secret(): Buffer | string {
  return env().SESSION_SECRET ?? processSecret;
}

function secure(): boolean {
  const { COOKIE_SECURE, NODE_ENV } = env();
  return COOKIE_SECURE ? COOKIE_SECURE === 'true' : NODE_ENV === 'production';
}

// The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
function cookieName(): string {
  return secure() ? '__Host-gpit_csrf' : 'gpit_csrf';
}

/** Ties a token to the session it was issued in, so a token from before sign-in stops working after it. */
function sessionBinding(request: Request): string {
  const session = readCookie(request, env().SESSION_COOKIE_NAME);
  return session ? createHash('sha256').update(session).digest('base64url') : 'anonymous';
}

function sign(token: string, binding: string): string {
  return createHmac('sha256', secret()).update(`gpit-csrf\n${binding}\n${token}`).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** The token in the request's CSRF cookie when its signature is valid for this session, else null. */
function tokenFromCookie(request: Request): string | null {
  const value = readCookie(request, cookieName());
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  return safeEqual(signature, sign(token, sessionBinding(request))) ? token : null;
}

/**
 * The token for this request's forms. Reuses a valid cookie; otherwise mints a token and returns
 * the Set-Cookie header the caller must send.
 */
export function issueCsrfToken(request: Request): { token: string; setCookie: string | null } {
  const existing = tokenFromCookie(request);
  if (existing) return { token: existing, setCookie: null };
  const token = randomBytes(24).toString('base64url');
  const setCookie = serializeCookie(cookieName(), `${token}.${sign(token, sessionBinding(request))}`, {
    httpOnly: true,
    secure: secure(),
    sameSite: 'Lax',
    path: '/',
  });
  return { token, setCookie };
}

/** First thing in every action: a 403 unless the form's token matches the signed cookie. */
export function validateCsrf(request: Request, formData: FormData): void {
  const expected = tokenFromCookie(request);
  const submitted = formData.get(CSRF_FIELD);
  if (!expected || typeof submitted !== 'string' || !safeEqual(submitted, expected)) {
    throw data(
      { message: 'This form has expired or did not come from this site. Go back, reload the page and try again.' },
      { status: 403, statusText: 'Forbidden' },
    );
  }
}

/** Reads the posted form and checks its CSRF token; use this at the top of every action. */
export async function readFormWithCsrf(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw data({ message: 'The form could not be read.' }, { status: 400, statusText: 'Bad Request' });
  }
  validateCsrf(request, formData);
  return formData;
}
