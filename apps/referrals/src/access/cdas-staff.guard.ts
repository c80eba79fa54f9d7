import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { principalOf } from '@careloop/auth';

/**
 * Clients, their needs and recall are the drug service's own records: GP practice and hospital staff
 * never see them, whatever their roles (they see what booking shows them). Runs after the global
 * AuthGuard, which has verified the principal.
 */
@Injectable()
export class CdasStaffGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    if (principal?.orgKind !== 'cdas') {
      throw new ForbiddenException(
        'Client records are only available to staff of the drug and alcohol service',
      );
    }
    return true;
  }
}

/** May change a client's record, needs and checks. */
export const CDAS_WRITERS = ['drug_worker', 'nurse', 'clinician'] as const;
/** May read them. */
export const CDAS_READERS = [...CDAS_WRITERS, 'service_manager', 'admin'] as const;
