import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { principalOf } from '@careloop/auth';

/**
 * Reminders are the drug service's own: texts go to its clients. Staff of GP practices and hospitals
 * never set their wording nor see them (the development inbox), whatever their roles. Runs after the
 * global AuthGuard.
 */
@Injectable()
export class CdasOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    if (principal?.orgKind !== 'cdas') {
      throw new ForbiddenException('Reminders are managed by the drug and alcohol service for its clients');
    }
    return true;
  }
}

/** Who sets how the service's texts are worded: its managers and administrators. */
export const WORDING_MANAGERS = ['service_manager', 'admin'] as const;
