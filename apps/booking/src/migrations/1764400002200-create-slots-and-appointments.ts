import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slots a provider publishes and the appointments booked into them. Double booking is refused by the
 * database itself: `booked` may never exceed `capacity` (CHECK), and a seat of a slot holds at most one
 * booked appointment (partial unique index), whatever the code above does.
 */
export class CreateSlotsAndAppointments1764400002200 implements MigrationInterface {
  name = 'CreateSlotsAndAppointments1764400002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "booking"."slot" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "service_type" text NOT NULL,
      "provider_name" text NOT NULL,
      "location" text NOT NULL,
      "starts_at" timestamptz NOT NULL,
      "ends_at" timestamptz NOT NULL,
      "capacity" integer NOT NULL,
      "booked" integer NOT NULL DEFAULT 0,
      "published_by" text NOT NULL,
      "published_at" timestamptz NOT NULL,
      CONSTRAINT "slot_ends_after_start" CHECK ("ends_at" > "starts_at"),
      CONSTRAINT "slot_capacity_positive" CHECK ("capacity" >= 1),
      CONSTRAINT "slot_booked_within_capacity" CHECK ("booked" >= 0 AND "booked" <= "capacity")
    )`);
    await q.query(
      `CREATE INDEX "slot_free_by_service_idx" ON "booking"."slot" ("service_type", "starts_at") WHERE "booked" < "capacity"`,
    );
    await q.query(`CREATE INDEX "slot_org_idx" ON "booking"."slot" ("org_id", "starts_at")`);
    await q.query(`CREATE TABLE "booking"."appointment" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "slot_id" uuid NOT NULL REFERENCES "booking"."slot" ("id"),
      "seat" integer NOT NULL,
      "client_id" uuid NOT NULL,
      "referral_id" uuid,
      "status" text NOT NULL,
      "notes_for_clinic" text,
      "accompaniment" jsonb,
      "booked_by" text NOT NULL,
      "booked_at" timestamptz NOT NULL,
      "cancelled_by" text,
      "cancellation_reason" text,
      "cancelled_by_user" text,
      "cancelled_at" timestamptz,
      "version" integer NOT NULL DEFAULT 1,
      CONSTRAINT "appointment_status" CHECK ("status" IN ('booked', 'cancelled')),
      CONSTRAINT "appointment_seat_positive" CHECK ("seat" >= 1),
      CONSTRAINT "appointment_cancelled_by" CHECK ("cancelled_by" IS NULL OR "cancelled_by" IN ('client', 'provider', 'cdas'))
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "appointment_one_per_seat" ON "booking"."appointment" ("slot_id", "seat") WHERE "status" = 'booked'`,
    );
    await q.query(
      `CREATE INDEX "appointment_org_client_idx" ON "booking"."appointment" ("org_id", "client_id")`,
    );
    await q.query(`CREATE INDEX "appointment_referral_idx" ON "booking"."appointment" ("referral_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "booking"."appointment"`);
    await q.query(`DROP TABLE "booking"."slot"`);
  }
}
