import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { loadOwnSchedule } from '../schedule/load-schedule';
import { toExceptionView, type ExceptionView } from './availability.dto';
import { AvailabilityException } from './availability-exception.entity';

/** The exceptions of one of the caller's schedules, by start. */
@Injectable()
export class ListAvailabilityExceptions {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, scheduleId: string): Promise<ExceptionView[]> {
    const manager = this.dataSource.manager;
    await loadOwnSchedule(manager, principal, scheduleId);
    const exceptions = await manager.find(AvailabilityException, {
      where: { scheduleId },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    return exceptions.map(toExceptionView);
  }
}
