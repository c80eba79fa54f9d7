import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { CreateReferrals1764400001000 } from './1764400001000-create-referrals';
import { CreateClients1764400001100 } from './1764400001100-create-clients';
import { CreateNeedsAndRecall1764400001200 } from './1764400001200-create-needs-and-recall';

/** In order; a migration never changes once it has landed. */
export const referralsMigrations = [
  auditLogMigration(REFERRALS_SCHEMA),
  messagingTablesMigration(REFERRALS_SCHEMA),
  idempotencyKeysMigration(REFERRALS_SCHEMA),
  CreateReferrals1764400001000,
  CreateClients1764400001100,
  CreateNeedsAndRecall1764400001200,
];
