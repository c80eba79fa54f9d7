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
