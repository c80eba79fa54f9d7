import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service's referrals report shared with a commissioning organisation (ADR 27). Revoking keeps the
 * row; the partial unique index keeps one live share per service and commissioner, so of two
 * managers sharing at once one inserts and the other finds it.
 */
export class CreateReportShares1764400002200 implements MigrationInterface {
  name = 'CreateReportShares1764400002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "referrals"."report_share" (
      "id" uuid PRIMARY KEY,
      "org_id" text NOT NULL CHECK (length("org_id") BETWEEN 1 AND 200),
      "commissioner_org_id" text NOT NULL CHECK (length("commissioner_org_id") BETWEEN 1 AND 200),
      "shared_by" text NOT NULL CHECK (length("shared_by") >= 1),
      "shared_at" timestamptz NOT NULL,
      "revoked_by" text CHECK (length("revoked_by") >= 1),
      "revoked_at" timestamptz,
      CONSTRAINT "report_share_not_own" CHECK ("commissioner_org_id" <> "org_id"),
      CONSTRAINT "report_share_revoked_whole" CHECK (("revoked_by" IS NULL) = ("revoked_at" IS NULL))
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "report_share_one_live" ON "referrals"."report_share" ("org_id", "commissioner_org_id")
        WHERE "revoked_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "report_share_received_idx" ON "referrals"."report_share" ("commissioner_org_id", "shared_at" DESC)
        WHERE "revoked_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "report_share_org_idx" ON "referrals"."report_share" ("org_id", "shared_at" DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "referrals"."report_share"`);
  }
}
