import type { EntityManager } from 'typeorm';
import type { TimelineCursor } from './timeline-cursor';
import type { TimelineEntry, TimelineKind } from './timeline-entry';

/** What every source is asked: one client of one organisation, after a cursor, at most `limit` rows. */
export interface TimelineWindow {
  orgId: string;
  clientId: string;
  before: TimelineCursor | null;
  /** Rows to return at most (the page size plus one, so the merge knows whether more exist). */
  limit: number;
}

/** Entries of one kind for a client, newest first in the timeline's order, after the cursor. */
export interface TimelineSource {
  readonly kind: TimelineKind;
  entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]>;
}

/**
 * The parameters every source query takes, in this order: $1 org, $2 client, $3 cursor instant (null
 * for the first page), $4 cursor kind, $5 cursor id, $6 limit.
 */
export function windowParams(w: TimelineWindow): unknown[] {
  return [
    w.orgId,
    w.clientId,
    w.before ? w.before.at.toISOString() : null,
    w.before?.kind ?? '',
    w.before?.id ?? '',
    w.limit,
  ];
}

const ms = (column: string) => `date_trunc('milliseconds', ${column})`;

/**
 * WHERE and ORDER BY for a source whose rows have the instant `at` and the id `id` (SQL expressions),
 * matching `compareEntries`: instants to the millisecond, text under COLLATE "C".
 */
export function pageSql(kind: TimelineKind, at: string, id: string): { after: string; order: string } {
  return {
    after: `($3::timestamptz IS NULL OR (${ms(at)}, '${kind}'::text COLLATE "C", ${id}::text COLLATE "C")
      < ($3::timestamptz, $4::text COLLATE "C", $5::text COLLATE "C"))`,
    order: `${ms(at)} DESC, ${id}::text COLLATE "C" DESC LIMIT $6`,
  };
}

/** `2026-11-02T10:00:00.000Z` from what the driver returns for a timestamptz. */
export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

/** `did_not_attend` → `did not attend`. */
export function words(code: string): string {
  return code.replace(/_/g, ' ');
}
