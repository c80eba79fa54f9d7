import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { InreachSession } from '@careloop/contracts';
import { Organisation } from '../organisation/organisation.entity';
import { Site } from '../organisation/site.entity';
import type { ScheduleOnSite } from '../schedule/load-schedule';
import { Schedule } from '../schedule/schedule.entity';
import { InreachError } from './inreach.errors';

/**
 * The host CDAS's site a session is held at, as booking knows it. The host must be registered with
 * booking as a CDAS and own the site: in-reach learnt its sites from site.registered.v1, so anything
 * else is an event booking must not act on (dead letter), never a reason to make slots elsewhere.
 */
export async function hostSite(manager: EntityManager, session: InreachSession): Promise<Site> {
  const host = await manager.findOneBy(Organisation, { id: session.hostOrgId });
  if (!host) {
    throw new InreachError('HOST_NOT_REGISTERED', {
      detail: `Organisation ${session.hostOrgId} is not registered with booking`,
      extensions: { sessionId: session.sessionId, hostOrgId: session.hostOrgId },
    });
  }
  if (host.kind !== 'cdas') {
    throw new InreachError('HOST_NOT_A_CDAS', {
      detail: `Organisation ${host.id} is registered as a ${host.kind}`,
      extensions: { sessionId: session.sessionId, hostOrgId: host.id },
    });
  }
  const site = await manager.findOneBy(Site, { id: session.siteId, orgId: host.id });
  if (!site) {
    throw new InreachError('SITE_NOT_HOSTS', {
      detail: `Site ${session.siteId} is not a site of ${host.id}`,
      extensions: { sessionId: session.sessionId, siteId: session.siteId, hostOrgId: host.id },
    });
  }
  return site;
}

/**
 * The in-reach service's schedule, made on its first session (a clinic at the host's site, named and
 * typed as the service) and locked FOR UPDATE until commit, as every change to what a schedule offers
 * locks it (see loadSchedule). A renamed or retyped service renames its schedule; slots already made
 * keep the words they were made with. The upsert on the service id makes one schedule per service even
 * when two of its sessions arrive at once.
 */
export async function lockServiceSchedule(
  manager: EntityManager,
  session: InreachSession,
  site: Site,
  createdBy: string,
  now: Date,
): Promise<ScheduleOnSite> {
  await manager.query(
    `INSERT INTO "booking"."schedule" ("id", "org_id", "site_id", "kind", "name", "service_type",
       "inreach_service_id", "created_by", "created_at")
     VALUES ($1, $2, $3, 'clinic', $4, $5, $6, $7, $8)
     ON CONFLICT ("inreach_service_id") DO UPDATE
       SET "name" = EXCLUDED."name", "service_type" = EXCLUDED."service_type"
       WHERE "schedule"."org_id" = EXCLUDED."org_id"`,
    [
      randomUUID(),
      session.hostOrgId,
      site.id,
      session.serviceName,
      session.serviceType,
      session.serviceId,
      createdBy,
      now,
    ],
  );
  // The upsert locked the row, updated or not; this reads it in the same transaction.
  const schedule = await manager.findOneByOrFail(Schedule, { inreachServiceId: session.serviceId });
  if (schedule.orgId !== session.hostOrgId) {
    throw new InreachError('SERVICE_HOSTED_ELSEWHERE', {
      detail: `In-reach service ${session.serviceId} has its slots at ${schedule.orgId}, not ${session.hostOrgId}`,
      extensions: { sessionId: session.sessionId, serviceId: session.serviceId },
    });
  }
  return { schedule, site };
}
