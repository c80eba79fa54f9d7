import type { EntityManager } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { ProviderLocation } from './provider-location.entity';
import { findSensitiveWords } from './sensitive-words';
import type { ProviderLocationView } from './wording.dto';

/** Most providers one list returns. */
export const PROVIDER_LOCATION_LIST_LIMIT = 500;

/**
 * The organisation's providers: those with a location text, and those its clients have booked
 * appointments with, each with the location of its next appointment, so a manager sees where texts
 * would fall back to the appointment's location, and where that location is withheld.
 */
export async function loadProviderLocationViews(
  manager: EntityManager,
  orgId: string,
  now: Date,
  providerName?: string,
): Promise<ProviderLocationView[]> {
  const texts = await manager.find(ProviderLocation, {
    where: providerName === undefined ? { orgId } : { orgId, providerName },
    take: PROVIDER_LOCATION_LIST_LIMIT,
  });
  const upcoming = (await manager.query(
    `SELECT DISTINCT ON ("provider_name") "provider_name", "location"
       FROM "${REMINDERS_SCHEMA}"."appointment"
      WHERE "org_id" = $1 AND "status" = 'booked' AND "starts_at" > $2
        AND ($3::text IS NULL OR "provider_name" = $3)
      ORDER BY "provider_name", "starts_at"
      LIMIT ${PROVIDER_LOCATION_LIST_LIMIT}`,
    [orgId, now, providerName ?? null],
  )) as { provider_name: string; location: string }[];

  const names = new Set([...texts.map((t) => t.providerName), ...upcoming.map((u) => u.provider_name)]);
  return [...names].sort().map((name) => {
    const text = texts.find((t) => t.providerName === name);
    const location = upcoming.find((u) => u.provider_name === name)?.location ?? null;
    return {
      providerName: name,
      text: text?.text ?? null,
      updatedBy: text?.updatedBy ?? null,
      updatedAt: text?.updatedAt.toISOString() ?? null,
      upcomingLocation: location,
      locationWithheld: !text && location !== null && findSensitiveWords(location).length > 0,
    };
  });
}
