import type { TimelineEntry } from './timeline-entry';

/**
 * A position in the timeline. The order is newest first: `occurredAt` descending (to the
 * millisecond), then `kind` descending, then `id` descending, comparing strings by code unit (as
 * Postgres does under COLLATE "C"). A page holds entries strictly after the cursor in that order.
 */
export interface TimelineCursor {
  at: Date;
  kind: string;
  id: string;
}

/** What places an entry in the order. */
export interface Placed {
  occurredAt: string;
  kind: string;
  id: string;
}

const SEPARATOR = '~';
const CURSOR = /^([^~]+)~([a-z_]+)~([A-Za-z0-9-]+)$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The cursor that continues after `entry`: `<occurredAt>~<kind>~<id>` (URL-safe as it is). */
export function cursorAfter(entry: Placed): string {
  return [entry.occurredAt, entry.kind, entry.id].join(SEPARATOR);
}

/**
 * Reads `before`: a cursor from a previous page, or a plain ISO instant meaning "everything strictly
 * earlier than this". Null when it is neither.
 */
export function parseBefore(value: string): TimelineCursor | null {
  const cursor = CURSOR.exec(value);
  const instant = cursor ? cursor[1]! : value;
  if (!ISO_INSTANT.test(instant)) return null;
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return null;
  // An empty kind and id sort below every real one, so nothing at exactly `at` is included.
  return { at, kind: cursor ? cursor[2]! : '', id: cursor ? cursor[3]! : '' };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when `a` comes first (is newer) in the timeline's order. */
export function compareEntries(a: Placed, b: Placed): number {
  return (
    Date.parse(b.occurredAt) - Date.parse(a.occurredAt) ||
    compareText(b.kind, a.kind) ||
    compareText(b.id, a.id)
  );
}

/** Whether `entry` comes after the cursor in the timeline's order (so belongs on the next page). */
export function isAfterCursor(entry: Placed, cursor: TimelineCursor | null): boolean {
  if (!cursor) return true;
  return compareEntries({ occurredAt: cursor.at.toISOString(), kind: cursor.kind, id: cursor.id }, entry) < 0;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Pass as `before` for the next page; null when this page reached the start of the record. */
  nextBefore: string | null;
}

/**
 * Merges what every source returned (each already cut to `limit + 1` after the cursor) into one page
 * of `limit` entries. Entries at or before the cursor are dropped, so a source that over-returns cannot
 * repeat an entry; a source's `limit + 1`-th row tells that more exist, so none is skipped.
 */
export function mergeTimeline(
  perSource: readonly (readonly TimelineEntry[])[],
  before: TimelineCursor | null,
  limit: number,
): TimelinePage {
  const merged = perSource
    .flat()
    .filter((e) => isAfterCursor(e, before))
    .sort(compareEntries);
  const entries = merged.slice(0, limit);
  const last = entries[entries.length - 1];
  return { entries, nextBefore: merged.length > limit && last ? cursorAfter(last) : null };
}
