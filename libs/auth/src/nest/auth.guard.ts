import {
  ForbiddenException,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { extractBearerToken } from '../bearer-token';
import { hasAnyRole, type Principal } from '../principal';
import type { Role } from '../roles';
import { KeySetUnavailableError, TokenRejectedError } from '../token-rejected.error';
import { TokenVerifier } from '../token-verifier';
import { IS_PUBLIC_KEY } from './public.decorator';
import { attachPrincipal } from './request-principal';
import { REQUIRED_ROLES_KEY } from './roles.decorator';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}

interface HttpResponse {
  setHeader(name: string, value: string): unknown;
}

/**
 * Registered globally by AuthModule: every HTTP route needs a valid bearer token unless it is
 * `@Public()`, and the roles named by `@Roles()`. Other transports (Kafka consumers) are trusted at
 * the transport and pass through.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    let principal: Principal;
    try {
      principal = await this.verifier.verify(extractBearerToken(request.headers.authorization));
    } catch (err) {
      if (err instanceof TokenRejectedError) {
        http.getResponse<HttpResponse>().setHeader('WWW-Authenticate', bearerChallenge(err));
        throw new UnauthorizedException(err.message, { cause: err });
      }
      if (err instanceof KeySetUnavailableError)
        throw new ServiceUnavailableException(err.message, { cause: err });
      throw err;
    }
    attachPrincipal(request, principal);

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES_KEY, targets) ?? [];
    if (!hasAnyRole(principal, required)) {
      throw new ForbiddenException(`This needs one of these roles: ${required.join(', ')}`);
    }
    return true;
  }
}

/** RFC 6750 section 3: no error code when the request carried no credentials at all. */
function bearerChallenge(err: TokenRejectedError): string {
  if (err.reason === 'missing') return 'Bearer realm="careloop"';
  return `Bearer realm="careloop", error="invalid_token", error_description="${err.message.replace(/["\\]/g, '')}"`;
}
