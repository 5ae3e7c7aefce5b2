import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, Role } from './roles';

export const PUBLIC_KEY = 'gpit:public';
export const ROLES_KEY = 'gpit:roles';
export const ADMIN_KEY = 'gpit:admin';

/** Open to anyone, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Who may call an endpoint. Every non-public endpoint must say; the guard refuses any that
 * does not (deny by default).
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const AnyRole = () => SetMetadata(ROLES_KEY, ['practice_manager', 'commissioner', 'vendor', 'operator']);

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<Request & { actor?: Actor }>().actor;
});
