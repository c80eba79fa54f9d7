import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a hold ended, kept on the row: confirming a hold that lapsed answers HOLD_EXPIRED ("hold the
 * slot again"), one a colleague released answers APPOINTMENT_NOT_HELD, and only the reason tells
 * them apart once the hold has ended. Holds that ended before this migration take the reason from
 * the audit entry written when they ended; one without such an entry stays unknown (null).
 */
export class HoldEndedReason1764400002500 implements MigrationInterface {
  name = 'HoldEndedReason1764400002500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "booking"."appointment" ADD COLUMN "hold_ended_reason" text,
      ADD CONSTRAINT "appointment_hold_ended_reason" CHECK ("hold_ended_reason" IS NULL
        OR ("status" = 'hold_ended' AND "hold_ended_reason" IN ('expired', 'released')))`);
    await q.query(`UPDATE "booking"."appointment" a SET "hold_ended_reason" = (
        SELECT l."details"->>'reason' FROM "booking"."audit_log" l
         WHERE l."subject_type" = 'appointment' AND l."subject_id" = a."id"::text
           AND l."details"->>'status' = 'hold_ended' AND l."details"->>'reason' IN ('expired', 'released')
         ORDER BY l."seq" DESC LIMIT 1)
      WHERE a."status" = 'hold_ended'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "booking"."appointment"
      DROP CONSTRAINT "appointment_hold_ended_reason", DROP COLUMN "hold_ended_reason"`);
  }
}
