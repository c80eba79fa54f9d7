import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminders service's model. The rows are the truth, jobs carry only a reminder id:
 * - client / appointment: what reminders keeps from client and booking events (latest wins);
 * - reminder: one planned step of one appointment version; re-planning supersedes, never edits;
 * - sms_message: one per text sent; UNIQUE (reminder_id) is the guard that a step is sent at most
 *   once, whatever the worker, the job queue or the event bus do;
 * - template / provider_location: wording per organisation; inbound_message: replies, once each.
 */
export class CreateReminders1764400003000 implements MigrationInterface {
  name = 'CreateReminders1764400003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "reminders"."client" (
      "client_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "version" integer NOT NULL,
      "given_name" text NOT NULL,
      "preferred_name" text,
      "keyworker_id" text NOT NULL,
      "mobile" text,
      "mobile_safe_to_text" boolean NOT NULL DEFAULT false,
      "sms_consent" boolean NOT NULL DEFAULT false,
      "name_service_consent" boolean NOT NULL DEFAULT false,
      "opted_out_at" timestamptz,
      "updated_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "client_mobile_idx" ON "reminders"."client" ("mobile")`);

    await q.query(`CREATE TABLE "reminders"."appointment" (
      "appointment_id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL,
      "status" text NOT NULL,
      "starts_at" timestamptz NOT NULL,
      "location" text NOT NULL,
      "provider_org_id" text,
      "provider_name" text NOT NULL,
      "service_type" text NOT NULL,
      "version" integer NOT NULL,
      "last_event_at" timestamptz NOT NULL,
      CONSTRAINT "appointment_status" CHECK ("status" IN ('booked', 'cancelled', 'attended', 'missed'))
    )`);
    await q.query(
      `CREATE INDEX "appointment_client_idx" ON "reminders"."appointment" ("client_id", "starts_at")`,
    );

    await q.query(`CREATE TABLE "reminders"."reminder" (
      "id" uuid PRIMARY KEY,
      "appointment_id" uuid NOT NULL REFERENCES "reminders"."appointment" ("appointment_id"),
      "client_id" uuid NOT NULL,
      "org_id" text NOT NULL,
      "step" text NOT NULL,
      "appointment_version" integer NOT NULL,
      "due_at" timestamptz NOT NULL,
      "status" text NOT NULL,
      "status_reason" text,
      "created_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL,
      CONSTRAINT "reminder_status" CHECK ("status" IN ('scheduled', 'sent', 'skipped', 'cancelled', 'superseded', 'unknown')),
      CONSTRAINT "reminder_once_per_version" UNIQUE ("appointment_id", "appointment_version", "step")
    )`);
    await q.query(
      `CREATE INDEX "reminder_due_idx" ON "reminders"."reminder" ("due_at") WHERE "status" = 'scheduled'`,
    );

    await q.query(`CREATE TABLE "reminders"."sms_message" (
      "id" uuid PRIMARY KEY,
      "reminder_id" uuid REFERENCES "reminders"."reminder" ("id"),
      "client_id" uuid NOT NULL,
      "org_id" text NOT NULL,
      "appointment_id" uuid,
      "to" text NOT NULL,
      "body" text NOT NULL,
      "encoding" text NOT NULL,
      "segments" integer NOT NULL,
      "gateway" text NOT NULL,
      "gateway_message_id" text,
      "status" text NOT NULL,
      "error_code" text,
      "created_at" timestamptz NOT NULL,
      "sent_at" timestamptz,
      "status_updated_at" timestamptz NOT NULL,
      CONSTRAINT "sms_message_status" CHECK ("status" IN ('sending', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'unknown')),
      CONSTRAINT "sms_message_once_per_reminder" UNIQUE ("reminder_id"),
      CONSTRAINT "sms_message_gateway_id" UNIQUE ("gateway", "gateway_message_id")
    )`);
    await q.query(
      `CREATE INDEX "sms_message_client_idx" ON "reminders"."sms_message" ("client_id", "created_at")`,
    );
    await q.query(`CREATE INDEX "sms_message_to_idx" ON "reminders"."sms_message" ("to", "created_at")`);

    await q.query(`CREATE TABLE "reminders"."template" (
      "org_id" text NOT NULL,
      "step" text NOT NULL,
      "body" text NOT NULL,
      "names_service" boolean NOT NULL,
      "updated_by" text NOT NULL,
      "updated_at" timestamptz NOT NULL,
      PRIMARY KEY ("org_id", "step")
    )`);
    await q.query(`CREATE TABLE "reminders"."provider_location" (
      "org_id" text NOT NULL,
      "provider_name" text NOT NULL,
      "text" text NOT NULL,
      "updated_by" text NOT NULL,
      "updated_at" timestamptz NOT NULL,
      PRIMARY KEY ("org_id", "provider_name")
    )`);

    await q.query(`CREATE TABLE "reminders"."inbound_message" (
      "id" uuid PRIMARY KEY,
      "gateway" text NOT NULL,
      "gateway_message_id" text NOT NULL,
      "from" text NOT NULL,
      "body" text NOT NULL,
      "client_id" uuid,
      "appointment_id" uuid,
      "intent" text NOT NULL,
      "received_at" timestamptz NOT NULL,
      CONSTRAINT "inbound_message_once" UNIQUE ("gateway", "gateway_message_id")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'inbound_message',
      'provider_location',
      'template',
      'sms_message',
      'reminder',
      'appointment',
      'client',
    ]) {
      await q.query(`DROP TABLE "reminders"."${table}"`);
    }
  }
}
