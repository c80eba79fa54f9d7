import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@careloop/time';
import {
  DEFAULT_SEARCH_DAYS,
  MAX_SEARCH_DAYS,
  toSlotView,
  type SearchSlotsQuery,
  type SlotView,
} from './slot.dto';
import { Slot } from './slot.entity';
import { searchWindow } from './slot-rules';

/** Most slots one search returns. */
export const SEARCH_LIMIT = 500;

/**
 * Future slots with a free seat, soonest first, for any signed-in member of staff. Reserved capacity
 * (slots a clinic holds for named organisations) and holds are not modelled yet: every slot is open.
 */
@Injectable()
export class SearchFreeSlots {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: SearchSlotsQuery): Promise<SlotView[]> {
    const window = searchWindow(this.clock.now(), query.from, query.to, DEFAULT_SEARCH_DAYS, MAX_SEARCH_DAYS);
    const qb = this.dataSource
      .getRepository(Slot)
      .createQueryBuilder('s')
      .where('s.booked < s.capacity')
      .andWhere('s.startsAt > :from', { from: window.from })
      .andWhere('s.startsAt < :to', { to: window.to });
    if (query.serviceType) qb.andWhere('s.serviceType = :serviceType', { serviceType: query.serviceType });
    const rows = await qb
      .orderBy('s.startsAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(SEARCH_LIMIT)
      .getMany();
    return rows.map(toSlotView);
  }
}
