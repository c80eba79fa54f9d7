import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReminderStep } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { rebooks } from '../appointment/rebooks';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { ReminderJobs } from './reminder-jobs';

/** Why scheduled reminders stopped: each names the event that stopped them. */
export type EndReason =
  | 'rescheduled'
  | 'appointment_cancelled'
  | 'session_cancelled'
  | 'attendance_recorded'
  | 'attendance_corrected'
  | 'consent_withdrawn'
  | 'contact_erased'
  | 'offer_booked'
  | 'offer_declined'
  | 'offer_expired'
  | 'offer_released'
  | 'client_rebooked';

/** How a reminder ends: superseded by a new plan of its appointment, or cancelled outright. */
const STATUS_FOR: Record<EndReason, 'superseded' | 'cancelled'> = {
  rescheduled: 'superseded',
  appointment_cancelled: 'cancelled',
  // The appointment stays booked for a rebook, but its plan was for a session that will not run.
  session_cancelled: 'cancelled',
  attendance_recorded: 'cancelled',
  // Recorded again with another outcome: a "sorry we missed you" not yet sent no longer fits.
  attendance_corrected: 'cancelled',
  consent_withdrawn: 'cancelled',
  contact_erased: 'cancelled',
  // The offer was taken: the booked appointment's plan replaces its offer text.
  offer_booked: 'superseded',
  // The offer's hold ended unbooked (appointment.hold-ended.v1's reason).
  offer_declined: 'cancelled',
  offer_expired: 'cancelled',
  offer_released: 'cancelled',
  // Another appointment was booked after the missed one: "reply to rebook" no longer fits.
  client_rebooked: 'cancelled',
};

/**
 * Ends the reminders still scheduled of an appointment or of a client, in the caller's transaction,
 * and removes their jobs once it commits. Reminders already sent, skipped or unknown keep their
 * status: they are the record of what happened. The row's status is the real cancellation; removing
 * the job only saves the worker a visit.
 */
@Injectable()
export class EndScheduledReminders {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly jobs: ReminderJobs,
  ) {}

  /** Of one appointment; with `beforeVersion`, only those planned for older versions. */
  forAppointment(
    manager: EntityManager,
    appointmentId: string,
    reason: EndReason,
    beforeVersion?: number,
  ): Promise<string[]> {
    return beforeVersion === undefined
      ? this.end(manager, reason, `"appointment_id" = $4`, [appointmentId])
      : this.end(manager, reason, `"appointment_id" = $4 AND "appointment_version" < $5`, [
          appointmentId,
          beforeVersion,
        ]);
  }

  /** Of one appointment, all but its `kept` step (a repeat of the outcome that planned it). */
  forAppointmentExcept(
    manager: EntityManager,
    appointmentId: string,
    reason: EndReason,
    kept: ReminderStep,
  ): Promise<string[]> {
    return this.end(manager, reason, `"appointment_id" = $4 AND "step" <> $5`, [appointmentId, kept]);
  }

  /**
   * The "sorry we missed you" texts of the missed appointments that booking `bookingId` is the
   * client's rebook of (rebooks.ts).
   */
  missedTextsRebookedBy(manager: EntityManager, bookingId: string): Promise<string[]> {
    return this.end(
      manager,
      'client_rebooked',
      `"step" = 'missed' AND "appointment_id" IN (${rebooks.missedBefore('$4')})`,
      [bookingId],
    );
  }

  /** Of every appointment of one client. */
  forClient(manager: EntityManager, clientId: string, reason: EndReason): Promise<string[]> {
    return this.end(manager, reason, `"client_id" = $4`, [clientId]);
  }

  private async end(
    manager: EntityManager,
    reason: EndReason,
    where: string,
    params: unknown[],
  ): Promise<string[]> {
    const [rows] = (await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."reminder"
       SET "status" = $1, "status_reason" = $2, "updated_at" = $3
       WHERE "status" = 'scheduled' AND ${where}
       RETURNING "id"`,
      [STATUS_FOR[reason], reason, this.clock.now(), ...params],
    )) as [{ id: string }[], number];
    const ids = rows.map((r) => r.id);
    this.jobs.cancelAfterCommit(manager, ids);
    return ids;
  }
}
