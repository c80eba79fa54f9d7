import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An in-reach offer is a hold (ADR 24): `offer_id` names the offer (inreach.offer-made.v1) a hold was
 * made for, unique among the rows that have one, so a redelivered offer never holds a second seat
 * whatever event id it comes under. A hold can now also end `declined` (the client said no to the
 * offer by SMS), and only an offer's hold can: the CHECK ties the reason to `offer_id`.
 */
export class InreachOfferHolds1764400002800 implements MigrationInterface {
  name = 'InreachOfferHolds1764400002800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "booking"."appointment" ADD COLUMN "offer_id" uuid`);
    await q.query(`CREATE UNIQUE INDEX "appointment_offer_once" ON "booking"."appointment" ("offer_id")
      WHERE "offer_id" IS NOT NULL`);
    await q.query(`ALTER TABLE "booking"."appointment" DROP CONSTRAINT "appointment_hold_ended_reason",
      ADD CONSTRAINT "appointment_hold_ended_reason" CHECK ("hold_ended_reason" IS NULL
        OR ("status" = 'hold_ended' AND ("hold_ended_reason" IN ('expired', 'released')
          OR ("hold_ended_reason" = 'declined' AND "offer_id" IS NOT NULL))))`);
  }

  /** A declined offer goes back as `released`: a hold given back before it lapsed, as before. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "booking"."appointment" DROP CONSTRAINT "appointment_hold_ended_reason"`);
    await q.query(`UPDATE "booking"."appointment" SET "hold_ended_reason" = 'released'
      WHERE "hold_ended_reason" = 'declined'`);
    await q.query(`ALTER TABLE "booking"."appointment"
      ADD CONSTRAINT "appointment_hold_ended_reason" CHECK ("hold_ended_reason" IS NULL
        OR ("status" = 'hold_ended' AND "hold_ended_reason" IN ('expired', 'released')))`);
    await q.query(`DROP INDEX "booking"."appointment_offer_once"`);
    await q.query(`ALTER TABLE "booking"."appointment" DROP COLUMN "offer_id"`);
  }
}
