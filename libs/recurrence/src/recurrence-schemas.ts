import { z } from 'zod';
import { parseRrule, RruleNotAccepted } from './rrule';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether `value` is a wall-clock time HH:mm from 00:00 to 23:59 (for checks across fields). */
export function isClockTime(value: string): boolean {
  return CLOCK_TIME.test(value);
}

/** A request field holding a wall-clock time of day, HH:mm. */
export const clockTimeSchema = z.string().regex(CLOCK_TIME, 'must be a time HH:mm from 00:00 to 23:59');

/** A request field holding an RRULE of the subset we accept; the parser's message names the part it refused. */
export const rruleSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .superRefine((text, ctx) => {
    try {
      parseRrule(text);
    } catch (error) {
      if (!(error instanceof RruleNotAccepted)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  });
