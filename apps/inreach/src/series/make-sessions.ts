import { randomUUID } from 'node:crypto';
import { Between, In, type EntityManager } from 'typeorm';
import type { Outbox } from '@careloop/messaging';
import { EXCLUSION_VIOLATION, violates } from '../database-errors';
import { publishSessions, type PublicationChange } from '../session/session-publication';
import { Session } from '../session/session.entity';
import { SeriesError } from './series.errors';
import type { PlannedSession } from './session-plan';
import type { SessionSeries } from './session-series.entity';

/** Dates named in a ROOM_TAKEN detail; the extension lists them all. */
const DATES_IN_DETAIL = 5;

/** 409 ROOM_TAKEN naming the dates the room is taken on (none known when the database refused). */
export function roomTaken(dates: readonly string[], cause?: unknown): SeriesError {
  const shown = dates.slice(0, DATES_IN_DETAIL).join(', ');
  const more = dates.length > DATES_IN_DETAIL ? ` and ${dates.length - DATES_IN_DETAIL} more dates` : '';
  return new SeriesError('ROOM_TAKEN', {
    detail:
      dates.length > 0 ? `The room is taken on ${shown}${more}` : 'The room is taken at one of the times',
    extensions: { clashingDates: [...dates] },
    cause,
  });
}

/**
 * Inserts the series' sessions for the planned dates with its current capacity; when the series is
 * published they are published at once (events in the same transaction). A session overlapping another
 * live one in the room is refused by the database (session_room_free): answered as ROOM_TAKEN, the
 * whole change rolls back.
 */
export async function makeSessions(
  manager: EntityManager,
  outbox: Outbox,
  series: SessionSeries,
  planned: readonly PlannedSession[],
  change: PublicationChange,
): Promise<Session[]> {
  if (planned.length === 0) return [];
  const sessions = planned.map((p) =>
    manager.create(Session, {
      id: randomUUID(),
      seriesId: series.id,
      serviceId: series.serviceId,
      roomId: series.roomId,
      sessionDate: p.date,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      slotMinutes: series.slotMinutes,
      seatsPerSlot: series.seatsPerSlot,
      walkInAllowance: series.walkInAllowance,
      status: 'planned',
      cancelledBecause: null,
      cancelReason: null,
      publishedAt: null,
      cancelledAt: null,
      cancelledBy: null,
      offersBlockedAt: null,
      lastSeatFreedAt: null,
      createdAt: change.now,
    }),
  );
  try {
    await manager.insert(Session, sessions);
  } catch (error) {
    if (violates(error, EXCLUSION_VIOLATION, 'session_room_free')) throw roomTaken([], error);
    throw error;
  }
  if (series.published) await publishSessions(manager, outbox, sessions, change);
  return sessions;
}

/**
 * Dates from..to on which the series must make no new session: staff or an exception cancelled its
 * session there, and (with `live`) it holds one already. A session an edit replaced leaves its date open.
 */
export async function decidedDates(
  manager: EntityManager,
  seriesId: string,
  window: { from: string; to: string; live: boolean },
): Promise<Set<string>> {
  const sessionDate = Between(window.from, window.to);
  const sessions = await manager.find(Session, {
    where: [
      { seriesId, sessionDate, cancelledBecause: In(['cancelled', 'exception']) },
      ...(window.live ? [{ seriesId, sessionDate, status: In(['planned', 'published']) }] : []),
    ],
    select: { sessionDate: true },
  });
  return new Set(sessions.map((s) => s.sessionDate));
}
