import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Physical-health needs with their status history, and recall (policy per organisation, checks done). */
export class CreateNeedsAndRecall1764400001200 implements MigrationInterface {
  name = 'CreateNeedsAndRecall1764400001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."need" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "category" text NOT NULL CHECK ("category" IN ('respiratory_copd', 'hepatitis_c', 'hepatitis_b', 'hiv',
        'wound_or_leg_ulcer', 'dvt', 'liver', 'cardiovascular', 'dental', 'mental_health', 'other')),
      "snomed_code" text CHECK ("snomed_code" ~ '^[1-9][0-9]{5,17}$'),
      "notes" text,
      "status" text NOT NULL CHECK ("status" IN ('open', 'referred', 'being_treated', 'resolved')),
      "identified_at" timestamptz NOT NULL,
      "identified_by" text NOT NULL,
      "recorded_by" text NOT NULL,
      "recorded_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "need_org_client_idx" ON "referrals"."need" ("org_id", "client_id", "identified_at" DESC)`,
    );
    await q.query(`CREATE TABLE "referrals"."need_status_change" (
      "id" uuid PRIMARY KEY,
      "need_id" uuid NOT NULL REFERENCES "referrals"."need" ("id"),
      "org_id" text NOT NULL,
      "from_status" text CHECK ("from_status" IN ('open', 'referred', 'being_treated', 'resolved')),
      "to_status" text NOT NULL CHECK ("to_status" IN ('open', 'referred', 'being_treated', 'resolved')),
      "reason" text NOT NULL,
      "changed_by" text NOT NULL,
      "changed_at" timestamptz NOT NULL,
      "seq" bigserial NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "need_status_change_need_idx" ON "referrals"."need_status_change" ("need_id", "seq")`,
    );
    await q.query(`CREATE TABLE "referrals"."recall_policy" (
      "org_id" text NOT NULL,
      "check_type" text NOT NULL CHECK ("check_type" IN
        ('physical_health_check', 'hepatitis_c_screen', 'hepatitis_b_screen', 'hiv_screen')),
      "applies" boolean NOT NULL,
      "interval_months" integer NOT NULL CHECK ("interval_months" BETWEEN 1 AND 60),
      "updated_by" text NOT NULL,
      "updated_at" timestamptz NOT NULL,
      PRIMARY KEY ("org_id", "check_type")
    )`);
    await q.query(`CREATE TABLE "referrals"."recall_check" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL REFERENCES "referrals"."client" ("id"),
      "check_type" text NOT NULL CHECK ("check_type" IN
        ('physical_health_check', 'hepatitis_c_screen', 'hepatitis_b_screen', 'hiv_screen')),
      "done_on" date NOT NULL,
      "done_by" text NOT NULL,
      "result_summary" text,
      "recorded_by" text NOT NULL,
      "recorded_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "recall_check_org_client_idx" ON "referrals"."recall_check" ("org_id", "client_id", "check_type", "done_on" DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "referrals"."recall_check"`);
    await q.query(`DROP TABLE "referrals"."recall_policy"`);
    await q.query(`DROP TABLE "referrals"."need_status_change"`);
    await q.query(`DROP TABLE "referrals"."need"`);
  }
}
