import { z } from 'zod';
import { inreachSessionSchema } from '@careloop/contracts';
import { clockTimeSchema, rruleSchema } from '@careloop/recurrence';
import type { SessionView } from '../session/session.dto';
import type { SeriesException } from './series-exception.entity';
import type { AffectedSession } from './series-changes';
import { settingsIssues, wholeSlots, type SeriesSettings } from './series-settings';
import type { SessionSeries } from './session-series.entity';

export const seriesIdParam = z.uuid();

const londonDate = z.iso.date();
const isDate = (value: unknown): value is string => londonDate.safeParse(value).success;

// The contract's limits (inreach.session-published.v1): booking takes any session within them.
const { slotMinutes, seatsPerSlot, walkInAllowance } = inreachSessionSchema.shape;

/**
 * A recurring session in one room, in Europe/London wall-clock time: every other Wednesday 10:00-13:00
 * in 20-minute slots of one seat, with two walk-ins, is `{roomId, rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
 * startTime: '10:00', endTime: '13:00', validFrom: '2026-06-03', slotMinutes: 20, walkInAllowance: 2}`.
 */
export const createSeriesBody = z
  .object({
    roomId: z.uuid(),
    rrule: rruleSchema,
    startTime: clockTimeSchema,
    endTime: clockTimeSchema,
    validFrom: londonDate,
    validUntil: londonDate.optional(),
    slotMinutes,
    seatsPerSlot: seatsPerSlot.default(1),
    walkInAllowance: walkInAllowance.default(0),
  })
  .strict()
  .superRefine((s, ctx) => {
    // Whole-body checks run even when a field failed: compare only fields that are well formed.
    const validUntil = s.validUntil === undefined || !isDate(s.validUntil) ? null : s.validUntil;
    const validFrom = isDate(s.validFrom) ? s.validFrom : '';
    for (const issue of settingsIssues({ ...s, validFrom, validUntil })) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.path] });
    }
  });
export type CreateSeriesBody = z.output<typeof createSeriesBody>;

/**
 * Changes to a series from `effectiveFrom` (default today) onward; sessions before it, and any that
 * has started, never change. Only the fields given change; `validUntil: null` removes the end.
 */
export const editSeriesBody = z
  .object({
    roomId: z.uuid().optional(),
    rrule: rruleSchema.optional(),
    startTime: clockTimeSchema.optional(),
    endTime: clockTimeSchema.optional(),
    validUntil: londonDate.nullable().optional(),
    slotMinutes: slotMinutes.optional(),
    seatsPerSlot: seatsPerSlot.optional(),
    walkInAllowance: walkInAllowance.optional(),
    effectiveFrom: londonDate.optional(),
    /** Withdraw the published sessions the edit changes or removes (booked clients stay, in withdrawn slots). */
    withdrawPublished: z.boolean().default(false),
    /** The version the edit was made against; a newer one is refused with 409. */
    version: z.number().int().min(1).optional(),
  })
  .strict()
  .refine(
    (e) =>
      [
        e.roomId,
        e.rrule,
        e.startTime,
        e.endTime,
        e.validUntil,
        e.slotMinutes,
        e.seatsPerSlot,
        e.walkInAllowance,
      ].some((v) => v !== undefined),
    { message: 'name at least one setting to change' },
  );
export type EditSeriesBody = z.output<typeof editSeriesBody>;

export const addExceptionBody = z
  .object({
    /** The London date the series holds no session. */
    date: londonDate,
    /** "Bank holiday", "specialist on leave": booking shows it beside withdrawn slots. */
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type AddExceptionBody = z.output<typeof addExceptionBody>;

export interface ExceptionView {
  id: string;
  date: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}

/** A series: its settings, and what has become of them. */
export interface SeriesView extends SeriesSettings {
  id: string;
  serviceId: string;
  roomName: string;
  /** Whole slots a session holds; a last part shorter than slotMinutes is not bookable. */
  bookableSlotsPerSession: number;
  published: boolean;
  /** Last London date whose sessions have been made; null before the first. */
  materialisedUntil: string | null;
  version: number;
  exceptions: ExceptionView[];
  createdAt: string;
  updatedAt: string;
}

export interface CreatedSeriesView {
  series: SeriesView;
  /** Sessions made now, up to the horizon. */
  sessionsMade: number;
}

export interface EditedSeriesView {
  series: SeriesView;
  /** Future sessions from effectiveFrom left as they were (walk-in allowance aside). */
  sessionsKept: number;
  /** Planned (unpublished) sessions removed or remade. */
  sessionsRemoved: number;
  /** Sessions made with the new settings. */
  sessionsMade: number;
  /** Published sessions withdrawn from booking (only with withdrawPublished). */
  withdrawn: AffectedSession[];
}

export interface ExceptionAddedView {
  exception: ExceptionView;
  /** The series' sessions on that date, now cancelled (a published one withdrawn from booking). */
  cancelledSessions: SessionView[];
}

export interface PublishedSeriesView {
  series: SeriesView;
  /** Planned future sessions published now; later ones are published as they are made. */
  sessionsPublished: number;
}

export function toExceptionView(e: SeriesException): ExceptionView {
  return {
    id: e.id,
    date: e.date,
    reason: e.reason,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
  };
}

export function toSeriesView(
  s: SessionSeries,
  roomName: string,
  exceptions: readonly SeriesException[],
): SeriesView {
  return {
    id: s.id,
    serviceId: s.serviceId,
    roomId: s.roomId,
    roomName,
    rrule: s.rrule,
    startTime: s.startTime,
    endTime: s.endTime,
    validFrom: s.validFrom,
    validUntil: s.validUntil,
    slotMinutes: s.slotMinutes,
    seatsPerSlot: s.seatsPerSlot,
    bookableSlotsPerSession: wholeSlots(s),
    walkInAllowance: s.walkInAllowance,
    published: s.published,
    materialisedUntil: s.materialisedUntil,
    version: s.version,
    exceptions: exceptions.map(toExceptionView),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
