import type { PlannedSession } from './session-plan';

/** A live (planned or published) future session of the series, as an edit compares it. */
export interface LiveSession {
  id: string;
  sessionDate: string;
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  slotMinutes: number;
  seatsPerSlot: number;
  walkInAllowance: number;
  status: 'planned' | 'published';
}

/** What every session of the edited series gets besides its times. */
export interface SessionSettings {
  roomId: string;
  slotMinutes: number;
  seatsPerSlot: number;
  walkInAllowance: number;
}

/** A published session the edit would change ("changed": other time, room or capacity) or remove. */
export interface AffectedSession {
  sessionId: string;
  date: string;
  startsAt: string;
  change: 'changed' | 'removed';
}

export interface SeriesChanges {
  /** Sessions the edit leaves as they are (their walk-in allowance may still change). */
  kept: LiveSession[];
  /** Kept sessions whose walk-in allowance changes: in-reach's alone, so changed in place. */
  walkInChanged: LiveSession[];
  /** Planned sessions to remake or remove: nobody outside in-reach knows them. */
  dropped: LiveSession[];
  /** Published sessions booking would have to withdraw. */
  affected: AffectedSession[];
  /** Sessions of the new plan with no kept session on their date. */
  toMake: PlannedSession[];
}

/**
 * Compares the series' live future sessions with what its edited settings plan for the same dates.
 * A session stays when its date is still planned at the same times, in the same room, cut into the
 * same slots of the same seats; otherwise a planned one is dropped (and remade if its date is still
 * planned) and a published one is affected. The walk-in allowance is not bookable: changing it never
 * affects a published session.
 */
export function seriesChanges(
  live: readonly LiveSession[],
  plan: readonly PlannedSession[],
  settings: SessionSettings,
): SeriesChanges {
  const planByDate = new Map(plan.map((p) => [p.date, p]));
  const changes: SeriesChanges = { kept: [], walkInChanged: [], dropped: [], affected: [], toMake: [] };
  const keptDates = new Set<string>();
  for (const session of live) {
    const planned = planByDate.get(session.sessionDate);
    if (planned && sameBookableSession(session, planned, settings)) {
      changes.kept.push(session);
      keptDates.add(session.sessionDate);
      if (session.walkInAllowance !== settings.walkInAllowance) changes.walkInChanged.push(session);
    } else if (session.status === 'planned') {
      changes.dropped.push(session);
    } else {
      changes.affected.push({
        sessionId: session.id,
        date: session.sessionDate,
        startsAt: session.startsAt.toISOString(),
        change: planned ? 'changed' : 'removed',
      });
    }
  }
  changes.toMake = plan.filter((p) => !keptDates.has(p.date));
  return changes;
}

function sameBookableSession(
  session: LiveSession,
  planned: PlannedSession,
  settings: SessionSettings,
): boolean {
  return (
    session.startsAt.getTime() === planned.startsAt.getTime() &&
    session.endsAt.getTime() === planned.endsAt.getTime() &&
    session.roomId === settings.roomId &&
    session.slotMinutes === settings.slotMinutes &&
    session.seatsPerSlot === settings.seatsPerSlot
  );
}
