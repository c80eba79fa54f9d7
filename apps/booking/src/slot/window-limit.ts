import { SlotError } from './slot.errors';
import { longerThanDays } from './slot-rules';

/**
 * Refuses a window of slots longer than `maxDays` London days, naming `to`: a window that is quietly
 * shortened would look like "no slots" in the part that was cut off.
 */
export function assertWindowWithin(window: { from: Date; to: Date }, maxDays: number): void {
  if (!longerThanDays(window, maxDays)) return;
  throw new SlotError('WINDOW_TOO_LONG', {
    detail: `to ${window.to.toISOString()} is more than ${maxDays} days after ${window.from.toISOString()}`,
    extensions: {
      errors: [{ path: 'to', message: `must be at most ${maxDays} days after ${window.from.toISOString()}` }],
    },
  });
}
