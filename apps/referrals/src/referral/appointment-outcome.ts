import type { AttendanceOutcome } from '@careloop/contracts';
import type { ReferralAction } from './lifecycle/referral-action';
import type { ClientAppointmentStatus } from './client-appointment.entity';

/**
 * What an attendance outcome means for the referral: only attended or not. A late cancellation or
 * leaving before being seen is a missed appointment for the referral (book again), while the
 * appointment projection keeps the precise outcome. Pure.
 */
export function attendanceAction(
  outcome: AttendanceOutcome,
  appointmentId: string,
): Extract<ReferralAction, { type: 'attended' | 'did-not-attend' }> {
  switch (outcome) {
    case 'attended':
      return { type: 'attended', appointmentId };
    case 'did_not_attend':
    case 'cancelled_late':
    case 'left_before_seen':
      return { type: 'did-not-attend', appointmentId };
  }
}

/** The appointment projection's status for an attendance outcome: the precise one. */
export function appointmentStatusFor(outcome: AttendanceOutcome): ClientAppointmentStatus {
  return outcome;
}
