import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of booking's model: organisations, sites and schedules as data; recurring availability
 * rules and their exceptions; slots that belong to a schedule, can be withdrawn and reserved; holds,
 * reschedules and attendance on appointments; the client details booking keeps from client events.
 *
 * Slots published before this migration get a site and a schedule made from their own text, so no
 * slot or appointment is lost. `booked` becomes `taken`: it now counts held seats as well as booked.
 */
export class SupplyReservationsHoldsAttendance1764400002300 implements MigrationInterface {
  name = 'SupplyReservationsHoldsAttendance1764400002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "booking"."organisation" (
      "id" text PRIMARY KEY,
      "name" text NOT NULL,
      "kind" text NOT NULL,
      "updated_by" text NOT NULL,
      "updated_at" timestamptz NOT NULL,
      CONSTRAINT "organisation_kind" CHECK ("kind" IN ('cdas', 'gp_practice', 'hospital', 'specialist_service'))
    )`);
    await q.query(`CREATE TABLE "booking"."site" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL REFERENCES "booking"."organisation" ("id"),
      "name" text NOT NULL,
      "address" text NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "site_name_per_org" UNIQUE ("org_id", "name")
    )`);
    await q.query(`CREATE TABLE "booking"."schedule" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL REFERENCES "booking"."organisation" ("id"),
      "site_id" uuid NOT NULL REFERENCES "booking"."site" ("id"),
      "kind" text NOT NULL,
      "name" text NOT NULL,
      "service_type" text NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "schedule_kind" CHECK ("kind" IN ('clinic', 'practitioner', 'service')),
      CONSTRAINT "schedule_name_per_site" UNIQUE ("site_id", "name", "service_type")
    )`);
    await q.query(`CREATE INDEX "schedule_org_idx" ON "booking"."schedule" ("org_id")`);

    await q.query(`CREATE TABLE "booking"."availability_rule" (
      "id" uuid PRIMARY KEY,
      "schedule_id" uuid NOT NULL REFERENCES "booking"."schedule" ("id"),
      "rrule" text NOT NULL,
      "start_time" text NOT NULL,
      "end_time" text NOT NULL,
      "slot_minutes" integer NOT NULL,
      "capacity" integer NOT NULL,
      "valid_from" date NOT NULL,
      "valid_until" date,
      "reserved_for" jsonb,
      "release_before_minutes" integer,
      "materialised_until" date,
      "ended_at" timestamptz,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "availability_rule_slot_minutes" CHECK ("slot_minutes" BETWEEN 5 AND 480),
      CONSTRAINT "availability_rule_capacity" CHECK ("capacity" >= 1)
    )`);
    await q.query(`CREATE TABLE "booking"."availability_exception" (
      "id" uuid PRIMARY KEY,
      "schedule_id" uuid NOT NULL REFERENCES "booking"."schedule" ("id"),
      "starts_at" timestamptz NOT NULL,
      "ends_at" timestamptz NOT NULL,
      "reason" text NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "availability_exception_ends_after_start" CHECK ("ends_at" > "starts_at")
    )`);
    await q.query(
      `CREATE INDEX "availability_exception_schedule_idx" ON "booking"."availability_exception" ("schedule_id", "starts_at")`,
    );

    // Existing slots: one organisation, site and schedule per distinct text they were published with.
    await q.query(`INSERT INTO "booking"."organisation" ("id", "name", "kind", "updated_by", "updated_at")
      SELECT DISTINCT "org_id", "org_id", 'hospital', 'migration', now() FROM "booking"."slot"`);
    await q.query(`INSERT INTO "booking"."site" ("id", "org_id", "name", "address", "created_by", "created_at")
      SELECT gen_random_uuid(), "org_id", "location", "location", 'migration', now()
        FROM (SELECT DISTINCT "org_id", "location" FROM "booking"."slot") s`);
    await q.query(`INSERT INTO "booking"."schedule"
        ("id", "org_id", "site_id", "kind", "name", "service_type", "created_by", "created_at")
      SELECT gen_random_uuid(), s."org_id", site."id", 'clinic', s."provider_name", s."service_type", 'migration', now()
        FROM (SELECT DISTINCT "org_id", "location", "provider_name", "service_type" FROM "booking"."slot") s
        JOIN "booking"."site" site ON site."org_id" = s."org_id" AND site."name" = s."location"`);

    await q.query(`ALTER TABLE "booking"."slot"
      ADD COLUMN "schedule_id" uuid REFERENCES "booking"."schedule" ("id"),
      ADD COLUMN "site_id" uuid REFERENCES "booking"."site" ("id"),
      ADD COLUMN "rule_id" uuid REFERENCES "booking"."availability_rule" ("id"),
      ADD COLUMN "status" text NOT NULL DEFAULT 'open',
      ADD COLUMN "withdrawn_reason" text,
      ADD COLUMN "withdrawn_at" timestamptz,
      ADD COLUMN "reserved_for" jsonb,
      ADD COLUMN "release_at" timestamptz,
      ADD COLUMN "released_at" timestamptz,
      ADD CONSTRAINT "slot_status" CHECK ("status" IN ('open', 'withdrawn'))`);
    await q.query(`UPDATE "booking"."slot" s SET "schedule_id" = sch."id", "site_id" = sch."site_id"
      FROM "booking"."schedule" sch JOIN "booking"."site" site ON site."id" = sch."site_id"
      WHERE sch."org_id" = s."org_id" AND site."name" = s."location"
        AND sch."name" = s."provider_name" AND sch."service_type" = s."service_type"`);
    await q.query(`ALTER TABLE "booking"."slot"
      ALTER COLUMN "schedule_id" SET NOT NULL, ALTER COLUMN "site_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "booking"."slot" RENAME COLUMN "booked" TO "taken"`);
    await q.query(`ALTER TABLE "booking"."slot" DROP CONSTRAINT "slot_booked_within_capacity"`);
    await q.query(`ALTER TABLE "booking"."slot"
      ADD CONSTRAINT "slot_taken_within_capacity" CHECK ("taken" >= 0 AND "taken" <= "capacity")`);
    // A rule makes each of its slots once, whoever materialises it and however often.
    await q.query(
      `ALTER TABLE "booking"."slot" ADD CONSTRAINT "slot_once_per_rule" UNIQUE ("rule_id", "starts_at")`,
    );
    await q.query(`DROP INDEX "booking"."slot_free_by_service_idx"`);
    await q.query(`CREATE INDEX "slot_free_idx" ON "booking"."slot" ("starts_at")
      WHERE "taken" < "capacity" AND "status" = 'open'`);
    await q.query(`CREATE INDEX "slot_schedule_idx" ON "booking"."slot" ("schedule_id", "starts_at")`);
    await q.query(`CREATE INDEX "slot_release_due_idx" ON "booking"."slot" ("release_at")
      WHERE "reserved_for" IS NOT NULL AND "released_at" IS NULL`);

    await q.query(`ALTER TABLE "booking"."appointment" DROP CONSTRAINT "appointment_status"`);
    await q.query(`ALTER TABLE "booking"."appointment"
      ADD CONSTRAINT "appointment_status" CHECK ("status" IN ('held', 'booked', 'cancelled', 'hold_ended')),
      ADD COLUMN "hold_expires_at" timestamptz,
      ADD COLUMN "do_not_discharge" boolean NOT NULL DEFAULT true,
      ADD COLUMN "under_reservation" boolean NOT NULL DEFAULT false,
      ADD COLUMN "rescheduled_count" integer NOT NULL DEFAULT 0,
      ADD COLUMN "attendance" text,
      ADD COLUMN "attendance_recorded_by" text,
      ADD COLUMN "attendance_recorded_by_org" text,
      ADD COLUMN "attendance_recorded_at" timestamptz,
      ADD COLUMN "attendance_note" text,
      ADD COLUMN "outcome_overdue_at" timestamptz,
      ADD CONSTRAINT "appointment_attendance" CHECK ("attendance" IS NULL OR "attendance" IN
        ('attended', 'did_not_attend', 'cancelled_late', 'left_before_seen')),
      ADD CONSTRAINT "appointment_hold_expiry" CHECK (("status" = 'held') = ("hold_expires_at" IS NOT NULL) OR "status" = 'hold_ended')`);
    await q.query(`DROP INDEX "booking"."appointment_one_per_seat"`);
    await q.query(`CREATE UNIQUE INDEX "appointment_one_per_seat" ON "booking"."appointment" ("slot_id", "seat")
      WHERE "status" IN ('held', 'booked')`);
    await q.query(`CREATE INDEX "appointment_slot_idx" ON "booking"."appointment" ("slot_id")`);
    await q.query(`CREATE INDEX "appointment_hold_expiry_idx" ON "booking"."appointment" ("hold_expires_at")
      WHERE "status" = 'held'`);
    await q.query(`CREATE INDEX "appointment_outcome_pending_idx" ON "booking"."appointment" ("slot_id")
      WHERE "status" = 'booked' AND "attendance" IS NULL AND "outcome_overdue_at" IS NULL`);

    // What booking knows of a client, from client.registered/updated: to check a booking's client,
    // rank slots around their attendance days, and show a clinic the minimum it needs.
    await q.query(`CREATE TABLE "booking"."client" (
      "client_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "version" integer NOT NULL,
      "given_name" text NOT NULL,
      "family_name" text NOT NULL,
      "preferred_name" text,
      "date_of_birth" date NOT NULL,
      "nhs_number" text,
      "keyworker_id" text NOT NULL,
      "attendance_pattern" jsonb NOT NULL,
      "flags" jsonb NOT NULL,
      "updated_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "client_org_idx" ON "booking"."client" ("org_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "booking"."client"`);
    await q.query(`DROP INDEX "booking"."appointment_one_per_seat"`);
    await q.query(`DROP INDEX "booking"."appointment_slot_idx"`);
    await q.query(`DROP INDEX "booking"."appointment_hold_expiry_idx"`);
    await q.query(`DROP INDEX "booking"."appointment_outcome_pending_idx"`);
    await q.query(`DELETE FROM "booking"."appointment" WHERE "status" IN ('held', 'hold_ended')`);
    await q.query(`ALTER TABLE "booking"."appointment"
      DROP CONSTRAINT "appointment_status", DROP CONSTRAINT "appointment_attendance",
      DROP CONSTRAINT "appointment_hold_expiry",
      DROP COLUMN "hold_expires_at", DROP COLUMN "do_not_discharge", DROP COLUMN "under_reservation",
      DROP COLUMN "rescheduled_count", DROP COLUMN "attendance", DROP COLUMN "attendance_recorded_by",
      DROP COLUMN "attendance_recorded_by_org", DROP COLUMN "attendance_recorded_at",
      DROP COLUMN "attendance_note", DROP COLUMN "outcome_overdue_at",
      ADD CONSTRAINT "appointment_status" CHECK ("status" IN ('booked', 'cancelled'))`);
    await q.query(`CREATE UNIQUE INDEX "appointment_one_per_seat" ON "booking"."appointment" ("slot_id", "seat")
      WHERE "status" = 'booked'`);
    await q.query(`UPDATE "booking"."slot" s SET "taken" =
      (SELECT count(*) FROM "booking"."appointment" a WHERE a."slot_id" = s."id" AND a."status" = 'booked')`);
    await q.query(`DROP INDEX "booking"."slot_free_idx"`);
    await q.query(`DROP INDEX "booking"."slot_schedule_idx"`);
    await q.query(`DROP INDEX "booking"."slot_release_due_idx"`);
    await q.query(`ALTER TABLE "booking"."slot" DROP CONSTRAINT "slot_once_per_rule"`);
    await q.query(`ALTER TABLE "booking"."slot" DROP CONSTRAINT "slot_taken_within_capacity"`);
    await q.query(`ALTER TABLE "booking"."slot" RENAME COLUMN "taken" TO "booked"`);
    await q.query(`ALTER TABLE "booking"."slot"
      ADD CONSTRAINT "slot_booked_within_capacity" CHECK ("booked" >= 0 AND "booked" <= "capacity")`);
    await q.query(`DELETE FROM "booking"."appointment" a USING "booking"."slot" s
      WHERE a."slot_id" = s."id" AND s."status" = 'withdrawn'`);
    await q.query(`DELETE FROM "booking"."slot" WHERE "status" = 'withdrawn'`);
    await q.query(`ALTER TABLE "booking"."slot"
      DROP CONSTRAINT "slot_status",
      DROP COLUMN "schedule_id", DROP COLUMN "site_id", DROP COLUMN "rule_id", DROP COLUMN "status",
      DROP COLUMN "withdrawn_reason", DROP COLUMN "withdrawn_at", DROP COLUMN "reserved_for",
      DROP COLUMN "release_at", DROP COLUMN "released_at"`);
    await q.query(`CREATE INDEX "slot_free_by_service_idx" ON "booking"."slot" ("service_type", "starts_at")
      WHERE "booked" < "capacity"`);
    await q.query(`DROP TABLE "booking"."availability_exception"`);
    await q.query(`DROP TABLE "booking"."availability_rule"`);
    await q.query(`DROP TABLE "booking"."schedule"`);
    await q.query(`DROP TABLE "booking"."site"`);
    await q.query(`DROP TABLE "booking"."organisation"`);
  }
}
