import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rebooks after a miss, and reminder.delivered.v1 for every delivered text:
 * - appointment.referral_id: the referral it was booked for (booking's events carry it; NULL for one
 *   booked outside any referral). Existing rows stay NULL until their attendance is recorded, which
 *   fills it in: only a missed appointment's text needs it, and that is planned when the attendance
 *   arrives.
 * - appointment.booked_at: when it was booked (the booked event, or the offer taken), so a miss can
 *   tell a rebook made after it from the client's next appointment booked long before. NULL for
 *   offers not taken and for appointments booked before this migration: not known to be rebooks.
 * - sms_message.delivery_announced: whether reminder.delivered.v1 went out for the text. Set in the
 *   statement that makes a text delivered, next to its event; false for every existing text, so the
 *   texts delivered before reminders raised the event (and any an older process still running
 *   delivers) are announced when reminders next starts (AnnounceEarlierDeliveries). Only a delivered
 *   text is ever announced; the partial index finds those still to announce, and is empty otherwise.
 */
export class RebooksAndDeliveryAnnouncements1764400003400 implements MigrationInterface {
  name = 'RebooksAndDeliveryAnnouncements1764400003400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reminders"."appointment"
      ADD COLUMN "referral_id" uuid,
      ADD COLUMN "booked_at" timestamptz`);
    await q.query(`ALTER TABLE "reminders"."sms_message"
      ADD COLUMN "delivery_announced" boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT "sms_message_announced_delivered"
        CHECK (NOT "delivery_announced" OR "status" = 'delivered')`);
    await q.query(`CREATE INDEX "sms_message_delivery_unannounced_idx"
      ON "reminders"."sms_message" ("status_updated_at", "id")
      WHERE "status" = 'delivered' AND NOT "delivery_announced"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "reminders"."sms_message_delivery_unannounced_idx"`);
    await q.query(`ALTER TABLE "reminders"."sms_message"
      DROP CONSTRAINT "sms_message_announced_delivered",
      DROP COLUMN "delivery_announced"`);
    await q.query(`ALTER TABLE "reminders"."appointment" DROP COLUMN "booked_at", DROP COLUMN "referral_id"`);
  }
}
