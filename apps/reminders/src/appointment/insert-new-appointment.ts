import type { EntityManager } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import type { ReminderAppointment } from './reminder-appointment.entity';

/**
 * Keeps an appointment reminders did not know yet, in the caller's transaction: true when it was new.
 * An appointment already known (the same event delivered again, or an offer's hold before its
 * booking) is left as it is and answers false, so the caller can tell news from what it has seen.
 */
export async function insertNewAppointment(
  manager: EntityManager,
  appointment: ReminderAppointment,
): Promise<boolean> {
  const inserted = (await manager.query(
    `INSERT INTO "${REMINDERS_SCHEMA}"."appointment" ("appointment_id", "org_id", "client_id", "status",
       "starts_at", "location", "provider_org_id", "provider_name", "service_type", "version",
       "offer_id", "offer_expires_at", "last_event_at", "referral_id", "booked_at")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT ("appointment_id") DO NOTHING
     RETURNING "appointment_id"`,
    [
      appointment.appointmentId,
      appointment.orgId,
      appointment.clientId,
      appointment.status,
      appointment.startsAt,
      appointment.location,
      appointment.providerOrgId,
      appointment.providerName,
      appointment.serviceType,
      appointment.version,
      // Unset on an appointment that was not offered.
      appointment.offerId ?? null,
      appointment.offerExpiresAt ?? null,
      appointment.lastEventAt,
      appointment.referralId,
      // Unset on an offer, booked only once taken.
      appointment.bookedAt ?? null,
    ],
  )) as unknown[];
  return inserted.length === 1;
}
