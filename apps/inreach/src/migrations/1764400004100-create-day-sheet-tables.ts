import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-reach on the day (issue 6, second increment):
 * - client: the host CDAS's clients as the day sheet shows them (client.registered/updated v1, the
 *   highest version kept); no contact details, flags or referral reasons;
 * - session_appointment: booking's appointments in in-reach sessions (appointment events with an
 *   inreachSessionId), with attendance as booking recorded it;
 * - referral: when each referral was made, for "time from referral to being seen";
 * - walk_in: clients seen at a session without a booking, at most the session's walk-in allowance
 *   (checked under the session's row lock, not by a constraint: the allowance may change).
 * Projections carry no foreign keys: their events arrive in any order relative to in-reach's own rows.
 */
export class CreateDaySheetTables1764400004100 implements MigrationInterface {
  name = 'CreateDaySheetTables1764400004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "inreach"."client" (
      "client_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "version" integer NOT NULL,
      "given_name" text NOT NULL,
      "family_name" text NOT NULL,
      "preferred_name" text,
      "date_of_birth" date NOT NULL,
      "nhs_number" text,
      "keyworker_id" text NOT NULL,
      "updated_at" timestamptz NOT NULL
    )`);

    await q.query(`CREATE TABLE "inreach"."session_appointment" (
      "appointment_id" uuid PRIMARY KEY,
      "session_id" uuid NOT NULL,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL,
      "referral_id" uuid,
      "starts_at" timestamptz NOT NULL,
      "ends_at" timestamptz NOT NULL,
      "status" text NOT NULL,
      "attendance" text,
      "last_event_at" timestamptz NOT NULL,
      CONSTRAINT "session_appointment_status" CHECK ("status" IN ('booked', 'cancelled')),
      CONSTRAINT "session_appointment_attendance" CHECK ("attendance" IS NULL
        OR "attendance" IN ('attended', 'did_not_attend', 'cancelled_late', 'left_before_seen'))
    )`);
    await q.query(
      `CREATE INDEX "session_appointment_session_idx" ON "inreach"."session_appointment" ("session_id", "starts_at")`,
    );

    await q.query(`CREATE TABLE "inreach"."referral" (
      "referral_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL,
      "destination_kind" text NOT NULL,
      "created_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "referral_client_idx" ON "inreach"."referral" ("client_id", "destination_kind", "created_at")`,
    );

    await q.query(`CREATE TABLE "inreach"."walk_in" (
      "id" uuid PRIMARY KEY,
      "session_id" uuid NOT NULL REFERENCES "inreach"."session" ("id"),
      "client_id" uuid NOT NULL,
      "seen_at" timestamptz NOT NULL,
      "note" text,
      "recorded_by" text NOT NULL,
      "recorded_at" timestamptz NOT NULL,
      CONSTRAINT "walk_in_once_per_session" UNIQUE ("session_id", "client_id")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "inreach"."walk_in"`);
    await q.query(`DROP TABLE "inreach"."referral"`);
    await q.query(`DROP TABLE "inreach"."session_appointment"`);
    await q.query(`DROP TABLE "inreach"."client"`);
  }
}
