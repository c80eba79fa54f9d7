import { z } from 'zod';
import type { AttendanceDay, HighRiskReason, SlotWarning } from './slot-ranking';
import type { SlotView } from './slot.dto';

/**
 * Longest date range a search covers, in London days from its start (now, or `from` if later): a
 * longer `to` is refused with 422 WINDOW_TOO_LONG on `to`, never shortened. Without `to`, the search
 * covers DEFAULT_SEARCH_DAYS.
 */
export const MAX_SEARCH_DAYS = 92;
export const DEFAULT_SEARCH_DAYS = 28;

const instant = z.iso.datetime({ offset: true });

export const searchSlotsQuery = z
  .object({
    serviceType: z.string().trim().min(1).max(100).optional(),
    /** The provider organisation. */
    orgId: z.string().trim().min(1).max(200).optional(),
    siteId: z.uuid().optional(),
    scheduleId: z.uuid().optional(),
    from: instant.optional(),
    to: instant.optional(),
    /** Rank the slots for this client of the caller's organisation. */
    clientId: z.uuid().optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), {
    message: 'must be after from',
    path: ['to'],
  });
export type SearchSlotsQuery = z.output<typeof searchSlotsQuery>;

export interface SearchedSlotView extends SlotView {
  /** With a client: the slot is on one of their usual CDAS days, the day before or after, or neither (null). */
  attendanceDay: AttendanceDay | null;
  /** `more_than_7_days_away`: non-attendance rises with lead time. */
  warnings: SlotWarning[];
}

export interface SlotRankingView {
  clientId: string;
  highRiskOfNonAttendance: boolean;
  /** Why the client counts as high risk; empty when not. */
  reasons: HighRiskReason[];
}

export interface SlotSearchView {
  /** In ranked order (soonest first without a client), at most 500. */
  slots: SearchedSlotView[];
  /** Null when no client was given. */
  ranking: SlotRankingView | null;
}
