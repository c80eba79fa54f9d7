import { z } from 'zod';
import { sessionSlots } from '@careloop/recurrence';
import { toLondonWallClock } from '@careloop/time';
import type { CancellationCause, Session, SessionStatus } from './session.entity';

export const sessionIdParam = z.uuid();

/** Longest window one list of sessions covers, in London days (a quarter). */
export const MAX_SESSION_LIST_DAYS = 92;

const londonDate = z.iso.date();
const DAY_MS = 86_400_000;

export const listSessionsQuery = z
  .object({
    serviceId: z.uuid().optional(),
    /** London dates, both inclusive. */
    from: londonDate,
    to: londonDate,
  })
  .strict()
  .superRefine((q, ctx) => {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1;
    if (Number.isNaN(days)) return; // a date is malformed: already reported
    if (days < 1) ctx.addIssue({ code: 'custom', message: 'must be on or after from', path: ['to'] });
    if (days > MAX_SESSION_LIST_DAYS) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most ${MAX_SESSION_LIST_DAYS} days from from (both included)`,
        path: ['to'],
      });
    }
  });
export type ListSessionsQuery = z.output<typeof listSessionsQuery>;

export const cancelSessionBody = z
  .object({
    /** Why, in staff's words: booking shows it beside the withdrawn slots ("specialist off sick"). */
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type CancelSessionBody = z.output<typeof cancelSessionBody>;

export interface SessionView {
  id: string;
  seriesId: string | null;
  serviceId: string;
  roomId: string;
  /** London date. */
  date: string;
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  seatsPerSlot: number;
  /**
   * Whole slots booking makes of it: a last part shorter than slotMinutes makes no slot (10:00-12:50
   * in 20-minute slots is 8 slots, 12:40-12:50 unused).
   */
  bookableSlots: number;
  walkInAllowance: number;
  status: SessionStatus;
  cancelledBecause: CancellationCause | null;
  cancelReason: string | null;
  publishedAt: string | null;
  cancelledAt: string | null;
}

/**
 * A cancelled session, and how many clients booked into it booking will now move (from in-reach's copy
 * of booking's appointments: informational, booking decides).
 */
export interface CancelledSessionView extends SessionView {
  bookedClientsToMove: number;
}

/** The slots booking cuts the session into, by the same function booking uses. */
export function bookableSlotsOf(session: Pick<Session, 'startsAt' | 'endsAt' | 'slotMinutes'>): number {
  const start = toLondonWallClock(session.startsAt);
  const end = toLondonWallClock(session.endsAt);
  return sessionSlots(start.date, {
    startTime: start.time.slice(0, 5),
    endTime: end.time.slice(0, 5),
    slotMinutes: session.slotMinutes,
  }).length;
}

export function toSessionView(s: Session): SessionView {
  return {
    id: s.id,
    seriesId: s.seriesId,
    serviceId: s.serviceId,
    roomId: s.roomId,
    date: s.sessionDate,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    slotMinutes: s.slotMinutes,
    seatsPerSlot: s.seatsPerSlot,
    bookableSlots: bookableSlotsOf(s),
    walkInAllowance: s.walkInAllowance,
    status: s.status,
    cancelledBecause: s.cancelledBecause,
    cancelReason: s.cancelReason,
    publishedAt: s.publishedAt?.toISOString() ?? null,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
  };
}
