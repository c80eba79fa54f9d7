import { z } from 'zod';
import { namedParam } from '../need/named-param';
import { parseBefore, type TimelineCursor } from './timeline-cursor';
import { NOT_YET_AVAILABLE_KINDS, type TimelineEntry } from './timeline-entry';

/**
 * `before`: the `nextBefore` of the previous page, or an ISO instant (entries strictly earlier).
 * `limit`: 1 to 100, 20 when absent.
 */
export const timelineQuery = z
  .object({
    before: z
      .string()
      .max(200)
      .transform((value, ctx): TimelineCursor => {
        const cursor = parseBefore(value);
        if (cursor) return cursor;
        ctx.addIssue({ code: 'custom', message: 'must be an ISO date-time or the nextBefore of a page' });
        return z.NEVER;
      })
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type TimelineQuery = z.output<typeof timelineQuery>;

export const clientIdParam = namedParam('clientId', z.uuid('must be a client id (uuid)'));

export interface TimelineView {
  clientId: string;
  entries: TimelineEntry[];
  /** Pass as `before` to read on; null at the start of the client's record. */
  nextBefore: string | null;
  /** Kinds not shown yet because their data does not reach this service yet. */
  notYetAvailable: readonly string[];
}

export const NOT_YET_AVAILABLE: readonly string[] = NOT_YET_AVAILABLE_KINDS;
