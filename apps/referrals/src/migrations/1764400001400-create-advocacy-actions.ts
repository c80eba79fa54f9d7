import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnlyTable, makeAppendOnly } from '@careloop/persistence';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/**
 * The advocacy log: what staff did for a client. Append-only in the database (triggers refuse UPDATE,
 * DELETE and TRUNCATE); a mistake is corrected by a new entry. `referral_id` has no foreign key: the
 * use case checks it is the same client's referral in the same organisation, and the referral table
 * is rebuilt separately.
 */
export class CreateAdvocacyActions1764400001400 implements MigrationInterface {
  name = 'CreateAdvocacyActions1764400001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."advocacy_action" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "referral_id" uuid,
      "action_type" text NOT NULL CHECK ("action_type" IN ('phoned_surgery', 'phoned_hospital',
        'booked_on_behalf', 'read_letter', 'answered_letter', 'arranged_transport', 'accompanied',
        'chased_provider', 'other')),
      "accompanied_by" text CHECK ("accompanied_by" IN ('peer_supporter', 'worker')),
      "outcome" text NOT NULL CHECK (length("outcome") BETWEEN 1 AND 1000),
      "occurred_at" timestamptz NOT NULL,
      "recorded_by" text NOT NULL,
      "recorded_at" timestamptz NOT NULL,
      CONSTRAINT "advocacy_action_accompanied_by" CHECK (("action_type" = 'accompanied') = ("accompanied_by" IS NOT NULL))
    )`);
    await q.query(
      `CREATE INDEX "advocacy_action_org_client_idx" ON "referrals"."advocacy_action" ("org_id", "client_id", "occurred_at" DESC)`,
    );
    await makeAppendOnly(q, REFERRALS_SCHEMA, 'advocacy_action');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnlyTable(q, REFERRALS_SCHEMA, 'advocacy_action');
  }
}
