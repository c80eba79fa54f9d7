import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';
import { CreateInreachSessions1764400004000 } from './1764400004000-create-inreach-sessions';
import { CreateDaySheetTables1764400004100 } from './1764400004100-create-day-sheet-tables';
import { CreateWaitingListsAndOffers1764400004200 } from './1764400004200-create-waiting-lists-and-offers';

/** In order; a migration never changes once it has landed. */
export const inreachMigrations = [
  auditLogMigration(INREACH_SCHEMA),
  messagingTablesMigration(INREACH_SCHEMA),
  idempotencyKeysMigration(INREACH_SCHEMA),
  CreateInreachSessions1764400004000,
  CreateDaySheetTables1764400004100,
  CreateWaitingListsAndOffers1764400004200,
];
