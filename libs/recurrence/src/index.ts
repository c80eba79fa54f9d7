export { parseRrule, RruleNotAccepted, type Recurrence, type Until } from './rrule';
export { addDays, londonDateOf, minutesOf } from './calendar-dates';
export { occurrenceDates, type RecurringTimes } from './occurrence-dates';
export {
  sessionInstants,
  sessionSlots,
  type SessionInstants,
  type SessionTimes,
  type SlotTimes,
} from './session-times';
export { clockTimeSchema, isClockTime, rruleSchema } from './recurrence-schemas';
