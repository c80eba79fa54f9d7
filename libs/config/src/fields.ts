import { z } from 'zod';

// Field helpers for environment variables, which always arrive as strings.

/** A TCP port; 0 lets the OS pick one (handy in tests). */
export const port = () => z.coerce.number<string>().int().min(0).max(65535);

/** An absolute URL, optionally restricted to protocols such as ['postgres', 'postgresql']. */
export const url = (protocols?: readonly string[]) =>
  protocols ? z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) }) : z.url();

/** Exactly 'true' or 'false': a typo such as 'ture' fails at boot instead of silently meaning false. */
export const boolean = () =>
  z.enum(['true', 'false'], { error: "must be 'true' or 'false'" }).transform((value) => value === 'true');

/** A comma-separated list, trimmed, empty entries dropped, each entry checked by `item`. */
export const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((raw) =>
      raw
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    )
    .pipe(z.array(item));

/** One of a fixed set of values, e.g. oneOf(['twilio', 'notify', 'inbox']). */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);
