import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { Schedule } from '../schedule/schedule.entity';
import { lockSlots } from '../slot/lock-slots';
import { markWithdrawn } from '../slot/withdraw-slots';
import { toRuleView, type EndedRuleView } from './availability.dto';
import { AvailabilityRule } from './availability-rule.entity';
import { AvailabilityError } from './availability.errors';

export const RULE_ENDED_REASON = 'Recurring availability ended by the provider';

/**
 * Ends one of the caller's availability rules: it makes no more slots, and its free future slots are
 * withdrawn (slots.withdrawn.v1). Slots with a seat held or booked stay, with their appointments. The
 * rule row is locked first, so a timer run extending it either finished before or finds it ended;
 * the slots are locked (in id order, as booking does) so a booking cannot slip in.
 */
@Injectable()
export class EndAvailabilityRule {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, ruleId: string): Promise<EndedRuleView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const rule = await manager
        .getRepository(AvailabilityRule)
        .createQueryBuilder('rule')
        .innerJoin(Schedule, 'schedule', 'schedule.id = rule.scheduleId AND schedule.orgId = :orgId', {
          orgId: principal.orgId,
        })
        .where('rule.id = :ruleId', { ruleId })
        .setLock('pessimistic_write', undefined, ['rule'])
        .getOne();
      if (!rule) throw new AvailabilityError('RULE_NOT_FOUND', { detail: `No availability rule ${ruleId}` });
      if (rule.endedAt) {
        throw new AvailabilityError('RULE_ALREADY_ENDED', {
          detail: `Availability rule ${ruleId} ended at ${rule.endedAt.toISOString()}`,
        });
      }
      rule.endedAt = now;
      await manager.update(AvailabilityRule, { id: rule.id }, { endedAt: now });

      const free = await lockSlots(manager, {
        ruleId: rule.id,
        status: 'open',
        taken: 0,
        startsAt: MoreThan(now),
      });
      const withdrawn = await markWithdrawn(manager, this.outbox, free, {
        reason: RULE_ENDED_REASON,
        exceptionId: null,
        actor: { kind: 'user', id: principal.userId },
        now,
      });
      return { rule: toRuleView(rule), withdrawn };
    });
  }
}
