import type { EntityManager } from 'typeorm';
import type { Actor } from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import { addDays, londonDateOf, parseRrule, type RecurringTimes } from '@careloop/recurrence';
import type { ScheduleOnSite } from '../schedule/load-schedule';
import { openSlotsOverlapping } from '../slot/open-slots-overlapping';
import { announcePublished, insertSlots, type SlotOrigin } from '../slot/publish-slots';
import type { Slot } from '../slot/slot.entity';
import { extentOf, firstOverlap } from '../slot/slot-rules';
import { AvailabilityRule } from './availability-rule.entity';
import { exceptionsOverlapping } from './exceptions-overlapping';
import { expandRule } from './expand-rule';

/** The last London date the booking horizon covers at `now`. */
export function horizonDate(now: Date, horizonWeeks: number): string {
  return addDays(londonDateOf(now), horizonWeeks * 7);
}

export function ruleShape(rule: AvailabilityRule): RecurringTimes {
  return {
    recurrence: parseRrule(rule.rrule),
    startTime: rule.startTime,
    endTime: rule.endTime,
    slotMinutes: rule.slotMinutes,
    validFrom: rule.validFrom,
    validUntil: rule.validUntil,
  };
}

export interface Materialisation {
  /** The rule, locked or just inserted by the caller's transaction. */
  rule: AvailabilityRule;
  onSchedule: ScheduleOnSite;
  now: Date;
  horizonWeeks: number;
  actor: Actor;
}

/**
 * Makes a rule's slots from the day after `materialised_until` (or validFrom, or today) up to the
 * horizon (or validUntil, if earlier): future times only, none that fall in one of the schedule's
 * exceptions, and none that would overlap an open slot of the schedule (one published by hand, or by
 * another rule): those times are skipped, not an error, as the provider already offers them. The
 * caller holds the schedule row FOR UPDATE, so no slot is published into those times meanwhile. A
 * slot the rule already made is skipped too (and by the unique (rule, start) constraint, so a repeat
 * or a concurrent run makes no duplicate); slots.published.v1 names only the slots made here. A
 * reserving rule's slot whose release time has already passed is made open to all (`insertSlots`).
 * Records `materialised_until`, so the rule is not due again until the horizon moves on.
 */
export async function materialiseRule(
  manager: EntityManager,
  outbox: Outbox,
  { rule, onSchedule, now, horizonWeeks, actor }: Materialisation,
): Promise<Slot[]> {
  const horizon = horizonDate(now, horizonWeeks);
  const through = rule.validUntil !== null && rule.validUntil < horizon ? rule.validUntil : horizon;
  const from = [
    rule.validFrom,
    londonDateOf(now),
    rule.materialisedUntil ? addDays(rule.materialisedUntil, 1) : '',
  ]
    .sort()
    .at(-1)!;

  let made: Slot[] = [];
  if (from <= through) {
    const times = expandRule(ruleShape(rule), from, through).filter((t) => t.startsAt > now);
    if (times.length > 0) {
      const extent = extentOf(times);
      const exceptions = await exceptionsOverlapping(
        manager,
        rule.scheduleId,
        extent.startsAt,
        extent.endsAt,
      );
      const open = await openSlotsOverlapping(manager, rule.scheduleId, extent.startsAt, extent.endsAt);
      const clear = times
        .filter((t) => !firstOverlap(t, exceptions) && !firstOverlap(t, open))
        .map((t) => ({ ...t, capacity: rule.capacity }));
      const origin: SlotOrigin = {
        ...onSchedule,
        ruleId: rule.id,
        reservation: rule.reservedFor
          ? { reservedFor: rule.reservedFor, releaseBeforeMinutes: rule.releaseBeforeMinutes }
          : null,
        publishedBy: actor.id,
        publishedAt: now,
      };
      made = await insertSlots(manager, origin, clear);
      await announcePublished(manager, outbox, origin, made, actor);
    }
  }
  if (through >= rule.validFrom && (rule.materialisedUntil === null || through > rule.materialisedUntil)) {
    await manager.update(AvailabilityRule, { id: rule.id }, { materialisedUntil: through });
    rule.materialisedUntil = through;
  }
  return made;
}

/**
 * SQL condition (over availability_rule's columns) for a rule whose slots do not yet reach the horizon
 * date `$1`: not ended, started by then, and materialised short of both the horizon and validUntil.
 */
export const RULE_DUE_SQL = `"ended_at" IS NULL AND "valid_from" <= $1::date
  AND ("materialised_until" IS NULL
       OR "materialised_until" < LEAST($1::date, COALESCE("valid_until", $1::date)))`;
