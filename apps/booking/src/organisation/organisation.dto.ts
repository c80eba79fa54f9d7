import { z } from 'zod';
import type { Organisation, ProviderKind } from './organisation.entity';
import type { Site } from './site.entity';

/** An organisation id as staff tokens carry it. */
export const orgIdSchema = z.string().trim().min(1).max(200);

export const registerOrganisationBody = z
  .object({
    /** As clients and CDAS staff will read it: "St Elsewhere Hospital NHS Trust". */
    name: z.string().trim().min(1).max(200),
  })
  .strict();
export type RegisterOrganisationBody = z.output<typeof registerOrganisationBody>;

export const createSiteBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** Shown to clients in reminders: the building and street, not directions. */
    address: z.string().trim().min(1).max(300),
  })
  .strict();
export type CreateSiteBody = z.output<typeof createSiteBody>;

export const listSitesQuery = z.object({ orgId: orgIdSchema.optional() }).strict();
export type ListSitesQuery = z.output<typeof listSitesQuery>;

export interface OrganisationView {
  id: string;
  name: string;
  kind: ProviderKind;
}

export interface SiteView {
  id: string;
  orgId: string;
  name: string;
  address: string;
}

export function toOrganisationView(o: Organisation): OrganisationView {
  return { id: o.id, name: o.name, kind: o.kind };
}

export function toSiteView(s: Site): SiteView {
  return { id: s.id, orgId: s.orgId, name: s.name, address: s.address };
}
