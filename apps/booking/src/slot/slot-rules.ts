import { DateTime } from 'luxon';
import { LONDON } from '@careloop/time';

/** Indexes of the slots that do not start after `now`: a provider publishes future time only. */
export function slotsNotInFuture(slots: readonly { startsAt: string }[], now: Date): number[] {
  return slots.flatMap((s, i) => (Date.parse(s.startsAt) > now.getTime() ? [] : [i]));
}

/**
 * The window a search covers: from now (or `from`, if later) to `to`, or a default span when `to` is
 * absent. A `to` too far away is refused by the caller (`assertWindowWithin`), never shortened.
 */
export function searchWindow(
  now: Date,
  from: string | undefined,
  to: string | undefined,
  defaultDays: number,
): { from: Date; to: Date } {
  const day = 24 * 60 * 60 * 1000;
  const start = new Date(Math.max(now.getTime(), from ? Date.parse(from) : now.getTime()));
  const end = to ? new Date(to) : new Date(start.getTime() + defaultDays * day);
  return { from: start, to: end };
}

/** Whether `to` is later than `days` London calendar days after `from` (same wall-clock time). */
export function longerThanDays(window: { from: Date; to: Date }, days: number): boolean {
  const limit = DateTime.fromJSDate(window.from, { zone: LONDON }).plus({ days });
  return window.to.getTime() > limit.toMillis();
}

export interface TimeSpan {
  startsAt: Date;
  endsAt: Date;
}

/** The first span that shares time with `slot` (touching ends do not count), if any. */
export function firstOverlap<T extends TimeSpan>(slot: TimeSpan, spans: readonly T[]): T | undefined {
  return spans.find((s) => overlaps(s, slot));
}

export function overlaps(a: TimeSpan, b: TimeSpan): boolean {
  return a.startsAt < b.endsAt && a.endsAt > b.startsAt;
}

/**
 * Slots of one request that share time with another of the request: each one named with an earlier
 * (by start) slot it overlaps, so `[0, 1]` reads "slot 1 overlaps slot 0". Indexes are the request's.
 */
export function overlapsWithin(spans: readonly TimeSpan[]): { index: number; overlapsIndex: number }[] {
  const byStart = spans
    .map((span, index) => ({ span, index }))
    .sort((a, b) => a.span.startsAt.getTime() - b.span.startsAt.getTime() || a.index - b.index);
  const found: { index: number; overlapsIndex: number }[] = [];
  // The slot reaching furthest so far: a later start before its end overlaps it.
  let furthest: (typeof byStart)[number] | undefined;
  for (const current of byStart) {
    if (furthest && overlaps(furthest.span, current.span)) {
      found.push({ index: current.index, overlapsIndex: furthest.index });
    }
    if (!furthest || current.span.endsAt > furthest.span.endsAt) furthest = current;
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The earliest start and latest end of some spans (at least one). */
export function extentOf(spans: readonly TimeSpan[]): TimeSpan {
  let startsAt = Infinity;
  let endsAt = -Infinity;
  for (const s of spans) {
    startsAt = Math.min(startsAt, s.startsAt.getTime());
    endsAt = Math.max(endsAt, s.endsAt.getTime());
  }
  return { startsAt: new Date(startsAt), endsAt: new Date(endsAt) };
}

/** Most slot ids one slots.* event carries (its contract's limit); larger changes send several. */
export const SLOT_EVENT_BATCH = 2000;

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
