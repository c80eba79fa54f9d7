import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnlyTable, makeAppendOnly } from '@careloop/persistence';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/**
 * What other services did about a client's care that only the timeline shows: an appointment moved
 * (appointment.rescheduled.v1; the appointment projection keeps only where it is now), a keyworker
 * told to rebook because an in-reach session was cancelled (appointment.rebook-needed.v1) and a
 * walk-in at an in-reach session (inreach.walk-in-recorded.v1). Append-only: each row is a fact that
 * happened. `id` is the event's id; the same fact published again under another id is kept once (one
 * rebook per appointment and cancelled session, one row per walk-in). `appointment_id` and
 * `referral_id` have no foreign key: the appointment projection may not hold the appointment (yet).
 */
export class CreateClientCareEvents1764400001600 implements MigrationInterface {
  name = 'CreateClientCareEvents1764400001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."client_care_event" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "kind" text NOT NULL CHECK ("kind" IN ('appointment_rescheduled', 'rebook_needed', 'walk_in')),
      "appointment_id" uuid,
      "referral_id" uuid,
      "inreach_session_id" uuid,
      "walk_in_id" uuid,
      "provider_name" text CHECK (length("provider_name") BETWEEN 1 AND 200),
      "service_type" text CHECK (length("service_type") BETWEEN 1 AND 100),
      "service_name" text CHECK (length("service_name") BETWEEN 1 AND 200),
      "location" text CHECK (length("location") BETWEEN 1 AND 300),
      "previous_starts_at" timestamptz,
      "starts_at" timestamptz,
      "by" text NOT NULL CHECK (length("by") >= 1),
      "at" timestamptz NOT NULL,
      CONSTRAINT "client_care_event_rescheduled_has_move" CHECK ("kind" <> 'appointment_rescheduled'
        OR ("appointment_id" IS NOT NULL AND "previous_starts_at" IS NOT NULL AND "starts_at" IS NOT NULL
            AND "location" IS NOT NULL)),
      CONSTRAINT "client_care_event_rebook_has_session" CHECK ("kind" <> 'rebook_needed'
        OR ("appointment_id" IS NOT NULL AND "inreach_session_id" IS NOT NULL AND "provider_name" IS NOT NULL
            AND "service_type" IS NOT NULL AND "starts_at" IS NOT NULL)),
      CONSTRAINT "client_care_event_walk_in_has_service" CHECK (("kind" = 'walk_in') = ("walk_in_id" IS NOT NULL)
        AND ("kind" <> 'walk_in' OR ("inreach_session_id" IS NOT NULL AND "service_name" IS NOT NULL
            AND "service_type" IS NOT NULL)))
    )`);
    await q.query(
      `CREATE INDEX "client_care_event_org_client_idx" ON "referrals"."client_care_event" ("org_id", "client_id", "kind", "at" DESC)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "client_care_event_rebook_once" ON "referrals"."client_care_event"
        ("appointment_id", "inreach_session_id") WHERE "kind" = 'rebook_needed'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "client_care_event_walk_in_once" ON "referrals"."client_care_event" ("walk_in_id")
        WHERE "kind" = 'walk_in'`,
    );
    await makeAppendOnly(q, REFERRALS_SCHEMA, 'client_care_event');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnlyTable(q, REFERRALS_SCHEMA, 'client_care_event');
  }
}
