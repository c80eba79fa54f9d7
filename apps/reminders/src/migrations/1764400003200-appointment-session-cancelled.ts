import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An appointment whose in-reach session was cancelled with nowhere to move it stays booked until a
 * keyworker rebooks it; this marks it so no reminder is sent for it meanwhile. NULL for every
 * existing appointment: none has heard of a cancelled session yet.
 */
export class AppointmentSessionCancelled1764400003200 implements MigrationInterface {
  name = 'AppointmentSessionCancelled1764400003200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reminders"."appointment" ADD COLUMN "session_cancelled_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reminders"."appointment" DROP COLUMN "session_cancelled_at"`);
  }
}
