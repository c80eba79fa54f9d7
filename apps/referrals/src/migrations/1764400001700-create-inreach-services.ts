import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-reach services as in-reach registers them (inreach.service-registered.v1): a referral to
 * in-reach may name one, and joins its waiting list. `service_id` keeps the first registration. The
 * referral's foreign key is over (service, organisation): a referral can only name a service its own
 * organisation hosts, and only an in-reach referral names one.
 */
export class CreateInreachServices1764400001700 implements MigrationInterface {
  name = 'CreateInreachServices1764400001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."inreach_service" (
      "service_id" uuid PRIMARY KEY,
      "host_org_id" text NOT NULL CHECK (length("host_org_id") BETWEEN 1 AND 200),
      "site_id" uuid NOT NULL,
      "name" text NOT NULL CHECK (length("name") BETWEEN 1 AND 200),
      "service_type" text NOT NULL CHECK (length("service_type") BETWEEN 1 AND 100),
      "provider_name" text NOT NULL CHECK (length("provider_name") BETWEEN 1 AND 200),
      "registered_at" timestamptz NOT NULL,
      CONSTRAINT "inreach_service_of_host" UNIQUE ("service_id", "host_org_id")
    )`);
    await q.query(`ALTER TABLE "referrals"."referral" ADD COLUMN "inreach_service_id" uuid,
      ADD CONSTRAINT "referral_inreach_service_hosted" FOREIGN KEY ("inreach_service_id", "org_id")
        REFERENCES "referrals"."inreach_service" ("service_id", "host_org_id"),
      ADD CONSTRAINT "referral_inreach_service_only_inreach"
        CHECK ("inreach_service_id" IS NULL OR "destination_kind" = 'inreach')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals"."referral" DROP COLUMN "inreach_service_id"`);
    await q.query(`DROP TABLE "referrals"."inreach_service"`);
  }
}
