import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
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
 * when none is due, i.e. all but the first run of a day), then extends each in its own transaction.
 * Each rule is locked FOR UPDATE SKIP LOCKED and re-checked, so two processes running at once share
 * the rules between them instead of doing one twice; the unique (rule, start) constraint would refuse
 * a duplicate slot anyway. Returns how many slots it made.
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
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT "id" FROM "booking"."availability_rule" WHERE ${RULE_DUE_SQL}
        ORDER BY "materialised_until" ASC NULLS FIRST, "id" LIMIT ${RULES_PER_RUN}`,
      [horizon],
    );
    let made = 0;
    const failures: unknown[] = [];
    // One rule at a time, each in its own transaction: a rule that fails does not hold back the others.
    for (const { id } of due) {
      try {
        made += await this.dataSource.transaction((manager) => this.extend(manager, id, horizon, now));
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      throw new AggregateError(
        failures,
        `${failures.length} of ${due.length} availability rule(s) could not be extended`,
      );
    }
    return made;
  }

  private async extend(manager: EntityManager, id: string, horizon: string, now: Date): Promise<number> {
    const locked: { id: string }[] = await manager.query(
      `SELECT "id" FROM "booking"."availability_rule" WHERE "id" = $2 AND ${RULE_DUE_SQL}
        FOR UPDATE SKIP LOCKED`,
      [horizon, id],
    );
    if (locked.length === 0) return 0; // another process has it, or it was extended or ended meanwhile
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
