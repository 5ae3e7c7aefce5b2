import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DomainError, forbidden, unauthenticated } from '../errors/domain-error';
import { requestContext } from '../logging/logger';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { Actor, Role } from './roles';
import { SessionStore } from './session.store';
import { safeEqual } from './tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: resolves the session cookie, then applies the route's access rule.
 * Deny by default: a route must be @Public() or declare @Roles(...).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const token = req.cookies?.[this.config.sessionCookieName];
    if (typeof token === 'string' && token) {
      const actor = await this.sessions.resolve(token);
      if (actor) {
        req.actor = actor;
        const ctx = requestContext.getStore();
        if (ctx) ctx.userId = actor.userId;
      }
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!req.actor) throw unauthenticated();
    // A cookie rides along on cross-site requests; the CSRF token (only our own pages know it) does not.
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.get('x-csrf-token') ?? '';
      if (!safeEqual(header, req.actor.csrfToken)) {
        throw new DomainError(403, 'csrf-failed', 'Forbidden', 'The form has expired or did not come from this site. Reload the page and try again.');
      }
    }
    if (!roles) throw forbidden('This endpoint has no access rule.');
    if (!roles.includes(req.actor.role)) throw forbidden();
    return true;
  }
}
