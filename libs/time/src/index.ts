export type { Clock, ObservableClock } from './clock';
export { isObservableClock } from './clock';
export { SystemClock } from './system-clock';
export { ManualClock } from './manual-clock';
export { LONDON, londonToInstant, toLondonWallClock, formatInLondon } from './london';
export { CLOCK } from './clock-token';
