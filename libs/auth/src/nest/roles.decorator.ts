import { SetMetadata } from '@nestjs/common';
import type { Role } from '../roles';

export const REQUIRED_ROLES_KEY = 'careloop:auth:roles';

/**
 * The caller must hold at least one of these roles (403 otherwise). On a method it replaces the
 * controller's list. `admin` is not a super-role: name it where it is meant.
 */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES_KEY, roles);
