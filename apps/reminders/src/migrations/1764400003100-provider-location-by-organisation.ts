import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Provider names whose appointments in a CDAS all carry one and the same provider organisation id. */
const ONE_PROVIDER_ORG_PER_NAME = `"one_org" AS (
  SELECT "org_id", "provider_name", min("provider_org_id") AS "provider_org_id"
    FROM "reminders"."appointment"
   WHERE "provider_org_id" IS NOT NULL
   GROUP BY "org_id", "provider_name"
  HAVING count(DISTINCT "provider_org_id") = 1
)`;

/**
 * A provider's location text is keyed by the provider's organisation id together with its name.
 * Booking names an appointment's provider after the clinic's schedule ("Fracture clinic") and gives
 * the whole organisation (a hospital trust, a drug service) as its id: by organisation alone every
 * clinic of a trust would share one text; by name alone two clinics of one name elsewhere would.
 * Appointments from older events carry no organisation id, so `provider_org_id` may be NULL: such a
 * text is kept by name alone and serves only those appointments.
 *
 * One UNIQUE NULLS NOT DISTINCT constraint over (org_id, provider_org_id, provider_name): a name-only
 * text conflicts with another of the same name, and ON CONFLICT names the constraint's columns with
 * no predicate. The old primary key cannot include a nullable column, so rows get a surrogate `id`.
 *
 * Backfill: a text kept by name is copied to (its provider organisation, its name) when the CDAS's
 * appointments tie that name to exactly one provider organisation; a name under several
 * organisations, or with no appointment, stays by name only. No text is merged into another or
 * overwritten. The name-only original is removed only once copied, and only when no appointment of
 * the CDAS with that name lacks an organisation id (it would still need it).
 */
export class ProviderLocationByOrganisation1764400003100 implements MigrationInterface {
  name = 'ProviderLocationByOrganisation1764400003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "reminders"."provider_location"
      DROP CONSTRAINT "provider_location_pkey",
      ADD COLUMN "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      ADD COLUMN "provider_org_id" text`);
    await q.query(`ALTER TABLE "reminders"."provider_location"
      ADD PRIMARY KEY ("id"),
      ADD CONSTRAINT "provider_location_by_provider"
        UNIQUE NULLS NOT DISTINCT ("org_id", "provider_org_id", "provider_name")`);

    await q.query(`WITH ${ONE_PROVIDER_ORG_PER_NAME}
      INSERT INTO "reminders"."provider_location"
        ("org_id", "provider_org_id", "provider_name", "text", "updated_by", "updated_at")
      SELECT l."org_id", o."provider_org_id", l."provider_name", l."text", l."updated_by", l."updated_at"
        FROM "reminders"."provider_location" l
        JOIN "one_org" o ON o."org_id" = l."org_id" AND o."provider_name" = l."provider_name"
       WHERE l."provider_org_id" IS NULL
      ON CONFLICT ("org_id", "provider_org_id", "provider_name") DO NOTHING`);
    await q.query(`DELETE FROM "reminders"."provider_location" l
       WHERE l."provider_org_id" IS NULL
         AND EXISTS (
           SELECT 1 FROM "reminders"."provider_location" c
            WHERE c."org_id" = l."org_id" AND c."provider_name" = l."provider_name"
              AND c."provider_org_id" IS NOT NULL AND c."text" = l."text")
         AND NOT EXISTS (
           SELECT 1 FROM "reminders"."appointment" a
            WHERE a."org_id" = l."org_id" AND a."provider_name" = l."provider_name"
              AND a."provider_org_id" IS NULL)`);
  }

  /**
   * Back to one text per provider name, which cannot hold a clinic's text under two organisations:
   * where a name has several texts, the most recently updated one stays and the others are lost.
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "reminders"."provider_location" l
      WHERE EXISTS (
        SELECT 1 FROM "reminders"."provider_location" o
         WHERE o."org_id" = l."org_id" AND o."provider_name" = l."provider_name"
           AND (o."updated_at", o."id") > (l."updated_at", l."id"))`);
    await q.query(`ALTER TABLE "reminders"."provider_location"
      DROP CONSTRAINT "provider_location_by_provider",
      DROP CONSTRAINT "provider_location_pkey",
      DROP COLUMN "id",
      DROP COLUMN "provider_org_id"`);
    await q.query(`ALTER TABLE "reminders"."provider_location" ADD PRIMARY KEY ("org_id", "provider_name")`);
  }
}
