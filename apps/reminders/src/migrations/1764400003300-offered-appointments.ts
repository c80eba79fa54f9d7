import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-reach offers: a seat held for an offer is kept as an appointment 'offered' (its one text is the
 * offer) until it is booked or its hold ends ('offer_ended'). The offer's id and expiry are kept with
 * it: the text says "reply by" the expiry, and is not sent once it has passed. Both are set together,
 * and always for the two offer statuses; a booked offer keeps them. No existing row is an offer.
 */
export class OfferedAppointments1764400003300 implements MigrationInterface {
  name = 'OfferedAppointments1764400003300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reminders"."appointment"
      ADD COLUMN "offer_id" uuid,
      ADD COLUMN "offer_expires_at" timestamptz,
      DROP CONSTRAINT "appointment_status",
      ADD CONSTRAINT "appointment_status"
        CHECK ("status" IN ('offered', 'booked', 'cancelled', 'attended', 'missed', 'offer_ended')),
      ADD CONSTRAINT "appointment_offer_whole" CHECK (("offer_id" IS NULL) = ("offer_expires_at" IS NULL)),
      ADD CONSTRAINT "appointment_offer_status"
        CHECK ("status" NOT IN ('offered', 'offer_ended') OR "offer_id" IS NOT NULL)`);
  }

  /**
   * Without offers, an offer still open or ended becomes 'cancelled' (nothing was booked; its
   * scheduled text is cancelled too); a booked offer stays booked and loses only its offer id and expiry.
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "reminders"."reminder" r SET "status" = 'cancelled', "status_reason" = 'offer_ended',
        "updated_at" = now()
      FROM "reminders"."appointment" a
     WHERE a."appointment_id" = r."appointment_id" AND a."status" = 'offered' AND r."status" = 'scheduled'`);
    await q.query(`UPDATE "reminders"."appointment" SET "status" = 'cancelled'
      WHERE "status" IN ('offered', 'offer_ended')`);
    await q.query(`ALTER TABLE "reminders"."appointment"
      DROP CONSTRAINT "appointment_offer_status",
      DROP CONSTRAINT "appointment_offer_whole",
      DROP CONSTRAINT "appointment_status",
      ADD CONSTRAINT "appointment_status" CHECK ("status" IN ('booked', 'cancelled', 'attended', 'missed')),
      DROP COLUMN "offer_expires_at",
      DROP COLUMN "offer_id"`);
  }
}
