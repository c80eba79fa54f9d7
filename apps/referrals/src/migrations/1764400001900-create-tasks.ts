import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnlyTable, makeAppendOnly } from '@careloop/persistence';
import { REFERRALS_SCHEMA } from '../referrals-schema';

const TYPES = `'dna_follow_up', 'mdt_review', 'outcome_unknown', 'sms_reply', 'sms_delivery_failed',
  'sms_opted_out', 'rebook_needed'`;

/**
 * Follow-up tasks (issue 7) and the attempts to reach the client made for them. One task per cause
 * (the event that opened it); one open multidisciplinary review per referral. The table holds the
 * task rules: a snooze has an end and a reason, a done task an outcome, who and when, and the
 * outcomes that need words a note. Contact attempts are append-only.
 */
export class CreateTasks1764400001900 implements MigrationInterface {
  name = 'CreateTasks1764400001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."task" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "referral_id" uuid REFERENCES "referrals"."referral" ("id"),
      "appointment_id" uuid,
      "type" text NOT NULL CHECK ("type" IN (${TYPES})),
      "cause" text NOT NULL CONSTRAINT "task_cause_key" UNIQUE CHECK (length("cause") BETWEEN 1 AND 300),
      "summary" text NOT NULL CHECK (length(btrim("summary")) BETWEEN 1 AND 200 AND "summary" !~ '[\\r\\n]'),
      "detail" jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof("detail") = 'object'),
      "due_at" timestamptz NOT NULL,
      "priority" text NOT NULL CHECK ("priority" IN ('routine', 'high', 'urgent')),
      "team_site_id" text NOT NULL CHECK (length("team_site_id") >= 1),
      "assignee_user_id" text CHECK (length(btrim("assignee_user_id")) BETWEEN 1 AND 200),
      "status" text NOT NULL CHECK ("status" IN ('open', 'snoozed', 'done')),
      "snoozed_until" timestamptz,
      "snooze_reason" text CHECK (length(btrim("snooze_reason")) BETWEEN 1 AND 500),
      "outcome" text CHECK ("outcome" IN ('rebooked', 'declined', 'unreachable', 'safeguarding_concern', 'other')),
      "outcome_note" text CHECK (length(btrim("outcome_note")) BETWEEN 1 AND 1000),
      "completed_by" text,
      "completed_at" timestamptz,
      "caused_by" text NOT NULL CHECK (length("caused_by") >= 1),
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      "version" integer NOT NULL CHECK ("version" > 0),
      CONSTRAINT "task_cause_of_type" CHECK ("cause" LIKE (CASE "type"
        WHEN 'dna_follow_up' THEN 'dna:_%' WHEN 'mdt_review' THEN 'mdt_review:_%'
        WHEN 'outcome_unknown' THEN 'outcome_unknown:_%' WHEN 'sms_reply' THEN 'reply:_%'
        WHEN 'sms_delivery_failed' THEN 'delivery_failed:_%' WHEN 'sms_opted_out' THEN 'opted_out:_%'
        WHEN 'rebook_needed' THEN 'rebook_needed:_%' END)),
      CONSTRAINT "task_names_appointment" CHECK ("type" NOT IN ('dna_follow_up', 'outcome_unknown', 'rebook_needed')
        OR "appointment_id" IS NOT NULL),
      CONSTRAINT "task_review_names_referral" CHECK ("type" <> 'mdt_review' OR "referral_id" IS NOT NULL),
      CONSTRAINT "task_snooze_whole" CHECK (("status" = 'snoozed') = ("snoozed_until" IS NOT NULL)
        AND ("snoozed_until" IS NULL) = ("snooze_reason" IS NULL)),
      CONSTRAINT "task_done_whole" CHECK (("status" = 'done') = ("outcome" IS NOT NULL)
        AND ("outcome" IS NULL) = ("completed_by" IS NULL) AND ("outcome" IS NULL) = ("completed_at" IS NULL)),
      CONSTRAINT "task_outcome_note" CHECK (("outcome" IS NOT NULL OR "outcome_note" IS NULL)
        AND ("outcome" NOT IN ('other', 'safeguarding_concern') OR "outcome_note" IS NOT NULL))
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "task_one_open_review" ON "referrals"."task" ("referral_id")
        WHERE "type" = 'mdt_review' AND "status" <> 'done'`,
    );
    await q.query(
      `CREATE INDEX "task_assignee_idx" ON "referrals"."task" ("org_id", "assignee_user_id", "due_at") WHERE "status" <> 'done'`,
    );
    await q.query(
      `CREATE INDEX "task_team_idx" ON "referrals"."task" ("org_id", "team_site_id", "due_at") WHERE "status" <> 'done'`,
    );
    await q.query(
      `CREATE INDEX "task_client_idx" ON "referrals"."task" ("org_id", "client_id", "created_at" DESC)`,
    );
    await q.query(
      `CREATE INDEX "task_completed_idx" ON "referrals"."task" ("org_id", "client_id", "completed_at" DESC)
        WHERE "completed_at" IS NOT NULL`,
    );

    await q.query(`CREATE TABLE "referrals"."task_contact_attempt" (
      "id" uuid PRIMARY KEY,
      "task_id" uuid NOT NULL REFERENCES "referrals"."task" ("id"),
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "method" text NOT NULL CHECK ("method" IN ('sms', 'phone_call', 'outreach_visit', 'via_pharmacy', 'via_hostel')),
      "outcome" text NOT NULL CHECK ("outcome" IN ('reached', 'no_answer', 'message_left', 'wrong_number',
        'not_found', 'other')),
      "note" text CHECK (length(btrim("note")) BETWEEN 1 AND 1000),
      "made_at" timestamptz NOT NULL,
      "recorded_by" text NOT NULL,
      "recorded_at" timestamptz NOT NULL,
      CHECK ("made_at" <= "recorded_at")
    )`);
    await q.query(
      `CREATE INDEX "task_contact_attempt_task_idx" ON "referrals"."task_contact_attempt" ("task_id", "made_at")`,
    );
    await q.query(
      `CREATE INDEX "task_contact_attempt_client_idx" ON "referrals"."task_contact_attempt" ("org_id", "client_id", "made_at" DESC)`,
    );
    await makeAppendOnly(q, REFERRALS_SCHEMA, 'task_contact_attempt');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnlyTable(q, REFERRALS_SCHEMA, 'task_contact_attempt');
    await q.query(`DROP TABLE "referrals"."task"`);
  }
}
