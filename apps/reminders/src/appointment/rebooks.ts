import type { EntityManager } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';

const APPOINTMENT = `"${REMINDERS_SCHEMA}"."appointment"`;

/**
 * The one rule for when a booking is the client's rebook after missed appointment `m`, so that miss's
 * "sorry we missed you, reply to rebook" has nothing left to offer, whichever of booking's events
 * comes first (they are keyed by appointment id, so either can: the keyworker often rebooks when the
 * client rings that evening, the clinic records the miss next morning). SQL over two rows of
 * reminders.appointment, `m` the miss and `b` the booking:
 * - the same client's, another appointment, not cancelled;
 * - booked after `m` started: one booked earlier is just the client's next appointment;
 * - for the same referral, or either outside any referral. A client can be referred to several
 *   services, and booking one does not replace an assessment missed for another; but a booking or a
 *   miss for no referral cannot say what it stands for, and a confirmation beside "reply to rebook"
 *   would leave the client unsure which holds.
 */
const REBOOK_OF_MISSED = `b."client_id" = m."client_id" AND b."appointment_id" <> m."appointment_id"
  AND b."status" <> 'cancelled' AND b."booked_at" > m."starts_at"
  AND (m."referral_id" IS NULL OR b."referral_id" IS NULL OR b."referral_id" = m."referral_id")`;

export const rebooks = {
  /**
   * Applies one client's bookings and attendance one at a time, until the caller's transaction ends.
   * Without it a booking and a miss committed together would each miss the other: the miss plans its
   * text before the booking is visible, the booking ends texts before that one exists.
   */
  async lockClient(manager: EntityManager, clientId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `reminders.bookings:${clientId}`,
    ]);
  },

  /** Whether the client already has a rebook of missed appointment `missedId`. */
  async existFor(manager: EntityManager, missedId: string): Promise<boolean> {
    const found = (await manager.query(
      `SELECT 1 FROM ${APPOINTMENT} m JOIN ${APPOINTMENT} b ON ${REBOOK_OF_MISSED}
        WHERE m."appointment_id" = $1 LIMIT 1`,
      [missedId],
    )) as unknown[];
    return found.length > 0;
  },

  /** SQL: the ids of the missed appointments that booking `bookingParam` (e.g. `$4`) is a rebook of. */
  missedBefore(bookingParam: string): string {
    return `SELECT m."appointment_id" FROM ${APPOINTMENT} b JOIN ${APPOINTMENT} m ON ${REBOOK_OF_MISSED}
             WHERE b."appointment_id" = ${bookingParam}`;
  },
};
