import type { EntityManager } from 'typeorm';
import { AvailabilityException } from './availability-exception.entity';

/** A schedule's exceptions sharing time with [from, to), earliest first. */
export function exceptionsOverlapping(
  manager: EntityManager,
  scheduleId: string,
  from: Date,
  to: Date,
): Promise<AvailabilityException[]> {
  return manager
    .getRepository(AvailabilityException)
    .createQueryBuilder('e')
    .where('e.scheduleId = :scheduleId', { scheduleId })
    .andWhere('e.startsAt < :to', { to })
    .andWhere('e.endsAt > :from', { from })
    .orderBy('e.startsAt', 'ASC')
    .getMany();
}
