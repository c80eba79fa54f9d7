import type { MigrationInterface, QueryRunner } from 'typeorm';

const STEPS = `'offer', 'confirmation', 'three_days_before', 'evening_before', 'two_hours_before'`;

/**
 * The reminders service's "sorry we missed you" text (step `missed`, sent after a did-not-attend) is a
 * step of the client's SMS history like the others (issue 7).
 */
export class AddMissedSmsStep1764400002000 implements MigrationInterface {
  name = 'AddMissedSmsStep1764400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals"."client_sms" DROP CONSTRAINT "client_sms_step_check",
      ADD CONSTRAINT "client_sms_step_check" CHECK ("step" IN (${STEPS}, 'missed'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Append-only table: the texts stay in the SMS history without their step, the refusing trigger
    // off for the moment (as 1764400001800 did for `offer`).
    await q.query(`ALTER TABLE "referrals"."client_sms" DISABLE TRIGGER "client_sms_append_only"`);
    await q.query(`UPDATE "referrals"."client_sms" SET "step" = NULL WHERE "step" = 'missed'`);
    await q.query(`ALTER TABLE "referrals"."client_sms" ENABLE TRIGGER "client_sms_append_only"`);
    await q.query(`ALTER TABLE "referrals"."client_sms" DROP CONSTRAINT "client_sms_step_check",
      ADD CONSTRAINT "client_sms_step_check" CHECK ("step" IN (${STEPS}))`);
  }
}
