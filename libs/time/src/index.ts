export type { Clock, ObservableClock } from './clock';
export { isObservableClock } from './clock';
export { SystemClock } from './system-clock';
export { ManualClock } from './manual-clock';
export { LONDON, londonToInstant, toLondonWallClock, formatInLondon } from './london';
export { CLOCK } from './clock-token';
export {
  BANK_HOLIDAYS_KNOWN_UNTIL,
  END_OF_WORKING_DAY,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  addWorkingDays,
  endOfWorkingDay,
  isWorkingDay,
} from './working-days';
