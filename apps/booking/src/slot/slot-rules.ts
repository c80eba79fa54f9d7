/** Indexes of the slots that do not start after `now`: a provider publishes future time only. */
export function slotsNotInFuture(slots: readonly { startsAt: string }[], now: Date): number[] {
  return slots.flatMap((s, i) => (Date.parse(s.startsAt) > now.getTime() ? [] : [i]));
}

/** The window a search covers: from now (or later) to `to`, or a default span, capped. */
export function searchWindow(
  now: Date,
  from: string | undefined,
  to: string | undefined,
  defaultDays: number,
  maxDays: number,
): { from: Date; to: Date } {
  const day = 24 * 60 * 60 * 1000;
  const start = new Date(Math.max(now.getTime(), from ? Date.parse(from) : now.getTime()));
  const requested = to ? Date.parse(to) : start.getTime() + defaultDays * day;
  const end = new Date(Math.min(requested, start.getTime() + maxDays * day));
  return { from: start, to: end };
}

export interface TimeSpan {
  startsAt: Date;
  endsAt: Date;
}

/** The first span that shares time with `slot` (touching ends do not count), if any. */
export function firstOverlap<T extends TimeSpan>(slot: TimeSpan, spans: readonly T[]): T | undefined {
  return spans.find((s) => s.startsAt < slot.endsAt && s.endsAt > slot.startsAt);
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
