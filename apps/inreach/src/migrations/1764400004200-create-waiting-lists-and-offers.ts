import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-reach waiting lists and offers (issue 6, third increment):
 * - waiting_list_entry: one per in-reach referral (referral.created.v1 with inreachServiceId), waiting
 *   while the referral is sent or accepted; a projection, so no foreign keys;
 * - offer: a seat of a published session offered to a waiting client (requested from booking, open
 *   while booking holds it, then accepted, declined, withdrawn with its session, expired or unplaced).
 *   At most one live offer per entry and never the same session twice to one referral (but for offers
 *   booking could not place), by the database. No foreign keys either:
 *   the offer job holds its service's offer_due row while it inserts offers, and a key check would
 *   make it wait on a session or entry locked by a transaction that waits for that offer_due row;
 * - offer_due: the services whose waiting lists the offer job looks at next, set in the transaction
 *   of whatever may free a seat or add a client;
 * - client.attendance_days: the London weekdays the client usually attends the CDAS (from the
 *   snapshot's attendance pattern), for ranking a session on one of them first;
 * - session_appointment may be a hold ('held', then 'booked' or 'hold_ended'): held seats are taken,
 *   until a while after hold_expires_at (a lost hold-ended event must not keep a seat forever);
 * - session.offers_blocked_at: booking refused an offer of the session for want of a seat in-reach
 *   counted as free; the offer job passes the session over until a seat of it frees after that
 *   (last_seat_freed_at: booking's events arrive in any order across appointments);
 * - inreach_service.announced_at: when inreach.service-registered.v1 went out for it. Null for the
 *   services made before this migration: in-reach announces them when it next starts.
 */
export class CreateWaitingListsAndOffers1764400004200 implements MigrationInterface {
  name = 'CreateWaitingListsAndOffers1764400004200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "inreach"."waiting_list_entry" (
      "referral_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "service_id" uuid NOT NULL,
      "client_id" uuid NOT NULL,
      "urgency" text NOT NULL,
      "referral_status" text NOT NULL,
      "status" text NOT NULL,
      "referred_at" timestamptz NOT NULL,
      "joined_at" timestamptz,
      "status_changed_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      CONSTRAINT "waiting_list_entry_urgency" CHECK ("urgency" IN ('routine', 'soon', 'urgent')),
      CONSTRAINT "waiting_list_entry_status" CHECK ("status" IN ('waiting', 'booked', 'left', 'draft')),
      CONSTRAINT "waiting_list_entry_joined" CHECK ("status" <> 'waiting' OR "joined_at" IS NOT NULL)
    )`);
    await q.query(
      `CREATE INDEX "waiting_list_entry_service_idx" ON "inreach"."waiting_list_entry" ("service_id", "status", "joined_at")`,
    );
    await q.query(
      `CREATE INDEX "waiting_list_entry_client_idx" ON "inreach"."waiting_list_entry" ("client_id", "status")`,
    );

    await q.query(`CREATE TABLE "inreach"."offer" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "service_id" uuid NOT NULL,
      "session_id" uuid NOT NULL,
      "referral_id" uuid NOT NULL,
      "client_id" uuid NOT NULL,
      "keyworker_id" text NOT NULL,
      "status" text NOT NULL,
      "appointment_id" uuid,
      "slot_starts_at" timestamptz,
      "offered_at" timestamptz NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "ended_at" timestamptz,
      "end_reason" text,
      "updated_at" timestamptz NOT NULL,
      CONSTRAINT "offer_status" CHECK ("status" IN ('requested', 'open', 'accepted', 'declined', 'withdrawn', 'expired', 'unplaced')),
      CONSTRAINT "offer_ended" CHECK (("status" IN ('requested', 'open')) = ("ended_at" IS NULL)
        AND ("ended_at" IS NULL) = ("end_reason" IS NULL)),
      CONSTRAINT "offer_expires_after_offered" CHECK ("expires_at" > "offered_at"),
      CONSTRAINT "offer_appointment_once" UNIQUE ("appointment_id")
    )`);
    // Never the same session twice to one referral, unless booking could not place the offer at all.
    await q.query(
      `CREATE UNIQUE INDEX "offer_session_once_per_referral" ON "inreach"."offer" ("referral_id", "session_id")
        WHERE "status" <> 'unplaced'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "offer_one_live_per_entry" ON "inreach"."offer" ("referral_id")
        WHERE "status" IN ('requested', 'open')`,
    );
    await q.query(`CREATE INDEX "offer_session_idx" ON "inreach"."offer" ("session_id", "status")`);
    await q.query(`CREATE INDEX "offer_service_idx" ON "inreach"."offer" ("service_id", "status")`);
    await q.query(`CREATE INDEX "offer_client_idx" ON "inreach"."offer" ("service_id", "client_id")`);
    await q.query(`CREATE INDEX "offer_org_idx" ON "inreach"."offer" ("org_id", "offered_at")`);
    await q.query(
      `CREATE INDEX "offer_live_expiry_idx" ON "inreach"."offer" ("expires_at") WHERE "status" IN ('requested', 'open')`,
    );

    await q.query(`CREATE TABLE "inreach"."offer_due" (
      "service_id" uuid PRIMARY KEY,
      "due_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "offer_due_at_idx" ON "inreach"."offer_due" ("due_at")`);

    await q.query(`ALTER TABLE "inreach"."client" ADD COLUMN "attendance_days" text[] NOT NULL DEFAULT '{}'`);

    await q.query(`ALTER TABLE "inreach"."session_appointment" DROP CONSTRAINT "session_appointment_status"`);
    await q.query(`ALTER TABLE "inreach"."session_appointment" ADD CONSTRAINT "session_appointment_status"
      CHECK ("status" IN ('held', 'hold_ended', 'booked', 'cancelled'))`);
    await q.query(`ALTER TABLE "inreach"."session_appointment" ADD COLUMN "hold_expires_at" timestamptz`);
    await q.query(
      `CREATE INDEX "session_appointment_client_idx" ON "inreach"."session_appointment" ("client_id", "status")`,
    );

    await q.query(`ALTER TABLE "inreach"."session" ADD COLUMN "offers_blocked_at" timestamptz,
      ADD COLUMN "last_seat_freed_at" timestamptz`);
    await q.query(`ALTER TABLE "inreach"."inreach_service" ADD COLUMN "announced_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "inreach"."inreach_service" DROP COLUMN "announced_at"`);
    await q.query(
      `ALTER TABLE "inreach"."session" DROP COLUMN "offers_blocked_at", DROP COLUMN "last_seat_freed_at"`,
    );
    await q.query(`DROP INDEX "inreach"."session_appointment_client_idx"`);
    await q.query(`ALTER TABLE "inreach"."session_appointment" DROP COLUMN "hold_expires_at"`);
    // Holds are not day-sheet rows: they go, so the older constraint holds again.
    await q.query(`DELETE FROM "inreach"."session_appointment" WHERE "status" IN ('held', 'hold_ended')`);
    await q.query(`ALTER TABLE "inreach"."session_appointment" DROP CONSTRAINT "session_appointment_status"`);
    await q.query(`ALTER TABLE "inreach"."session_appointment" ADD CONSTRAINT "session_appointment_status"
      CHECK ("status" IN ('booked', 'cancelled'))`);
    await q.query(`ALTER TABLE "inreach"."client" DROP COLUMN "attendance_days"`);
    await q.query(`DROP TABLE "inreach"."offer_due"`);
    await q.query(`DROP TABLE "inreach"."offer"`);
    await q.query(`DROP TABLE "inreach"."waiting_list_entry"`);
  }
}
