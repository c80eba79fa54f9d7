import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { EventEnvelope, RegisteredOrganisationKind } from '@careloop/contracts';

/**
 * Synthetic people, organisations and sites for in-reach's specs. Sites are written straight into
 * in-reach's projection (as site.registered.v1 would), so a spec about series does not need booking.
 */

/** A CDAS of the spec's own, so specs sharing nothing still never see each other's rows. */
export const aCdasOrgId = () => `org-cdas-${randomUUID().slice(0, 8)}`;

export function aCoordinator(orgId: string, overrides: Partial<Principal> = {}): Principal {
  return {
    userId: `user-${randomUUID().slice(0, 8)}`,
    name: 'Priya Shah',
    roles: ['inreach_coordinator'],
    orgId,
    orgKind: 'cdas',
    siteIds: [],
    ...overrides,
  };
}

/** A keyworker of the CDAS: reads in-reach, changes nothing. */
export function aDrugWorker(orgId: string): Principal {
  return aCoordinator(orgId, { name: 'Alex Morgan', roles: ['drug_worker'] });
}

export interface SiteFixture {
  siteId: string;
  orgId: string;
  orgName: string;
  orgKind: RegisteredOrganisationKind;
  name: string;
  address: string;
}

export function aSiteRegistration(overrides: Partial<SiteFixture> = {}): SiteFixture {
  return {
    siteId: randomUUID(),
    orgId: aCdasOrgId(),
    orgName: 'Riverside Recovery Service',
    orgKind: 'cdas',
    name: `High Street hub ${randomUUID().slice(0, 6)}`,
    address: '12 High Street, Riverside',
    ...overrides,
  };
}

/** Puts a site into in-reach's projection as if booking had announced it. */
export async function aKnownSite(
  dataSource: DataSource,
  overrides: Partial<SiteFixture> = {},
): Promise<SiteFixture> {
  const site = aSiteRegistration(overrides);
  await dataSource.query(
    `INSERT INTO inreach.site (site_id, org_id, org_name, org_kind, name, address, registered_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())`,
    [site.siteId, site.orgId, site.orgName, site.orgKind, site.name, site.address],
  );
  return site;
}

/** site.registered.v1 as booking publishes it. */
export function aSiteRegisteredEvent(site: SiteFixture, occurredAt = new Date()): EventEnvelope<SiteFixture> {
  return {
    id: randomUUID(),
    type: 'site.registered.v1',
    version: 1,
    occurredAt: occurredAt.toISOString(),
    orgId: site.orgId,
    actor: { kind: 'user', id: 'user-clinic-admin' },
    correlationId: randomUUID(),
    causationId: null,
    subjectId: site.siteId,
    data: site,
  };
}

export const aServiceBody = (siteId: string, overrides: Record<string, unknown> = {}) => ({
  siteId,
  name: 'Hepatitis C treatment',
  serviceType: 'hepatitis_c',
  providerName: 'St Elsewhere Hepatology',
  ...overrides,
});

/** Every Wednesday 10:00-13:00 London, 20-minute slots of one seat, two walk-ins. */
export const aWeeklySeriesBody = (roomId: string, overrides: Record<string, unknown> = {}) => ({
  roomId,
  rrule: 'FREQ=WEEKLY;BYDAY=WE',
  startTime: '10:00',
  endTime: '13:00',
  validFrom: '2026-03-02',
  slotMinutes: 20,
  walkInAllowance: 2,
  ...overrides,
});
