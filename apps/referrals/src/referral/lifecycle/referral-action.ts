import type { ClosureOutcome } from './referral-status';

/**
 * Everything that can move a referral. Staff actions come from the API; the rest follow other
 * services' events (booking's appointments and attendance), which is how the loop closes itself.
 */
export type ReferralAction =
  | { type: 'send' }
  | { type: 'record-acceptance'; note?: string }
  | { type: 'record-rejection'; reason: string }
  | { type: 'resend'; note?: string }
  | { type: 'appointment-booked'; appointmentId: string; startsAt: string }
  | { type: 'appointment-cancelled'; appointmentId: string; reason: string }
  | { type: 'attended'; appointmentId: string }
  | { type: 'did-not-attend'; appointmentId: string }
  | { type: 'outcome-overdue'; appointmentId: string }
  | { type: 'complete'; outcome: string }
  | { type: 'close'; outcome: ClosureOutcome; reason: string };

export type ReferralActionType = ReferralAction['type'];

/** Who may take an action: a member of staff, or the system reacting to another service's event. */
export type ActionSource = 'staff' | 'event';
