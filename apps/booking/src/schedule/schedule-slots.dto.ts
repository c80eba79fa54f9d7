import { z } from 'zod';
import type { ReservedFor } from '@careloop/contracts';
import { SLOT_STATUSES, type SlotStatus } from '../slot/slot.entity';

/** Without from/to: today and the next 27 London days. */
export const DEFAULT_SCHEDULE_SLOT_DAYS = 28;
/** Longest window one list covers (London days); longer is refused with 422 WINDOW_TOO_LONG. */
export const MAX_SCHEDULE_SLOT_DAYS = 92;
/** Most slots one list returns; `truncated` says when there were more. */
export const SCHEDULE_SLOT_LIMIT = 2000;

const instant = z.iso.datetime({ offset: true });

export const scheduleSlotsQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    /** Only open, or only withdrawn, slots; every slot when absent. */
    status: z.enum(SLOT_STATUSES).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), {
    message: 'must be after from',
    path: ['to'],
  });
export type ScheduleSlotsQuery = z.output<typeof scheduleSlotsQuery>;

/** One slot as the clinic that publishes it sees it: counts only, nothing about the clients. */
export interface ScheduleSlotView {
  id: string;
  /** The availability rule that made it; null when published by hand. */
  ruleId: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  /** Seats held or booked. */
  taken: number;
  free: number;
  seats: { held: number; booked: number };
  status: SlotStatus;
  withdrawnReason: string | null;
  withdrawnAt: string | null;
  /** Who it is or was reserved for (kept after the release, which `releasedAt` records); null if never. */
  reservation: { reservedFor: ReservedFor; releaseAt: string | null; releasedAt: string | null } | null;
}

export interface ScheduleSlotsView {
  scheduleId: string;
  /** Slots starting from `from` (inclusive) to `to` (exclusive), by start. */
  from: string;
  to: string;
  slots: ScheduleSlotView[];
  /** More slots start in the window than one list returns: ask for a shorter window. */
  truncated: boolean;
}
