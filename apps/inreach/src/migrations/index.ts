import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';

/** In order; a migration never changes once it has landed. The service's own tables come with its issue. */
export const inreachMigrations = [
  auditLogMigration(INREACH_SCHEMA),
  messagingTablesMigration(INREACH_SCHEMA),
  idempotencyKeysMigration(INREACH_SCHEMA),
];
