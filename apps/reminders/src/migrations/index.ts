import { auditLogMigration } from '@careloop/auth';
import { idempotencyKeysMigration } from '@careloop/http';
import { messagingTablesMigration } from '@careloop/messaging';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { CreateReminders1764400003000 } from './1764400003000-create-reminders';
import { ProviderLocationByOrganisation1764400003100 } from './1764400003100-provider-location-by-organisation';
import { AppointmentSessionCancelled1764400003200 } from './1764400003200-appointment-session-cancelled';
import { OfferedAppointments1764400003300 } from './1764400003300-offered-appointments';
import { RebooksAndDeliveryAnnouncements1764400003400 } from './1764400003400-rebooks-and-delivery-announcements';

/** In order; a migration never changes once it has landed. */
export const remindersMigrations = [
  auditLogMigration(REMINDERS_SCHEMA),
  messagingTablesMigration(REMINDERS_SCHEMA),
  idempotencyKeysMigration(REMINDERS_SCHEMA),
  CreateReminders1764400003000,
  ProviderLocationByOrganisation1764400003100,
  AppointmentSessionCancelled1764400003200,
  OfferedAppointments1764400003300,
  RebooksAndDeliveryAnnouncements1764400003400,
];
