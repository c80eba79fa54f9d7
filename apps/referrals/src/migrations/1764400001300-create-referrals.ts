import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'draft', 'sent', 'accepted', 'rejected', 'booked', 'attended', 'did_not_attend',
  'outcome_unknown', 'completed', 'closed'`;
const APPOINTMENT_STATUSES = `'booked', 'cancelled', 'attended', 'did_not_attend', 'cancelled_late',
  'left_before_seen', 'outcome_unknown'`;

/**
 * Closed-loop referrals: the referral (for a client's need), every status change it went through, and
 * the projection of booking's appointments for this service's clients (read by the client timeline).
 */
export class CreateReferrals1764400001300 implements MigrationInterface {
  name = 'CreateReferrals1764400001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."referral" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "need_id" uuid NOT NULL REFERENCES "referrals"."need" ("id"),
      "destination_kind" text NOT NULL CHECK ("destination_kind" IN ('gp', 'outpatient', 'inreach', 'other')),
      "destination_name" text NOT NULL,
      "urgency" text NOT NULL CHECK ("urgency" IN ('routine', 'soon', 'urgent')),
      "reason" text NOT NULL,
      "accompaniment" jsonb NOT NULL,
      "status" text NOT NULL CHECK ("status" IN (${STATUSES})),
      "status_changed_at" timestamptz NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      "version" integer NOT NULL CHECK ("version" > 0)
    )`);
    await q.query(
      `CREATE INDEX "referral_org_created_idx" ON "referrals"."referral" ("org_id", "created_at" DESC)`,
    );
    await q.query(
      `CREATE INDEX "referral_org_status_idx" ON "referrals"."referral" ("org_id", "status", "status_changed_at")`,
    );
    await q.query(`CREATE INDEX "referral_client_idx" ON "referrals"."referral" ("client_id")`);

    await q.query(`CREATE TABLE "referrals"."referral_status_change" (
      "id" uuid PRIMARY KEY,
      "referral_id" uuid NOT NULL REFERENCES "referrals"."referral" ("id"),
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL,
      "from_status" text CHECK ("from_status" IN (${STATUSES})),
      "to_status" text NOT NULL CHECK ("to_status" IN (${STATUSES})),
      "action" text NOT NULL,
      "reason" text,
      "appointment_id" uuid,
      "changed_by" text NOT NULL,
      "source" text NOT NULL CHECK ("source" IN ('staff', 'event')),
      "changed_at" timestamptz NOT NULL,
      "seq" bigserial NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "referral_status_change_referral_idx" ON "referrals"."referral_status_change" ("referral_id", "seq")`,
    );
    await q.query(
      `CREATE INDEX "referral_status_change_client_idx" ON "referrals"."referral_status_change" ("client_id", "changed_at")`,
    );

    await q.query(`CREATE TABLE "referrals"."client_appointment" (
      "appointment_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "referral_id" uuid REFERENCES "referrals"."referral" ("id"),
      "provider_name" text NOT NULL,
      "service_type" text NOT NULL,
      "location" text NOT NULL,
      "starts_at" timestamptz NOT NULL,
      "ends_at" timestamptz NOT NULL,
      "status" text NOT NULL CHECK ("status" IN (${APPOINTMENT_STATUSES})),
      "updated_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "client_appointment_client_idx" ON "referrals"."client_appointment" ("client_id", "starts_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "referrals"."client_appointment"`);
    await q.query(`DROP TABLE "referrals"."referral_status_change"`);
    await q.query(`DROP TABLE "referrals"."referral"`);
  }
}
