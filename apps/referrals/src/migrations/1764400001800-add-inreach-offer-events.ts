import type { MigrationInterface, QueryRunner } from 'typeorm';

const CARE_KINDS = `'appointment_rescheduled', 'rebook_needed', 'walk_in'`;
const OFFER_KINDS = `'offer_made', 'offer_taken', 'offer_ended'`;
const STEPS = `'confirmation', 'three_days_before', 'evening_before', 'two_hours_before'`;

/**
 * In-reach waiting-list offers on the client's timeline, from booking's events: a seat held for an
 * offer (offer_made, with what was offered and until when), the offered appointment booked
 * (offer_taken) and the hold ended without a booking (offer_ended: declined, released or expired).
 * Once per offer and kind, however often booking reports it. And the reminders service's `offer`
 * text is a step of the SMS history like the others.
 */
export class AddInreachOfferEvents1764400001800 implements MigrationInterface {
  name = 'AddInreachOfferEvents1764400001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals"."client_care_event"
      ADD COLUMN "offer_id" uuid,
      ADD COLUMN "expires_at" timestamptz,
      ADD COLUMN "end_reason" text CHECK ("end_reason" IN ('declined', 'released', 'expired')),
      DROP CONSTRAINT "client_care_event_kind_check",
      ADD CONSTRAINT "client_care_event_kind_check" CHECK ("kind" IN (${CARE_KINDS}, ${OFFER_KINDS})),
      ADD CONSTRAINT "client_care_event_offer_named" CHECK (("kind" IN (${OFFER_KINDS})) = ("offer_id" IS NOT NULL)
        AND ("kind" NOT IN (${OFFER_KINDS}) OR "appointment_id" IS NOT NULL)),
      ADD CONSTRAINT "client_care_event_offer_made_has_slot" CHECK ("kind" <> 'offer_made'
        OR ("provider_name" IS NOT NULL AND "service_type" IS NOT NULL AND "location" IS NOT NULL
            AND "starts_at" IS NOT NULL AND "expires_at" IS NOT NULL)),
      ADD CONSTRAINT "client_care_event_offer_ended_has_reason" CHECK (("kind" = 'offer_ended') = ("end_reason" IS NOT NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX "client_care_event_offer_once" ON "referrals"."client_care_event" ("offer_id", "kind")
        WHERE "offer_id" IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "referrals"."client_sms" DROP CONSTRAINT "client_sms_step_check",
      ADD CONSTRAINT "client_sms_step_check" CHECK ("step" IN ('offer', ${STEPS}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Append-only tables: the rows this migration allowed are removed (offers) or lose their step
    // (the texts stay in the SMS history) with the refusing triggers off for the moment.
    await q.query(`ALTER TABLE "referrals"."client_sms" DISABLE TRIGGER "client_sms_append_only"`);
    await q.query(`UPDATE "referrals"."client_sms" SET "step" = NULL WHERE "step" = 'offer'`);
    await q.query(`ALTER TABLE "referrals"."client_sms" ENABLE TRIGGER "client_sms_append_only"`);
    await q.query(`ALTER TABLE "referrals"."client_sms" DROP CONSTRAINT "client_sms_step_check",
      ADD CONSTRAINT "client_sms_step_check" CHECK ("step" IN (${STEPS}))`);
    await q.query(
      `ALTER TABLE "referrals"."client_care_event" DISABLE TRIGGER "client_care_event_append_only"`,
    );
    await q.query(`DELETE FROM "referrals"."client_care_event" WHERE "kind" IN (${OFFER_KINDS})`);
    await q.query(
      `ALTER TABLE "referrals"."client_care_event" ENABLE TRIGGER "client_care_event_append_only"`,
    );
    await q.query(`DROP INDEX "referrals"."client_care_event_offer_once"`);
    await q.query(`ALTER TABLE "referrals"."client_care_event"
      DROP CONSTRAINT "client_care_event_offer_named",
      DROP CONSTRAINT "client_care_event_offer_made_has_slot",
      DROP CONSTRAINT "client_care_event_offer_ended_has_reason",
      DROP COLUMN "offer_id", DROP COLUMN "expires_at", DROP COLUMN "end_reason",
      DROP CONSTRAINT "client_care_event_kind_check",
      ADD CONSTRAINT "client_care_event_kind_check" CHECK ("kind" IN (${CARE_KINDS}))`);
  }
}
