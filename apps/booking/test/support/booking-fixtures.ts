import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { AttendanceWindow, ClientFlags, ReservedFor } from '@careloop/contracts';
import { BookingClient } from '../../src/client/booking-client.entity';
import { Organisation, type ProviderKind } from '../../src/organisation/organisation.entity';
import { Site } from '../../src/organisation/site.entity';
import { Schedule } from '../../src/schedule/schedule.entity';
import { Slot } from '../../src/slot/slot.entity';

/**
 * Rows written straight into booking's tables, so a test of one context (search, appointments,
 * reservations) does not depend on another context's API to set up its world.
 */

export const RIVERSIDE_CDAS = 'org-riverside-cdas';
export const ST_ELSEWHERE = 'org-st-elsewhere';

export function aPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    userId: `user-${randomUUID()}`,
    name: 'Alex Morgan',
    roles: ['drug_worker'],
    orgId: RIVERSIDE_CDAS,
    orgKind: 'cdas',
    siteIds: [],
    ...overrides,
  };
}

export function aClinicAdmin(overrides: Partial<Principal> = {}): Principal {
  return aPrincipal({
    name: 'Jo Bennett',
    roles: ['clinic_admin'],
    orgId: ST_ELSEWHERE,
    orgKind: 'hospital',
    ...overrides,
  });
}

/** An organisation registered with booking (unless it is already) and a new site of it. */
export async function anOrganisationSite(
  manager: EntityManager,
  options: { orgId: string; kind: ProviderKind; name: string; address: string },
): Promise<Site> {
  const now = new Date();
  await manager
    .createQueryBuilder()
    .insert()
    .into(Organisation)
    .values({
      id: options.orgId,
      name: `Organisation ${options.orgId}`,
      kind: options.kind,
      updatedBy: 'fixture',
      updatedAt: now,
    })
    .orIgnore()
    .execute();
  const site = manager.create(Site, {
    id: randomUUID(),
    orgId: options.orgId,
    name: options.name,
    address: options.address,
    createdBy: 'fixture',
    createdAt: now,
  });
  await manager.insert(Site, site);
  return site;
}

/** An organisation with one site and one schedule on it. */
export async function aSchedule(
  manager: EntityManager,
  options: {
    orgId?: string;
    orgKind?: ProviderKind;
    serviceType?: string;
    name?: string;
    siteName?: string;
  } = {},
): Promise<Schedule> {
  const orgId = options.orgId ?? ST_ELSEWHERE;
  const now = new Date();
  const site = await anOrganisationSite(manager, {
    orgId,
    kind: options.orgKind ?? 'hospital',
    name: options.siteName ?? `Outpatients ${randomUUID().slice(0, 8)}`,
    address: 'Outpatients B, St Elsewhere Hospital, Lower Road',
  });
  const schedule = manager.create(Schedule, {
    id: randomUUID(),
    orgId,
    siteId: site.id,
    kind: 'clinic',
    name: options.name ?? 'Respiratory clinic',
    serviceType: options.serviceType ?? 'respiratory',
    createdBy: 'fixture',
    createdAt: now,
  });
  await manager.insert(Schedule, schedule);
  return schedule;
}

/** A slot on a schedule; reserved when `reservedFor` is given. */
export async function aSlotOn(
  manager: EntityManager,
  schedule: Schedule,
  options: {
    startsAt: string;
    minutes?: number;
    capacity?: number;
    reservedFor?: ReservedFor;
    releaseAt?: string | null;
  },
): Promise<Slot> {
  const startsAt = new Date(options.startsAt);
  const site = await manager.findOneByOrFail(Site, { id: schedule.siteId });
  const slot = manager.create(Slot, {
    id: randomUUID(),
    orgId: schedule.orgId,
    scheduleId: schedule.id,
    siteId: schedule.siteId,
    ruleId: null,
    serviceType: schedule.serviceType,
    providerName: schedule.name,
    location: site.address,
    startsAt,
    endsAt: new Date(startsAt.getTime() + (options.minutes ?? 20) * 60_000),
    capacity: options.capacity ?? 1,
    taken: 0,
    status: 'open',
    withdrawnReason: null,
    withdrawnAt: null,
    reservedFor: options.reservedFor ?? null,
    releaseAt: options.releaseAt ? new Date(options.releaseAt) : null,
    releasedAt: null,
    publishedBy: 'fixture',
    publishedAt: new Date(),
  });
  await manager.insert(Slot, slot);
  return slot;
}

/** A client as booking learns it from client events. */
export async function aBookingClient(
  manager: EntityManager,
  options: {
    orgId?: string;
    attendancePattern?: AttendanceWindow[];
    flags?: Partial<ClientFlags>;
    clientId?: string;
  } = {},
): Promise<BookingClient> {
  const client = manager.create(BookingClient, {
    clientId: options.clientId ?? randomUUID(),
    orgId: options.orgId ?? RIVERSIDE_CDAS,
    version: 1,
    givenName: 'Sam',
    familyName: 'Taylor',
    preferredName: null,
    dateOfBirth: '1979-04-12',
    nhsNumber: '9434765919',
    keyworkerId: 'alex.morgan',
    attendancePattern: options.attendancePattern ?? [{ day: 'tue', from: '09:00', to: '12:00' }],
    flags: {
      noFixedAbode: false,
      recentlyReleasedFromPrison: false,
      interpreterNeeded: false,
      interpreterLanguage: null,
      ...options.flags,
    },
    updatedAt: new Date(),
  });
  await manager.insert(BookingClient, client);
  return client;
}
