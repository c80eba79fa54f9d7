import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { principalOf, type OrganisationKind } from '@careloop/auth';
import { audienceRefusal, REPORT_AUDIENCE_KEY } from './report-audience';
import { ReportSharingError } from './report-sharing.errors';

/**
 * Lets through only staff of the organisation kinds a route names with `@ReportAudience`; a route
 * naming none is the drug service's only. Runs after the global AuthGuard, which has verified the
 * principal and the roles.
 */
@Injectable()
export class ReportAudienceGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const audience = this.reflector.getAllAndOverride<OrganisationKind[] | undefined>(REPORT_AUDIENCE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]) ?? ['cdas'];
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    const refusal = audienceRefusal(principal?.orgKind, audience);
    if (refusal !== null) throw new ReportSharingError('NOT_FOR_YOUR_ORGANISATION', { detail: refusal });
    return true;
  }
}
