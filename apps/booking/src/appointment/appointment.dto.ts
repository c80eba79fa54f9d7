import { z } from 'zod';
import {
  accompanimentSchema,
  attendanceOutcomeSchema,
  cancelledBySchema,
  type Accompaniment,
  type AttendanceOutcome,
} from '@careloop/contracts';
import type { Slot } from '../slot/slot.entity';
import type { Appointment, AppointmentStatus, CancelledBy } from './appointment.entity';

export const appointmentIdParam = z.uuid();

/** What the clinic should know (shown to the provider): practical, never the CDAS record. */
const notesForClinic = z.string().trim().min(1).max(1000).nullable().optional();

export const bookAppointmentBody = z
  .object({
    slotId: z.uuid(),
    clientId: z.uuid(),
    referralId: z.uuid().nullable().optional(),
    notesForClinic,
    accompaniment: accompanimentSchema.nullable().optional(),
    /** Shown to the provider: do not discharge on non-attendance without contacting the keyworker. */
    doNotDischarge: z.boolean().default(true),
  })
  .strict();
export type BookAppointmentBody = z.output<typeof bookAppointmentBody>;

/** Confirming a hold may still change what the clinic is told; an absent field keeps the held value. */
export const confirmHoldBody = z
  .object({
    notesForClinic,
    accompaniment: accompanimentSchema.nullable().optional(),
    doNotDischarge: z.boolean().optional(),
  })
  .strict();
export type ConfirmHoldBody = z.output<typeof confirmHoldBody>;

export const rescheduleAppointmentBody = z
  .object({
    slotId: z.uuid(),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type RescheduleAppointmentBody = z.output<typeof rescheduleAppointmentBody>;

export const cancelAppointmentBody = z
  .object({
    cancelledBy: cancelledBySchema,
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type CancelAppointmentBody = z.output<typeof cancelAppointmentBody>;

export const recordAttendanceBody = z
  .object({
    outcome: attendanceOutcomeSchema,
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type RecordAttendanceBody = z.output<typeof recordAttendanceBody>;

export const listAppointmentsQuery = z.object({ clientId: z.uuid() }).strict();
export type ListAppointmentsQuery = z.output<typeof listAppointmentsQuery>;

export interface AttendanceView {
  outcome: AttendanceOutcome;
  recordedBy: string;
  recordedAt: string;
  note: string | null;
}

export interface AppointmentView {
  id: string;
  clientId: string;
  referralId: string | null;
  status: AppointmentStatus;
  slotId: string;
  serviceType: string;
  providerName: string;
  location: string;
  startsAt: string;
  endsAt: string;
  /**
   * The provider withdrew the slot (an availability exception closed the session) while this
   * appointment stayed in it: the CDAS should expect a cancellation or a move, or ask.
   */
  slotWithdrawn: boolean;
  /** The provider's reason, while the slot is withdrawn. */
  slotWithdrawnReason: string | null;
  notesForClinic: string | null;
  accompaniment: Accompaniment | null;
  doNotDischarge: boolean;
  /** For a hold: when its seat goes (or went) back unless confirmed; null once booked. */
  holdExpiresAt: string | null;
  /** The in-reach waiting list's offer the seat was held for (its expiry is the hold's), if any. */
  offerId: string | null;
  rescheduledCount: number;
  bookedBy: string;
  bookedAt: string;
  cancellation: { cancelledBy: CancelledBy; reason: string; cancelledAt: string } | null;
  attendance: AttendanceView | null;
  /** The grace period after the end passed with nothing recorded: someone should chase it. */
  outcomeOverdue: boolean;
}

export function attendanceOf(a: Appointment): AttendanceView | null {
  return a.attendance && a.attendanceRecordedBy && a.attendanceRecordedAt
    ? {
        outcome: a.attendance,
        recordedBy: a.attendanceRecordedBy,
        recordedAt: a.attendanceRecordedAt.toISOString(),
        note: a.attendanceNote,
      }
    : null;
}

/** Whether the slot an appointment is in has been withdrawn, and why: shown to the CDAS and the clinic. */
export function slotWithdrawalOf(slot: Slot): { slotWithdrawn: boolean; slotWithdrawnReason: string | null } {
  const withdrawn = slot.status === 'withdrawn';
  return { slotWithdrawn: withdrawn, slotWithdrawnReason: withdrawn ? slot.withdrawnReason : null };
}

/** Overdue until someone records the outcome; the time it became overdue stays on the row. */
export function isOutcomeOverdue(a: Appointment): boolean {
  return a.outcomeOverdueAt !== null && a.attendance === null && a.status === 'booked';
}

export function toAppointmentView(a: Appointment, slot: Slot): AppointmentView {
  return {
    id: a.id,
    clientId: a.clientId,
    referralId: a.referralId,
    status: a.status,
    slotId: slot.id,
    serviceType: slot.serviceType,
    providerName: slot.providerName,
    location: slot.location,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    ...slotWithdrawalOf(slot),
    notesForClinic: a.notesForClinic,
    accompaniment: a.accompaniment,
    doNotDischarge: a.doNotDischarge,
    holdExpiresAt: a.holdExpiresAt?.toISOString() ?? null,
    offerId: a.offerId,
    rescheduledCount: a.rescheduledCount,
    bookedBy: a.bookedBy,
    bookedAt: a.bookedAt.toISOString(),
    cancellation:
      a.cancelledBy && a.cancellationReason && a.cancelledAt
        ? {
            cancelledBy: a.cancelledBy,
            reason: a.cancellationReason,
            cancelledAt: a.cancelledAt.toISOString(),
          }
        : null,
    attendance: attendanceOf(a),
    outcomeOverdue: isOutcomeOverdue(a),
  };
}
