import type { EntityManager } from 'typeorm';
import type { Slot } from './slot.entity';

/** The unique constraint that makes a repeat of a slot's making harmless: one slot per maker and start. */
export type OncePerMaker = 'slot_once_per_rule' | 'slot_once_per_inreach_session';

/**
 * Inserts new slots (open, no seat taken) in one statement and returns those inserted, in the given
 * order: a slot `once` says exists already (same rule or in-reach session, same start) is skipped, not
 * an error, which is what makes making the same slots twice, or from two processes at once, harmless.
 */
export async function insertNewSlots(
  manager: EntityManager,
  slots: readonly Slot[],
  once: OncePerMaker,
): Promise<Slot[]> {
  if (slots.length === 0) return [];
  const rows = slots.map((s) => ({
    id: s.id,
    org_id: s.orgId,
    schedule_id: s.scheduleId,
    site_id: s.siteId,
    rule_id: s.ruleId,
    service_type: s.serviceType,
    provider_name: s.providerName,
    location: s.location,
    starts_at: s.startsAt.toISOString(),
    ends_at: s.endsAt.toISOString(),
    capacity: s.capacity,
    reserved_for: s.reservedFor,
    release_at: s.releaseAt?.toISOString() ?? null,
    inreach_session_id: s.inreachSessionId,
    published_by: s.publishedBy,
    published_at: s.publishedAt.toISOString(),
  }));
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO "booking"."slot" ("id", "org_id", "schedule_id", "site_id", "rule_id", "service_type",
       "provider_name", "location", "starts_at", "ends_at", "capacity", "taken", "status", "reserved_for",
       "release_at", "inreach_session_id", "published_by", "published_at")
     SELECT r."id", r."org_id", r."schedule_id", r."site_id", r."rule_id", r."service_type", r."provider_name",
       r."location", r."starts_at", r."ends_at", r."capacity", 0, 'open', r."reserved_for", r."release_at",
       r."inreach_session_id", r."published_by", r."published_at"
       FROM jsonb_to_recordset($1::jsonb)
         AS r("id" uuid, "org_id" text, "schedule_id" uuid, "site_id" uuid, "rule_id" uuid, "service_type" text,
              "provider_name" text, "location" text, "starts_at" timestamptz, "ends_at" timestamptz,
              "capacity" integer, "reserved_for" jsonb, "release_at" timestamptz, "inreach_session_id" uuid,
              "published_by" text, "published_at" timestamptz)
     ON CONFLICT ON CONSTRAINT "${once}" DO NOTHING
     RETURNING "id"`,
    [JSON.stringify(rows)],
  );
  const made = new Set(inserted.map((r) => r.id));
  return slots.filter((s) => made.has(s.id));
}
