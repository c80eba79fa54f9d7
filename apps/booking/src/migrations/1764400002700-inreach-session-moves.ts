import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cancellation cascade's work list: one row per booked appointment of a withdrawn in-reach
 * session, written in the withdrawal's transaction and worked by a timer task. The rows are the truth
 * of what is left to do, so a crash mid-cascade loses nothing and repeats nothing: UNIQUE
 * (appointment_id, session_id) makes a redelivered withdrawal add no row, and a row leaves `pending`
 * once, under its lock. `not_needed`: the appointment left the session (cancelled, moved by staff)
 * before the cascade reached it. A moved row names the slot it went to. The partial index keeps
 * "what is pending" one probe however many rows are done.
 */
export class InreachSessionMoves1764400002700 implements MigrationInterface {
  name = 'InreachSessionMoves1764400002700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "booking"."session_move" (
      "id" uuid PRIMARY KEY,
      "appointment_id" uuid NOT NULL REFERENCES "booking"."appointment" ("id"),
      "session_id" uuid NOT NULL,
      "status" text NOT NULL DEFAULT 'pending',
      "new_slot_id" uuid REFERENCES "booking"."slot" ("id"),
      "attempts" integer NOT NULL DEFAULT 0,
      "last_error" text,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      CONSTRAINT "session_move_once" UNIQUE ("appointment_id", "session_id"),
      CONSTRAINT "session_move_status" CHECK ("status" IN ('pending', 'moved', 'rebook_needed', 'not_needed')),
      CONSTRAINT "session_move_new_slot" CHECK (("status" = 'moved') = ("new_slot_id" IS NOT NULL)),
      CONSTRAINT "session_move_attempts" CHECK ("attempts" >= 0))`);
    await q.query(`CREATE INDEX "session_move_pending_idx" ON "booking"."session_move" ("created_at", "id")
      WHERE "status" = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "booking"."session_move"`);
  }
}
