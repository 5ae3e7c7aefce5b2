import type { Response } from 'express';
import type { AppConfig } from '../../core/config/config';

/** The session cookie: HTTP-only, SameSite=Lax, Secure outside development. */
export function setSessionCookie(res: Response, config: AppConfig, token: string, expiresAt: Date) {
  res.cookie(config.sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(res: Response, config: AppConfig) {
  res.clearCookie(config.sessionCookieName, { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' });
}
