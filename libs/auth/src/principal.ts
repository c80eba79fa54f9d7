import { z } from 'zod';
import { organisationKindSchema, roleSchema, type OrganisationKind, type Role } from './roles';

/** The authenticated member of staff behind a request. */
export interface Principal {
  readonly userId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly orgId: string;
  readonly orgKind: OrganisationKind;
  readonly siteIds: readonly string[];
}

/** Names of the JWT claims Careloop reads. Any identity provider we trust must issue these. */
export const CLAIMS = {
  userId: 'sub',
  name: 'name',
  roles: 'roles',
  orgId: 'org_id',
  orgKind: 'org_kind',
  siteIds: 'site_ids',
} as const;

const id = z.string().trim().min(1).max(200);

/**
 * Unknown roles are refused rather than dropped, so a misconfigured identity provider shows up as a
 * clear 401 instead of staff silently losing access. `site_ids` may be absent: a user with no sites
 * simply sees no site-bound work.
 */
export const principalClaimsSchema = z.object({
  [CLAIMS.userId]: id,
  [CLAIMS.name]: z.string().trim().min(1).max(200),
  [CLAIMS.roles]: z.array(roleSchema).min(1, 'at least one role is required'),
  [CLAIMS.orgId]: id,
  [CLAIMS.orgKind]: organisationKindSchema,
  [CLAIMS.siteIds]: z.array(id).default([]),
});

export type PrincipalClaims = z.input<typeof principalClaimsSchema>;

export type ParsedPrincipal = { ok: true; principal: Principal } | { ok: false; problems: string[] };

/** Reads a principal from already verified claims, listing every missing or garbled claim. */
export function parsePrincipalClaims(claims: unknown): ParsedPrincipal {
  const parsed = principalClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'claims'}: ${i.message}`),
    };
  }
  const c = parsed.data;
  return {
    ok: true,
    principal: {
      userId: c.sub,
      name: c.name,
      roles: [...new Set(c.roles)],
      orgId: c.org_id,
      orgKind: c.org_kind,
      siteIds: c.site_ids,
    },
  };
}

/** The claims a token must carry for this principal; used by identity providers we run ourselves. */
export function claimsFor(principal: Principal): PrincipalClaims {
  return {
    [CLAIMS.userId]: principal.userId,
    [CLAIMS.name]: principal.name,
    [CLAIMS.roles]: [...principal.roles],
    [CLAIMS.orgId]: principal.orgId,
    [CLAIMS.orgKind]: principal.orgKind,
    [CLAIMS.siteIds]: [...principal.siteIds],
  };
}

/** True when the principal holds at least one of the roles. An empty list means any signed-in user. */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.length === 0 || roles.some((role) => principal.roles.includes(role));
}
