import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  Actor,
  EventData,
  EventEnvelope,
  InreachSession,
  inreachSessionWithdrawnV1,
} from '@careloop/contracts';
import type { ProviderKind } from '../../src/organisation/organisation.entity';
import type { Site } from '../../src/organisation/site.entity';
import { anOrganisationSite } from './booking-fixtures';

/**
 * In-reach as booking sees it: CDAS sites to host sessions, and the session events in-reach publishes,
 * with synthetic data. Override any part.
 */

type SessionWithdrawn = EventData<typeof inreachSessionWithdrawnV1>;

/** An organisation registered with booking (a CDAS unless said) and one site of it. */
export function aHostSite(
  manager: EntityManager,
  options: { orgId: string; kind?: ProviderKind; siteName?: string },
): Promise<Site> {
  return anOrganisationSite(manager, {
    orgId: options.orgId,
    kind: options.kind ?? 'cdas',
    name: options.siteName ?? `Riverside House ${randomUUID().slice(0, 8)}`,
    address: '12 High Street, Exampletown',
  });
}

/** A session as in-reach publishes it: by default 10:00-12:00 on Wednesday 9 January 2030 (GMT). */
export function aSession(
  site: Pick<Site, 'id' | 'orgId'>,
  overrides: Partial<InreachSession> = {},
): InreachSession {
  return {
    sessionId: randomUUID(),
    seriesId: randomUUID(),
    serviceId: randomUUID(),
    serviceType: 'hepatitis_c',
    serviceName: 'Hepatitis C treatment clinic',
    providerName: 'Northfield Liver Nurses',
    hostOrgId: site.orgId,
    siteId: site.id,
    roomName: 'Clinic room 2',
    startsAt: '2030-01-09T10:00:00.000Z',
    endsAt: '2030-01-09T12:00:00.000Z',
    slotMinutes: 30,
    seatsPerSlot: 2,
    walkInAllowance: 3,
    ...overrides,
  };
}

/** An envelope as another service's relay sends it (a new event id each time). */
export function envelope<T, TType extends string>(
  type: TType,
  subjectId: string,
  orgId: string,
  data: T,
  actor: Actor = { kind: 'user', id: 'user-inreach-coordinator' },
) {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date('2030-01-07T09:00:00Z').toISOString(),
    orgId,
    actor,
    correlationId: randomUUID(),
    causationId: null,
    subjectId,
    data,
  } satisfies EventEnvelope<T, TType>;
}

/** inreach.session-published.v1 for a session (a new event id each time: a re-publication). */
export function sessionPublished(
  session: InreachSession,
): EventEnvelope<InreachSession, 'inreach.session-published.v1'> {
  return envelope('inreach.session-published.v1', session.sessionId, session.hostOrgId, session);
}

/** inreach.session-withdrawn.v1 for a session. */
export function sessionWithdrawn(
  session: Pick<InreachSession, 'sessionId' | 'hostOrgId'>,
  overrides: Partial<SessionWithdrawn> = {},
): EventEnvelope<SessionWithdrawn, 'inreach.session-withdrawn.v1'> {
  return envelope('inreach.session-withdrawn.v1', session.sessionId, session.hostOrgId, {
    sessionId: session.sessionId,
    hostOrgId: session.hostOrgId,
    reason: 'cancelled' as const,
    note: 'Specialist on leave',
    withdrawnAt: new Date('2030-01-08T09:00:00Z').toISOString(),
    ...overrides,
  });
}

export interface SessionSlotRow {
  id: string;
  org_id: string;
  schedule_id: string;
  site_id: string;
  service_type: string;
  provider_name: string;
  location: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  status: string;
  withdrawn_reason: string | null;
  reserved_for: unknown;
  release_at: Date | null;
}

/** The slots booking made from a session, by start. */
export function slotsOfSession(dataSource: DataSource, sessionId: string): Promise<SessionSlotRow[]> {
  return dataSource.query(
    `SELECT id, org_id, schedule_id, site_id, service_type, provider_name, location, starts_at, ends_at,
            capacity, status, withdrawn_reason, reserved_for, release_at
       FROM booking.slot WHERE inreach_session_id = $1 ORDER BY starts_at`,
    [sessionId],
  );
}

/** The slots of each session, by start: one list per session, in the order given. */
export async function slotsOfSessions<T extends readonly InreachSession[]>(
  dataSource: DataSource,
  sessions: T,
): Promise<{ [K in keyof T]: SessionSlotRow[] }> {
  const slots = await Promise.all(sessions.map((s) => slotsOfSession(dataSource, s.sessionId)));
  return slots as { [K in keyof T]: SessionSlotRow[] };
}
