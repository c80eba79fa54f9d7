import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';

/** In order; a migration never changes once it has landed. The service's own tables come with its issue. */
export const inreachMigrations = [
  auditLogMigration('inreach'),
  messagingTablesMigration('inreach'),
  idempotencyKeysMigration('inreach'),
];
