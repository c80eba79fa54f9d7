import { occurrenceDates, sessionSlots, type RecurringTimes, type SlotTimes } from '@careloop/recurrence';

/** Every slot a rule makes on its dates between `from` and `to` (London dates, inclusive), in order. */
export function expandRule(rule: RecurringTimes, from: string, to: string): SlotTimes[] {
  return occurrenceDates(rule, from, to).flatMap((date) => sessionSlots(date, rule));
}
