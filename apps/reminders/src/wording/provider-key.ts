import { IsNull, type FindOptionsWhere } from 'typeorm';
import type { ProviderLocation } from './provider-location.entity';

/**
 * Which provider a location text is for: the provider's name as appointments give it (a clinic's
 * schedule name, "Fracture clinic"), within the provider's organisation (a whole hospital trust or
 * drug service, which runs many clinics). The organisation alone would give every clinic of a trust
 * one text; the name alone would give namesakes one text. Appointments from events that carry no
 * organisation have `providerOrgId: null`, and use only texts kept by name alone.
 */
export interface ProviderKey {
  providerOrgId: string | null;
  providerName: string;
}

/** The key of an appointment's (or a request's) provider. */
export function providerKeyOf(provider: {
  providerOrgId?: string | null;
  providerName: string;
}): ProviderKey {
  return { providerOrgId: provider.providerOrgId ?? null, providerName: provider.providerName };
}

/** The organisation's text for exactly that provider: a text kept by name alone never answers for one with an organisation. */
export function providerLocationWhere(orgId: string, key: ProviderKey): FindOptionsWhere<ProviderLocation> {
  return { orgId, providerOrgId: key.providerOrgId ?? IsNull(), providerName: key.providerName };
}
