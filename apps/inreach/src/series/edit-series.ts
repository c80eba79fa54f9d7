import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Actor } from '@careloop/contracts';
import type { Principal } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { addDays, londonDateOf } from '@careloop/recurrence';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_POLICY, type InreachPolicy } from '../inreach-policy';
import { loadOwnRoom, lockRooms } from '../room/load-room';
import { assertRoomAtServiceSite } from '../room/room-at-site';
import { loadOwnService } from '../service/load-service';
import { cancelSessions } from '../session/session-publication';
import { Session } from '../session/session.entity';
import { extendSeries, horizonDate } from './extend-series';
import { exceptionDates, loadOwnSeries, seriesView } from './load-series';
import { decidedDates, makeSessions, roomTaken } from './make-sessions';
import { roomClashes } from './room-occupancy';
import { seriesChanges, type LiveSession, type SeriesChanges } from './series-changes';
import { settingsIssues, type SeriesSettings } from './series-settings';
import type { EditedSeriesView, EditSeriesBody } from './series.dto';
import { SeriesError } from './series.errors';
import { planSessions } from './session-plan';
import { SessionSeries } from './session-series.entity';

const SETTINGS = [
  'roomId',
  'rrule',
  'startTime',
  'endTime',
  'validUntil',
  'slotMinutes',
  'seatsPerSlot',
  'walkInAllowance',
] as const;
/** The settings that decide when and where sessions are, so which times of the room they take. */
const OCCUPANCY = ['roomId', 'rrule', 'startTime', 'endTime', 'validUntil'] as const;

/**
 * Changes a series from `effectiveFrom` (default today) onward, in one transaction. Dates before it keep
 * the settings they had (made now with them if the horizon had not reached them yet); sessions that have
 * started never change. From effectiveFrom, a future session the new settings plan identically stays;
 * a planned one that differs is remade, one no longer planned removed. A published one that would change
 * or go makes the edit fail with 409 PUBLISHED_SESSIONS_AFFECTED listing them, unless withdrawPublished:
 * then each is withdrawn from booking (inreach.session-withdrawn.v1, reason series_changed) and its
 * replacement published if the series is. The walk-in allowance is not bookable: it changes in place.
 */
@Injectable()
export class EditSeries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INREACH_POLICY) private readonly policy: InreachPolicy,
  ) {}

  execute(principal: Principal, seriesId: string, body: EditSeriesBody): Promise<EditedSeriesView> {
    return this.dataSource.transaction((manager) => this.edit(manager, principal, seriesId, body));
  }

  private async edit(
    manager: EntityManager,
    principal: Principal,
    seriesId: string,
    body: EditSeriesBody,
  ): Promise<EditedSeriesView> {
    const now = this.clock.now();
    const today = londonDateOf(now);
    const lookaheadEnd = addDays(today, this.policy.clashLookaheadWeeks * 7);
    const actor: Actor = { kind: 'user', id: principal.userId };
    const series = await loadOwnSeries(manager, principal, seriesId, { lock: true });
    const { next, effectiveFrom } = validEdit(series, body, { today, lookaheadEnd });
    if (SETTINGS.every((key) => next[key] === series[key])) {
      const view = await seriesView(manager, series);
      return { series: view, sessionsKept: 0, sessionsRemoved: 0, sessionsMade: 0, withdrawn: [] };
    }
    if (next.roomId !== series.roomId) {
      const room = await loadOwnRoom(manager, principal, next.roomId, { field: 'roomId' });
      assertRoomAtServiceSite(room, await loadOwnService(manager, principal, series.serviceId));
    }
    await lockRooms(manager, [series.roomId, next.roomId]);

    // Dates before effectiveFrom keep the settings they had: made now, with them, if not made yet.
    const dayBefore = addDays(effectiveFrom, -1);
    if (dayBefore >= today && (series.materialisedUntil === null || series.materialisedUntil < dayBefore)) {
      await extendSeries(manager, this.outbox, { series, through: dayBefore, now, actor, onClash: 'refuse' });
    }
    const through = [horizonDate(now, this.policy.horizonWeeks), series.materialisedUntil ?? '']
      .sort()
      .at(-1)!;
    const live = await manager.find(Session, {
      where: { seriesId, sessionDate: MoreThanOrEqual(effectiveFrom), status: In(['planned', 'published']) },
      order: { startsAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const future = live.filter(isLive).filter((s) => s.startsAt > now);
    // No new session on an exception's date, a date staff cancelled, or beside one that has started.
    const skip = new Set([
      ...(await exceptionDates(manager, seriesId)),
      ...(await decidedDates(manager, seriesId, { from: effectiveFrom, to: lookaheadEnd, live: false })),
      ...live.filter((s) => s.startsAt <= now).map((s) => s.sessionDate),
    ]);
    const planFrom = (to: string) =>
      planSessions(next, { from: effectiveFrom, to }, skip).filter((p) => p.startsAt > now);
    const changes = seriesChanges(future, planFrom(through), next);
    if (changes.affected.length > 0 && !body.withdrawPublished) {
      throw new SeriesError('PUBLISHED_SESSIONS_AFFECTED', {
        detail: `${changes.affected.length} published session(s) would change or be removed`,
        extensions: { sessions: changes.affected },
      });
    }
    if (OCCUPANCY.some((key) => next[key] !== series[key])) {
      const kept = new Set(changes.kept.map((s) => s.sessionDate));
      const ahead = planFrom(lookaheadEnd).filter((p) => !kept.has(p.date));
      const clashes = await roomClashes(manager, next.roomId, seriesId, ahead);
      if (clashes.length > 0) throw roomTaken(clashes);
    }

    await this.replaceSessions(manager, changes, future, next, { effectiveFrom, actor, now });
    const reached = next.validUntil !== null && next.validUntil < through ? next.validUntil : through;
    Object.assign(series, next, {
      version: series.version + 1,
      updatedBy: principal.userId,
      updatedAt: now,
      materialisedUntil: reached >= series.validFrom ? reached : series.materialisedUntil,
    });
    const { version, updatedBy, updatedAt, materialisedUntil } = series;
    await manager.update(
      SessionSeries,
      { id: seriesId },
      { ...next, version, updatedBy, updatedAt, materialisedUntil },
    );
    const made = await makeSessions(manager, this.outbox, series, changes.toMake, { actor, now });
    return {
      series: await seriesView(manager, series),
      sessionsKept: changes.kept.length,
      sessionsRemoved: changes.dropped.length,
      sessionsMade: made.length,
      withdrawn: changes.affected,
    };
  }

  /**
   * Removes the planned sessions the edit remakes or drops, withdraws the published ones it affects and
   * changes kept sessions' walk-in allowance. The old sessions go before the new ones are made: a
   * remade one may take the same room at an overlapping time.
   */
  private async replaceSessions(
    manager: EntityManager,
    changes: SeriesChanges,
    future: readonly Session[],
    next: SeriesSettings,
    { effectiveFrom, actor, now }: { effectiveFrom: string; actor: Actor; now: Date },
  ): Promise<void> {
    const ids = (sessions: readonly { id: string }[]) => In(sessions.map((s) => s.id));
    if (changes.dropped.length > 0) await manager.delete(Session, { id: ids(changes.dropped) });
    const affected = new Set(changes.affected.map((a) => a.sessionId));
    await cancelSessions(
      manager,
      this.outbox,
      future.filter((s) => affected.has(s.id)),
      { cause: 'series_changed', reason: `The series was changed from ${effectiveFrom}`, actor, now },
    );
    if (changes.walkInChanged.length > 0) {
      await manager.update(
        Session,
        { id: ids(changes.walkInChanged) },
        { walkInAllowance: next.walkInAllowance },
      );
    }
  }
}

/**
 * The edit's settings and first date, refused when they cannot apply: a version the series has moved
 * on from, an effectiveFrom in the past or more than a year ahead, settings that are not valid together.
 */
function validEdit(
  series: SessionSeries,
  body: EditSeriesBody,
  { today, lookaheadEnd }: { today: string; lookaheadEnd: string },
): { next: SeriesSettings; effectiveFrom: string } {
  if (body.version !== undefined && body.version !== series.version) {
    throw new SeriesError('SERIES_VERSION_CHANGED', {
      detail: `The edit was made against version ${body.version}; the series is at version ${series.version}`,
    });
  }
  const effectiveFrom = body.effectiveFrom ?? today;
  if (effectiveFrom < today || effectiveFrom > lookaheadEnd) {
    throw new SeriesError('EFFECTIVE_FROM_OUT_OF_RANGE', {
      detail: `effectiveFrom ${effectiveFrom} is not between today (${today}) and ${lookaheadEnd}`,
      extensions: {
        errors: [{ path: 'effectiveFrom', message: `must be from ${today} to ${lookaheadEnd}`, in: 'body' }],
      },
    });
  }
  const next = edited(series, body);
  const issues = settingsIssues(next);
  if (issues.length > 0) {
    throw new SeriesError('INCONSISTENT_SETTINGS', {
      detail: issues.map((i) => `${i.path} ${i.message}`).join('; '),
      extensions: { errors: issues.map((i) => ({ ...i, in: 'body' })) },
    });
  }
  return { next, effectiveFrom };
}

const isLive = (s: Session): s is Session & LiveSession => s.status !== 'cancelled';

/** The series' settings with the edit's fields applied (validUntil: null removes the end). */
function edited(series: SessionSeries, body: EditSeriesBody): SeriesSettings {
  return {
    roomId: body.roomId ?? series.roomId,
    rrule: body.rrule ?? series.rrule,
    startTime: body.startTime ?? series.startTime,
    endTime: body.endTime ?? series.endTime,
    validFrom: series.validFrom,
    validUntil: body.validUntil === undefined ? series.validUntil : body.validUntil,
    slotMinutes: body.slotMinutes ?? series.slotMinutes,
    seatsPerSlot: body.seatsPerSlot ?? series.seatsPerSlot,
    walkInAllowance: body.walkInAllowance ?? series.walkInAllowance,
  };
}
