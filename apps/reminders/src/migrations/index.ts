import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/** In order; a migration never changes once it has landed. The service's own tables come with its issue. */
export const remindersMigrations = [
  auditLogMigration(REMINDERS_SCHEMA),
  messagingTablesMigration(REMINDERS_SCHEMA),
  idempotencyKeysMigration(REMINDERS_SCHEMA),
];
