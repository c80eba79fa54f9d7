import { z } from 'zod';
import type { ReservedFor } from '@careloop/contracts';
import { clockTimeSchema, isClockTime, minutesOf, rruleSchema } from '@careloop/recurrence';
import { MAX_SLOT_CAPACITY, slotReservationSchema } from '../slot/slot.dto';
import type { AvailabilityException } from './availability-exception.entity';
import type { AvailabilityRule } from './availability-rule.entity';

export const ruleIdParam = z.uuid();

/** Longest exception one request records: a year (long leave, a clinic closing for refurbishment). */
export const MAX_EXCEPTION_DAYS = 366;

const londonDate = z.iso.date();
const isDate = (value: string) => londonDate.safeParse(value).success;
const instant = z.iso.datetime({ offset: true });

/**
 * Recurring availability on a schedule, in Europe/London wall-clock time: e.g. every Tuesday
 * 09:00-12:00 in 20-minute slots is `{rrule: 'FREQ=WEEKLY;BYDAY=TU', startTime: '09:00', endTime:
 * '12:00', slotMinutes: 20, validFrom: '2026-12-01'}`. A session stays within one day.
 */
export const createRuleBody = z
  .object({
    rrule: rruleSchema,
    startTime: clockTimeSchema,
    endTime: clockTimeSchema,
    slotMinutes: z.number().int().min(5).max(480),
    capacity: z.number().int().min(1).max(MAX_SLOT_CAPACITY).default(1),
    validFrom: londonDate,
    validUntil: londonDate.optional(),
    reservation: slotReservationSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    // Whole-body checks run even when a field failed: compare only fields that are well formed.
    if (isClockTime(r.startTime) && isClockTime(r.endTime)) {
      if (r.endTime <= r.startTime) {
        ctx.addIssue({ code: 'custom', message: 'must be after startTime', path: ['endTime'] });
      } else if (
        Number.isInteger(r.slotMinutes) &&
        minutesOf(r.endTime) - minutesOf(r.startTime) < r.slotMinutes
      ) {
        ctx.addIssue({
          code: 'custom',
          message: 'must fit at least once between startTime and endTime',
          path: ['slotMinutes'],
        });
      }
    }
    if (r.validUntil && isDate(r.validUntil) && isDate(r.validFrom) && r.validUntil < r.validFrom) {
      ctx.addIssue({ code: 'custom', message: 'must be on or after validFrom', path: ['validUntil'] });
    }
  });
export type CreateRuleBody = z.output<typeof createRuleBody>;

/** Time the schedule is not available: a bank holiday, leave, training. */
export const createExceptionBody = z
  .object({
    startsAt: instant,
    endsAt: instant,
    reason: z.string().trim().min(1).max(500),
  })
  .strict()
  .superRefine((e, ctx) => {
    const span = Date.parse(e.endsAt) - Date.parse(e.startsAt);
    if (Number.isNaN(span)) return; // a field is not an instant: already reported
    if (span <= 0) ctx.addIssue({ code: 'custom', message: 'must be after startsAt', path: ['endsAt'] });
    if (span > MAX_EXCEPTION_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most ${MAX_EXCEPTION_DAYS} days after startsAt`,
        path: ['endsAt'],
      });
    }
  });
export type CreateExceptionBody = z.output<typeof createExceptionBody>;

export interface RuleView {
  id: string;
  scheduleId: string;
  rrule: string;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  capacity: number;
  validFrom: string;
  validUntil: string | null;
  reservation: { reservedFor: ReservedFor; releaseBeforeMinutes: number | null } | null;
  /** Last London date whose slots exist; null until the rule reaches the booking horizon. */
  materialisedUntil: string | null;
  endedAt: string | null;
  createdAt: string;
}

export interface CreatedRuleView {
  rule: RuleView;
  /** Slots made now, up to the booking horizon. */
  published: number;
}

export interface EndedRuleView {
  rule: RuleView;
  /** Free future slots of the rule withdrawn now; slots with a seat taken stay with their appointments. */
  withdrawn: number;
}

export interface ExceptionView {
  id: string;
  scheduleId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}

export interface AffectedAppointment {
  appointmentId: string;
  startsAt: string;
}

export interface ExceptionAddedView {
  exception: ExceptionView;
  /** Open slots in the window withdrawn now, those with a seat held or booked too: none is offered again. */
  withdrawn: number;
  /**
   * Held and booked appointments in the withdrawn slots: never cancelled here, they stay (in a slot now
   * withdrawn) until the clinic cancels or moves them as the provider.
   */
  affectedAppointments: AffectedAppointment[];
}

export function toRuleView(r: AvailabilityRule): RuleView {
  return {
    id: r.id,
    scheduleId: r.scheduleId,
    rrule: r.rrule,
    startTime: r.startTime,
    endTime: r.endTime,
    slotMinutes: r.slotMinutes,
    capacity: r.capacity,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    reservation: r.reservedFor
      ? { reservedFor: r.reservedFor, releaseBeforeMinutes: r.releaseBeforeMinutes }
      : null,
    materialisedUntil: r.materialisedUntil,
    endedAt: r.endedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export function toExceptionView(e: AvailabilityException): ExceptionView {
  return {
    id: e.id,
    scheduleId: e.scheduleId,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    reason: e.reason,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
  };
}
