import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { principalOf } from '@careloop/auth';

/**
 * In-reach clinics are run in a drug and alcohol service's (CDAS) own buildings, for its clients: only
 * CDAS staff set them up or read them, whatever their roles. Runs after the global AuthGuard.
 */
@Injectable()
export class CdasStaffOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    if (principal?.orgKind !== 'cdas') {
      throw new ForbiddenException(
        'In-reach clinics are managed by the drug and alcohol service hosting them',
      );
    }
    return true;
  }
}
