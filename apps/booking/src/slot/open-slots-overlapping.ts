import type { EntityManager } from 'typeorm';
import { MAX_SLOT_HOURS } from './slot.dto';
import { Slot } from './slot.entity';

/**
 * A schedule's open slots sharing time with [from, to), earliest first. No slot lasts longer than
 * MAX_SLOT_HOURS (the publishing schema; rules make at most 8 hours), so one that reaches `from`
 * starts at most that long before it: the bound keeps the scan on slot_schedule_idx's range.
 */
export function openSlotsOverlapping(
  manager: EntityManager,
  scheduleId: string,
  from: Date,
  to: Date,
): Promise<Slot[]> {
  return manager
    .getRepository(Slot)
    .createQueryBuilder('s')
    .where('s.scheduleId = :scheduleId', { scheduleId })
    .andWhere(`s.status = 'open'`)
    .andWhere('s.startsAt < :to', { to })
    .andWhere('s.startsAt > :earliest', { earliest: new Date(from.getTime() - MAX_SLOT_HOURS * 3_600_000) })
    .andWhere('s.endsAt > :from', { from })
    .orderBy('s.startsAt', 'ASC')
    .addOrderBy('s.id', 'ASC')
    .getMany();
}
