import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-reach's first tables (issue 6, sessions and publishing):
 * - site: what booking announced (site.registered.v1); only a CDAS's own sites host in-reach;
 * - inreach_service, room, session_series, series_exception: what the CDAS sets up;
 * - session: one occurrence, made from a series up to the horizon. A room holds one session at a
 *   time: the exclusion constraint refuses overlapping live sessions in a room, whatever the code above
 *   does (btree_gist gives uuid equality a GiST operator class). One live session per series and date.
 */
export class CreateInreachSessions1764400004000 implements MigrationInterface {
  name = 'CreateInreachSessions1764400004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`CREATE TABLE "inreach"."site" (
      "site_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "org_name" text NOT NULL,
      "org_kind" text NOT NULL,
      "name" text NOT NULL,
      "address" text NOT NULL,
      "registered_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "site_org_idx" ON "inreach"."site" ("org_id")`);

    await q.query(`CREATE TABLE "inreach"."inreach_service" (
      "id" uuid PRIMARY KEY,
      "host_org_id" text NOT NULL,
      "site_id" uuid NOT NULL REFERENCES "inreach"."site" ("site_id"),
      "name" text NOT NULL,
      "service_type" text NOT NULL,
      "provider_name" text NOT NULL,
      "provider_org_id" text,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "inreach_service_name_per_site" UNIQUE ("site_id", "name")
    )`);
    await q.query(
      `CREATE INDEX "inreach_service_host_idx" ON "inreach"."inreach_service" ("host_org_id", "name")`,
    );

    await q.query(`CREATE TABLE "inreach"."room" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "site_id" uuid NOT NULL REFERENCES "inreach"."site" ("site_id"),
      "name" text NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "room_name_per_site" UNIQUE ("site_id", "name")
    )`);
    await q.query(`CREATE INDEX "room_org_idx" ON "inreach"."room" ("org_id", "site_id")`);

    await q.query(`CREATE TABLE "inreach"."session_series" (
      "id" uuid PRIMARY KEY,
      "service_id" uuid NOT NULL REFERENCES "inreach"."inreach_service" ("id"),
      "room_id" uuid NOT NULL REFERENCES "inreach"."room" ("id"),
      "rrule" text NOT NULL,
      "start_time" text NOT NULL,
      "end_time" text NOT NULL,
      "valid_from" date NOT NULL,
      "valid_until" date,
      "slot_minutes" integer NOT NULL,
      "seats_per_slot" integer NOT NULL,
      "walk_in_allowance" integer NOT NULL,
      "published" boolean NOT NULL DEFAULT false,
      "materialised_until" date,
      "version" integer NOT NULL DEFAULT 1,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      "updated_by" text NOT NULL,
      "updated_at" timestamptz NOT NULL,
      CONSTRAINT "series_ends_after_start" CHECK ("end_time" > "start_time"),
      CONSTRAINT "series_valid_dates" CHECK ("valid_until" IS NULL OR "valid_until" >= "valid_from"),
      CONSTRAINT "series_capacity" CHECK ("slot_minutes" BETWEEN 5 AND 480 AND "seats_per_slot" BETWEEN 1 AND 50
        AND "walk_in_allowance" BETWEEN 0 AND 200)
    )`);
    await q.query(`CREATE INDEX "session_series_service_idx" ON "inreach"."session_series" ("service_id")`);
    await q.query(`CREATE INDEX "session_series_room_idx" ON "inreach"."session_series" ("room_id")`);

    await q.query(`CREATE TABLE "inreach"."series_exception" (
      "id" uuid PRIMARY KEY,
      "series_id" uuid NOT NULL REFERENCES "inreach"."session_series" ("id"),
      "date" date NOT NULL,
      "reason" text NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "series_exception_once_per_date" UNIQUE ("series_id", "date")
    )`);

    await q.query(`CREATE TABLE "inreach"."session" (
      "id" uuid PRIMARY KEY,
      "series_id" uuid REFERENCES "inreach"."session_series" ("id"),
      "service_id" uuid NOT NULL REFERENCES "inreach"."inreach_service" ("id"),
      "room_id" uuid NOT NULL REFERENCES "inreach"."room" ("id"),
      "session_date" date NOT NULL,
      "starts_at" timestamptz NOT NULL,
      "ends_at" timestamptz NOT NULL,
      "slot_minutes" integer NOT NULL,
      "seats_per_slot" integer NOT NULL,
      "walk_in_allowance" integer NOT NULL,
      "status" text NOT NULL,
      "cancelled_because" text,
      "cancel_reason" text,
      "published_at" timestamptz,
      "cancelled_at" timestamptz,
      "cancelled_by" text,
      "created_at" timestamptz NOT NULL,
      CONSTRAINT "session_ends_after_start" CHECK ("ends_at" > "starts_at"),
      CONSTRAINT "session_status" CHECK ("status" IN ('planned', 'published', 'cancelled')),
      CONSTRAINT "session_cancelled_because" CHECK (
        ("status" = 'cancelled') = ("cancelled_because" IS NOT NULL AND "cancelled_at" IS NOT NULL)
        AND ("cancelled_because" IS NULL OR "cancelled_because" IN ('cancelled', 'exception', 'series_changed'))),
      CONSTRAINT "session_capacity" CHECK ("slot_minutes" BETWEEN 5 AND 480 AND "seats_per_slot" BETWEEN 1 AND 50
        AND "walk_in_allowance" BETWEEN 0 AND 200),
      CONSTRAINT "session_room_free" EXCLUDE USING gist
        ("room_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" <> 'cancelled')
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "session_once_per_series_date" ON "inreach"."session" ("series_id", "session_date")
        WHERE "status" <> 'cancelled'`,
    );
    await q.query(
      `CREATE INDEX "session_service_time_idx" ON "inreach"."session" ("service_id", "starts_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // btree_gist stays: other schemas of the database may use it.
    await q.query(`DROP TABLE "inreach"."session"`);
    await q.query(`DROP TABLE "inreach"."series_exception"`);
    await q.query(`DROP TABLE "inreach"."session_series"`);
    await q.query(`DROP TABLE "inreach"."room"`);
    await q.query(`DROP TABLE "inreach"."inreach_service"`);
    await q.query(`DROP TABLE "inreach"."site"`);
  }
}
