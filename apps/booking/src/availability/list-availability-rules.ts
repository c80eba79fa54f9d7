import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { loadOwnSchedule } from '../schedule/load-schedule';
import { toRuleView, type RuleView } from './availability.dto';
import { AvailabilityRule } from './availability-rule.entity';

/** The availability rules of one of the caller's schedules, ended ones included, oldest first. */
@Injectable()
export class ListAvailabilityRules {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, scheduleId: string): Promise<RuleView[]> {
    const manager = this.dataSource.manager;
    await loadOwnSchedule(manager, principal, scheduleId);
    const rules = await manager.find(AvailabilityRule, {
      where: { scheduleId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rules.map(toRuleView);
  }
}
