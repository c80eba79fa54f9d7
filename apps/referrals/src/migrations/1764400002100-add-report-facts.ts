import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the managers' reports need beyond what referrals already kept (issue 7): when each appointment
 * was booked, whether it used a clinic's reserved slot and which in-reach session it is in (from
 * booking's events; null on rows projected before, which the reports leave out of those measures), and
 * which texts reached the client's phone (reminder.delivered.v1), one row per text.
 */
export class AddReportFacts1764400002100 implements MigrationInterface {
  name = 'AddReportFacts1764400002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals"."client_appointment"
      ADD COLUMN "booked_at" timestamptz,
      ADD COLUMN "under_reservation" boolean,
      ADD COLUMN "inreach_session_id" uuid`);
    await q.query(
      `CREATE INDEX "client_appointment_org_starts_idx" ON "referrals"."client_appointment" ("org_id", "starts_at")`,
    );
    await q.query(
      `CREATE INDEX "client_appointment_referral_idx" ON "referrals"."client_appointment" ("referral_id")`,
    );
    await q.query(`CREATE TABLE "referrals"."client_sms_delivery" (
      "message_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "appointment_id" uuid,
      "step" text,
      "delivered_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "client_sms_delivery_appointment_idx" ON "referrals"."client_sms_delivery" ("appointment_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "referrals"."client_sms_delivery"`);
    await q.query(`DROP INDEX "referrals"."client_appointment_referral_idx"`);
    await q.query(`DROP INDEX "referrals"."client_appointment_org_starts_idx"`);
    await q.query(`ALTER TABLE "referrals"."client_appointment"
      DROP COLUMN "inreach_session_id", DROP COLUMN "under_reservation", DROP COLUMN "booked_at"`);
  }
}
