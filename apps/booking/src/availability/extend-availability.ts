import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { workThroughDueRows } from '@careloop/persistence';
import { BOOKING_POLICY, type BookingPolicy } from '../booking-policy';
import { loadSchedule } from '../schedule/load-schedule';
import type { TimerTask } from '../timers/timer-task';
import { AvailabilityRule } from './availability-rule.entity';
import { horizonDate, materialiseRule, RULE_DUE_SQL } from './materialise-rule';

/** Most rules one run extends; the rest are still due at the next run. */
export const RULES_PER_RUN = 200;

const TIMER_ACTOR: Actor = { kind: 'system', id: 'system:extend-availability' };

/**
 * Keeps every active availability rule's slots reaching the rolling booking horizon. A run asks
 * Postgres for the rules not yet materialised to today's horizon (one query; nothing else happens
 * when none is due, i.e. all but the first run of a day), then extends each in its own transaction,
 * locked and re-checked (workThroughDueRows), so two processes running at once share the rules
 * between them instead of doing one twice; the unique (rule, start) constraint would refuse a
 * duplicate slot anyway. Returns how many slots it made.
 */
@Injectable()
export class ExtendAvailability implements TimerTask {
  readonly name = 'extend-availability';

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(BOOKING_POLICY) private readonly policy: BookingPolicy,
  ) {}

  async run(now: Date): Promise<number> {
    const horizon = horizonDate(now, this.policy.horizonWeeks);
    return workThroughDueRows(
      this.dataSource,
      {
        table: '"booking"."availability_rule"',
        due: RULE_DUE_SQL,
        params: [horizon],
        orderBy: '"materialised_until" ASC NULLS FIRST, "id"',
        limit: RULES_PER_RUN,
        what: 'availability rule(s) to extend',
      },
      (manager, id) => this.extend(manager, id, now),
    );
  }

  /** Extends one rule, locked and still due, in the caller's transaction. */
  private async extend(manager: EntityManager, id: string, now: Date): Promise<number> {
    const rule = await manager.findOneByOrFail(AvailabilityRule, { id });
    const onSchedule = await loadSchedule(manager, rule.scheduleId, { lock: true });
    if (!onSchedule) throw new Error(`Availability rule ${id} has no schedule ${rule.scheduleId}`);
    const slots = await materialiseRule(manager, this.outbox, {
      rule,
      onSchedule,
      now,
      horizonWeeks: this.policy.horizonWeeks,
      actor: TIMER_ACTOR,
    });
    return slots.length;
  }
}
