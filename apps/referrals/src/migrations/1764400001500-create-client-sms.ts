import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnlyTable, makeAppendOnly } from '@careloop/persistence';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/**
 * The client's SMS history as the reminders service reports it (reminder.sent, delivery-failed,
 * sms.reply-received): a projection for the timeline and the keyworker. Append-only: each row is a
 * fact that happened. `id` is the event's id; `message_id` the reminders service's message (sent,
 * delivery_failed) or reply (reply) id, unique per fact so the same fact published twice is kept once.
 * `appointment_id` has no foreign key: the appointment projection may not have it (yet).
 */
export class CreateClientSms1764400001500 implements MigrationInterface {
  name = 'CreateClientSms1764400001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."client_sms" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "kind" text NOT NULL CHECK ("kind" IN ('sent', 'delivery_failed', 'reply')),
      "message_id" uuid NOT NULL,
      "appointment_id" uuid,
      "step" text CHECK ("step" IN ('confirmation', 'three_days_before', 'evening_before', 'two_hours_before')),
      "text" text CHECK (length("text") <= 1600),
      "intent" text CHECK ("intent" IN ('confirm', 'rebook', 'opt_out', 'other')),
      "outcome" text CHECK ("outcome" IN ('undelivered', 'failed', 'unknown')),
      "error_code" text CHECK (length("error_code") BETWEEN 1 AND 50),
      "at" timestamptz NOT NULL,
      CONSTRAINT "client_sms_sent_has_text" CHECK ("kind" <> 'sent' OR length("text") >= 1),
      CONSTRAINT "client_sms_reply_has_text_and_intent"
        CHECK (("kind" = 'reply') = ("intent" IS NOT NULL) AND ("kind" <> 'reply' OR "text" IS NOT NULL)),
      CONSTRAINT "client_sms_failure_has_outcome" CHECK (("kind" = 'delivery_failed') = ("outcome" IS NOT NULL)),
      CONSTRAINT "client_sms_step_only_when_sent" CHECK ("kind" = 'sent' OR "step" IS NULL)
    )`);
    await q.query(
      `CREATE INDEX "client_sms_org_client_idx" ON "referrals"."client_sms" ("org_id", "client_id", "kind", "at" DESC)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "client_sms_sent_once" ON "referrals"."client_sms" ("message_id") WHERE "kind" = 'sent'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "client_sms_reply_once" ON "referrals"."client_sms" ("message_id") WHERE "kind" = 'reply'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "client_sms_failure_once" ON "referrals"."client_sms" ("message_id", "outcome")
        WHERE "kind" = 'delivery_failed'`,
    );
    await makeAppendOnly(q, REFERRALS_SCHEMA, 'client_sms');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnlyTable(q, REFERRALS_SCHEMA, 'client_sms');
  }
}
