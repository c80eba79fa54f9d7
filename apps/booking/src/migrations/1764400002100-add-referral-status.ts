import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Booking follows each referral's status, so it lists only referrals that await an appointment. */
export class AddReferralStatus1764400002100 implements MigrationInterface {
  name = 'AddReferralStatus1764400002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "booking"."referral_awaiting_booking" ADD COLUMN "status" text NOT NULL DEFAULT 'sent'`,
    );
    await q.query(
      `CREATE INDEX "referral_awaiting_booking_org_status_idx" ON "booking"."referral_awaiting_booking" ("org_id", "status", "referred_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "booking"."referral_awaiting_booking_org_status_idx"`);
    await q.query(`ALTER TABLE "booking"."referral_awaiting_booking" DROP COLUMN "status"`);
  }
}
