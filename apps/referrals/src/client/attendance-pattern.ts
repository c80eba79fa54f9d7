import { z } from 'zod';
import { WEEKDAYS, wallClockTimeSchema, weekdaySchema } from '@careloop/contracts';

const attendanceWindow = z
  .object({ day: weekdaySchema, from: wallClockTimeSchema, to: wallClockTimeSchema })
  .strict()
  .refine((w) => w.from < w.to, { path: ['to'], message: 'must be later than from' });

/**
 * When a client usually attends the CDAS: a list of weekly windows, none overlapping another on the
 * same day. Returned sorted by day then time, so equal patterns are equal values.
 */
export const attendancePatternSchema = z
  .array(attendanceWindow)
  .max(21)
  .superRefine((windows, ctx) => {
    windows.forEach((w, i) => {
      const clash = windows.findIndex(
        (other, j) => j < i && other.day === w.day && other.from < w.to && w.from < other.to,
      );
      if (clash >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `overlaps entry ${clash} on ${w.day}`,
        });
      }
    });
  })
  .transform((windows) =>
    [...windows].sort(
      (a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || a.from.localeCompare(b.from),
    ),
  );
