import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Booking's projection of referrals it has heard of and not yet booked. */
export class CreateReferralAwaitingBooking1764400002000 implements MigrationInterface {
  name = 'CreateReferralAwaitingBooking1764400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "booking"."referral_awaiting_booking" (
      "referral_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL,
      "destination_kind" text NOT NULL,
      "destination_name" text NOT NULL,
      "urgency" text NOT NULL,
      "referred_at" timestamptz NOT NULL,
      "received_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "referral_awaiting_booking_org_idx" ON "booking"."referral_awaiting_booking" ("org_id", "referred_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "booking"."referral_awaiting_booking"`);
  }
}
