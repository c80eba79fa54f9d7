import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnlyTable, makeAppendOnly } from '@careloop/persistence';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/**
 * Clients of a CDAS, their contacts and their consent history. An NHS number is unique within an
 * organisation (partial index: many clients have none recorded); consent records are append-only.
 */
export class CreateClients1764400001100 implements MigrationInterface {
  name = 'CreateClients1764400001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."client" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "version" integer NOT NULL CHECK ("version" > 0),
      "given_name" text NOT NULL,
      "family_name" text NOT NULL,
      "preferred_name" text,
      "date_of_birth" date NOT NULL,
      "nhs_number" text CHECK ("nhs_number" ~ '^[0-9]{10}$'),
      "keyworker_id" text NOT NULL,
      "site_id" text NOT NULL,
      "gp_practice_ods" text,
      "no_fixed_abode" boolean NOT NULL,
      "recently_released_from_prison" boolean NOT NULL,
      "interpreter_needed" boolean NOT NULL,
      "interpreter_language" text,
      "attendance_pattern" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      "updated_by" text NOT NULL,
      "updated_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "client_org_nhs_number_key" ON "referrals"."client" ("org_id", "nhs_number") WHERE "nhs_number" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "client_org_name_idx" ON "referrals"."client" ("org_id", lower("family_name"), lower("given_name"))`,
    );
    await q.query(`CREATE INDEX "client_org_dob_idx" ON "referrals"."client" ("org_id", "date_of_birth")`);

    await q.query(`CREATE TABLE "referrals"."client_contact" (
      "id" uuid PRIMARY KEY,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id") ON DELETE CASCADE,
      "org_id" text NOT NULL,
      "purpose" text NOT NULL CHECK ("purpose" IN ('own_mobile', 'hostel', 'pharmacy', 'family', 'other')),
      "phone" text NOT NULL CHECK ("phone" ~ '^\\+44[0-9]{9,10}$'),
      "label" text,
      "safe_to_text" boolean NOT NULL,
      "verified_by" text,
      "verified_at" timestamptz,
      "version" integer NOT NULL DEFAULT 1 CHECK ("version" > 0),
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "client_contact_client_idx" ON "referrals"."client_contact" ("client_id")`);

    await q.query(`CREATE TABLE "referrals"."client_consent" (
      "id" uuid PRIMARY KEY,
      "seq" bigint GENERATED ALWAYS AS IDENTITY,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "org_id" text NOT NULL,
      "purpose" text NOT NULL CHECK ("purpose" IN ('sms_reminders', 'name_service_in_sms', 'share_outcome_with_gp')),
      "given" boolean NOT NULL,
      "recorded_by" text NOT NULL,
      "recorded_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "client_consent_client_idx" ON "referrals"."client_consent" ("client_id", "purpose", "seq" DESC)`,
    );
    await makeAppendOnly(q, REFERRALS_SCHEMA, 'client_consent');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnlyTable(q, REFERRALS_SCHEMA, 'client_consent');
    await q.query(`DROP TABLE "referrals"."client_contact"`);
    await q.query(`DROP TABLE "referrals"."client"`);
  }
}
