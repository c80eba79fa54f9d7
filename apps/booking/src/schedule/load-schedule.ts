import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Site } from '../organisation/site.entity';
import { Schedule } from './schedule.entity';
import { ScheduleError } from './schedule.errors';

export interface ScheduleOnSite {
  schedule: Schedule;
  site: Site;
}

export interface LoadScheduleOptions {
  /**
   * Hold the schedule row FOR UPDATE until commit. Every change to what a schedule offers takes it:
   * publishing slots, materialising a rule and adding an exception. They run one at a time per
   * schedule, so each one's checks (no overlap with an open slot, clear of exceptions) still hold when
   * it commits: two publishers cannot both insert overlapping slots, and no slot is published into an
   * exception's window between its check and its commit. Bookings never lock the schedule.
   */
  lock?: boolean;
}

/**
 * A schedule of the caller's organisation with its site. Another organisation's schedule is answered
 * exactly like a missing one, and is never locked.
 */
export async function loadOwnSchedule(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId'>,
  id: string,
  options: LoadScheduleOptions = {},
): Promise<ScheduleOnSite> {
  const found = await loadSchedule(manager, id, { ...options, orgId: principal.orgId });
  if (!found) throw new ScheduleError('SCHEDULE_NOT_FOUND', { detail: `No schedule ${id}` });
  return found;
}

/** A schedule and its site by id (for timer work, which acts for every organisation). */
export async function loadSchedule(
  manager: EntityManager,
  id: string,
  options: LoadScheduleOptions & { orgId?: string } = {},
): Promise<ScheduleOnSite | null> {
  const { orgId, lock } = options;
  const schedule = await manager.findOne(Schedule, {
    where: orgId === undefined ? { id } : { id, orgId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!schedule) return null;
  const site = await manager.findOneByOrFail(Site, { id: schedule.siteId });
  return { schedule, site };
}
