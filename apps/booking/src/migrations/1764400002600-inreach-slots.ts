import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-reach sessions become booking slots. A slot made from a session carries the session's id, and
 * UNIQUE (inreach_session_id, starts_at) makes each of its slots once, however often the session is
 * published or its event redelivered. An in-reach service gets one schedule at its host's site
 * (UNIQUE inreach_service_id).
 *
 * A site's schedule names stay unique among the provider's own diaries only: two visiting services
 * may share a name and service type at one CDAS site (two providers of "Hepatitis C treatment"), or
 * share one with the CDAS's own diary, and are told apart by their service id. The unique constraint
 * becomes an exclusion constraint of the same name over the same columns for rows without a service
 * id: `ON CONFLICT ON CONSTRAINT "schedule_name_per_site" DO NOTHING` (creating a schedule) works on
 * it unchanged.
 *
 * `down` fails, and changes nothing, while two in-reach schedules share a site, name and service type.
 */
export class InreachSlots1764400002600 implements MigrationInterface {
  name = 'InreachSlots1764400002600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "booking"."slot" ADD COLUMN "inreach_session_id" uuid,
      ADD CONSTRAINT "slot_once_per_inreach_session" UNIQUE ("inreach_session_id", "starts_at")`);
    await q.query(`ALTER TABLE "booking"."schedule" ADD COLUMN "inreach_service_id" uuid,
      ADD CONSTRAINT "schedule_once_per_inreach_service" UNIQUE ("inreach_service_id")`);
    await q.query(`ALTER TABLE "booking"."schedule" DROP CONSTRAINT "schedule_name_per_site",
      ADD CONSTRAINT "schedule_name_per_site"
        EXCLUDE USING btree ("site_id" WITH =, "name" WITH =, "service_type" WITH =)
        WHERE ("inreach_service_id" IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "booking"."schedule" DROP CONSTRAINT "schedule_name_per_site",
      ADD CONSTRAINT "schedule_name_per_site" UNIQUE ("site_id", "name", "service_type")`);
    await q.query(`ALTER TABLE "booking"."schedule"
      DROP CONSTRAINT "schedule_once_per_inreach_service", DROP COLUMN "inreach_service_id"`);
    await q.query(`ALTER TABLE "booking"."slot"
      DROP CONSTRAINT "slot_once_per_inreach_session", DROP COLUMN "inreach_session_id"`);
  }
}
