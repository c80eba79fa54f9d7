import type { EntityManager } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { providerLocationWhere, type ProviderKey } from './provider-key';
import { ProviderLocation } from './provider-location.entity';
import { whereWithoutConsent } from './where-without-consent';
import type { ProviderLocationView } from './wording.dto';

/** Most providers one list returns. */
export const PROVIDER_LOCATION_LIST_LIMIT = 500;

interface AppointmentProvider {
  provider_org_id: string | null;
  provider_name: string;
  location: string | null;
}

/** A provider is its organisation (or none) and its name together, as texts are keyed. */
const keyOf = (providerOrgId: string | null, providerName: string) =>
  JSON.stringify([providerOrgId, providerName]);

/**
 * The organisation's providers: those with a location text, and those its clients have booked (or
 * been offered) appointments with, each with the location of its next appointment and what texts
 * will say for {where}, so a manager sees where texts fall back to the appointment's location, and
 * where that location is withheld and why. `only` narrows it to one provider.
 */
export async function loadProviderLocationViews(
  manager: EntityManager,
  orgId: string,
  now: Date,
  only?: ProviderKey,
): Promise<ProviderLocationView[]> {
  const texts = await manager.find(ProviderLocation, {
    where: only === undefined ? { orgId } : providerLocationWhere(orgId, only),
    take: PROVIDER_LOCATION_LIST_LIMIT,
  });
  const upcoming = (await manager.query(
    `SELECT DISTINCT ON ("provider_org_id", "provider_name") "provider_org_id", "provider_name", "location"
       FROM "${REMINDERS_SCHEMA}"."appointment"
      WHERE "org_id" = $1 AND "status" IN ('booked', 'offered') AND "starts_at" > $2
        AND ($3::text IS NULL OR ("provider_name" = $3 AND "provider_org_id" IS NOT DISTINCT FROM $4::text))
      ORDER BY "provider_org_id", "provider_name", "starts_at"
      LIMIT ${PROVIDER_LOCATION_LIST_LIMIT}`,
    [orgId, now, only?.providerName ?? null, only?.providerOrgId ?? null],
  )) as AppointmentProvider[];

  const views = new Map<string, ProviderLocationView>();
  for (const u of upcoming) views.set(keyOf(u.provider_org_id, u.provider_name), view(u, null));
  const nextAppointment = new Map(upcoming.map((u) => [keyOf(u.provider_org_id, u.provider_name), u]));
  for (const t of texts) {
    const key = keyOf(t.providerOrgId, t.providerName);
    const known = nextAppointment.get(key) ?? {
      provider_org_id: t.providerOrgId,
      provider_name: t.providerName,
      location: null,
    };
    views.set(key, view(known, t));
  }
  return [...views.values()].sort(byNameThenOrganisation);
}

function view(provider: AppointmentProvider, text: ProviderLocation | null): ProviderLocationView {
  const where =
    text === null && provider.location === null
      ? null
      : whereWithoutConsent(text?.text ?? null, provider.location ?? '');
  return {
    providerOrgId: provider.provider_org_id,
    providerName: provider.provider_name,
    text: text?.text ?? null,
    updatedBy: text?.updatedBy ?? null,
    updatedAt: text?.updatedAt.toISOString() ?? null,
    upcomingLocation: provider.location,
    whereInTexts: where?.where ?? null,
    locationWithheld: (where?.withheldBecause ?? null) !== null,
    withheldBecause: where?.withheldBecause ?? null,
  };
}

/** By name; namesakes by organisation id, the one without first, so the order is stable. */
function byNameThenOrganisation(a: ProviderLocationView, b: ProviderLocationView): number {
  return compare(a.providerName, b.providerName) || compare(a.providerOrgId ?? '', b.providerOrgId ?? '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
