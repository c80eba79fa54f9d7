import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Site } from '../organisation/site.entity';
import { Schedule } from './schedule.entity';
import { ScheduleError } from './schedule.errors';

export interface ScheduleOnSite {
  schedule: Schedule;
  site: Site;
}

/**
 * How a change holds the schedule row until it commits. `publish`: slots are being added (FOR SHARE;
 * publishers do not wait for each other). `except`: an exception is being added (FOR UPDATE), so no
 * slot can be published into its window between its check and its commit.
 */
export type ScheduleLock = 'publish' | 'except';

const LOCK_MODES = { publish: 'pessimistic_read', except: 'pessimistic_write' } as const;

/**
 * A schedule of the caller's organisation with its site. Another organisation's schedule is answered
 * exactly like a missing one, and is never locked.
 */
export async function loadOwnSchedule(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId'>,
  id: string,
  lock?: ScheduleLock,
): Promise<ScheduleOnSite> {
  const found = await loadSchedule(manager, id, lock, principal.orgId);
  if (!found) throw new ScheduleError('SCHEDULE_NOT_FOUND', { detail: `No schedule ${id}` });
  return found;
}

/** A schedule and its site by id (for timer work, which acts for every organisation). */
export async function loadSchedule(
  manager: EntityManager,
  id: string,
  lock?: ScheduleLock,
  orgId?: string,
): Promise<ScheduleOnSite | null> {
  const schedule = await manager.findOne(Schedule, {
    where: orgId === undefined ? { id } : { id, orgId },
    ...(lock ? { lock: { mode: LOCK_MODES[lock] } } : {}),
  });
  if (!schedule) return null;
  const site = await manager.findOneByOrFail(Site, { id: schedule.siteId });
  return { schedule, site };
}
