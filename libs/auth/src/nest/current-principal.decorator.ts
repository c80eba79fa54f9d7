import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../principal';
import { principalOf } from './request-principal';

/** Injects the verified {@link Principal} into a handler parameter. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    // Only reachable when a route is both @Public() and asks who is calling: a programming error, so a 500.
    if (!principal)
      throw new Error('@CurrentPrincipal() needs an authenticated route; remove @Public() or the parameter');
    return principal;
  },
);
