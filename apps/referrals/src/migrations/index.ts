import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';
import { CreateReferrals1764400001000 } from './1764400001000-create-referrals';

/** In order; a migration never changes once it has landed. */
export const referralsMigrations = [
  auditLogMigration('referrals'),
  messagingTablesMigration('referrals'),
  idempotencyKeysMigration('referrals'),
  CreateReferrals1764400001000,
];
