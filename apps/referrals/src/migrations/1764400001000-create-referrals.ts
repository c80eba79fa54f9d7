import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The walking-skeleton referral: enough to refer a client on and follow the event across services. */
export class CreateReferrals1764400001000 implements MigrationInterface {
  name = 'CreateReferrals1764400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."referral" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL,
      "client_id" uuid NOT NULL,
      "destination_kind" text NOT NULL CHECK ("destination_kind" IN ('gp', 'outpatient', 'inreach', 'other')),
      "destination_name" text NOT NULL,
      "urgency" text NOT NULL CHECK ("urgency" IN ('routine', 'soon', 'urgent')),
      "reason" text NOT NULL,
      "status" text NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "referral_org_created_idx" ON "referrals"."referral" ("org_id", "created_at" DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "referrals"."referral"`);
  }
}
