import { Database } from '@careloop/persistence';
import { remindersMigrations } from '../../src/migrations';
import { REMINDERS_SCHEMA } from '../../src/reminders-schema';
import { remindersService } from '../../src/reminders.service';

const QUIET = { info: () => undefined, warn: () => undefined };

/**
 * Reminders' schema as it stood after `last` (one of remindersMigrations), for a migration spec to
 * put rows in the old shape; openRemindersSchema afterwards runs the rest.
 */
export function openRemindersSchemaUpTo(
  url: string,
  last: (typeof remindersMigrations)[number],
): Promise<Database> {
  const migrations = remindersMigrations.slice(0, remindersMigrations.indexOf(last) + 1);
  return Database.open({ url, logger: QUIET }, [{ schema: REMINDERS_SCHEMA, entities: [], migrations }]);
}

/** Reminders' schema fully migrated, in an existing database (after openRemindersSchemaUpTo). */
export function openRemindersSchema(url: string): Promise<Database> {
  return Database.open({ url, logger: QUIET }, [remindersService.database]);
}
