import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';
import { CreateReferralAwaitingBooking1764400002000 } from './1764400002000-create-referral-awaiting-booking';

/** In order; a migration never changes once it has landed. */
export const bookingMigrations = [
  auditLogMigration('booking'),
  messagingTablesMigration('booking'),
  idempotencyKeysMigration('booking'),
  CreateReferralAwaitingBooking1764400002000,
];
