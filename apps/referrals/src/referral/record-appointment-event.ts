import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '@careloop/auth';
import type {
  appointmentAttendanceRecordedV1,
  appointmentBookedV1,
  appointmentCancelledV1,
  appointmentOutcomeOverdueV1,
  appointmentRescheduledV1,
  EventData,
  EventEnvelope,
} from '@careloop/contracts';
import { recordAppointmentMove } from '../care-events/appointment-moves';
import { recordOfferTaken } from '../care-events/record-offer-event';
import { ClientDirectory } from '../need/client-directory';
import { appointmentStatusFor, attendanceAction } from './appointment-outcome';
import { recordBookedAppointment, updateAppointment } from './appointment-projection';
import type { ReferralAction } from './lifecycle/referral-action';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { ReferralError } from './referral.errors';
import { ReferralTransitions } from './referral-transition';

type Env<D> = EventEnvelope<EventData<D>>;
export type AppointmentEvent =
  | { kind: 'booked'; event: Env<typeof appointmentBookedV1> }
  | { kind: 'rescheduled'; event: Env<typeof appointmentRescheduledV1> }
  | { kind: 'cancelled'; event: Env<typeof appointmentCancelledV1> }
  | { kind: 'attendance-recorded'; event: Env<typeof appointmentAttendanceRecordedV1> }
  | { kind: 'outcome-overdue'; event: Env<typeof appointmentOutcomeOverdueV1> };

/** Who changes a referral when booking's event moves it. */
export const BOOKING_SYSTEM_USER = 'system:booking';

/**
 * Follows one of booking's appointment events, in the consumer's transaction: keeps this service's
 * appointment projection and moves the referral the appointment was booked for (source `event`).
 * A transition the referral's state forbids (a late attendance for a closed referral) is recorded in
 * the projection and otherwise ignored; unknown clients, referrals or appointments are errors that
 * dead-letter the event (booking never sends one before its `booked`: one appointment, one key).
 */
@Injectable()
export class RecordAppointmentEvent {
  private readonly logger = new Logger(RecordAppointmentEvent.name);

  constructor(
    private readonly clients: ClientDirectory,
    private readonly transitions: ReferralTransitions,
  ) {}

  async execute(manager: EntityManager, { kind, event }: AppointmentEvent): Promise<void> {
    const { orgId, data } = event;
    if (!(await this.clients.exists(manager, orgId, data.clientId))) {
      throw new ReferralError('CLIENT_NOT_FOUND', { detail: `No client ${data.clientId} in ${orgId}` });
    }
    const now = new Date(event.occurredAt);
    let action: ReferralAction;
    let reason: string | undefined;
    switch (kind) {
      case 'booked': {
        await this.assertReferralOfClient(manager, orgId, data.referralId, data.clientId);
        await recordBookedAppointment(manager, event);
        await recordOfferTaken(manager, event);
        action = {
          type: 'appointment-booked',
          appointmentId: data.appointmentId,
          startsAt: event.data.startsAt,
        };
        break;
      }
      case 'rescheduled': {
        const d = event.data;
        await updateAppointment(manager, event, {
          startsAt: new Date(d.startsAt),
          endsAt: new Date(d.endsAt),
          location: d.location,
          status: 'booked',
          // Older events do not say: the projection keeps what it knew.
          ...(d.underReservation === undefined ? {} : { underReservation: d.underReservation }),
          ...(d.inreachSessionId === undefined ? {} : { inreachSessionId: d.inreachSessionId }),
        });
        await recordAppointmentMove(manager, event);
        // Same lifecycle rule as a new booking (booked -> booked): a history line, no new status.
        action = { type: 'appointment-booked', appointmentId: d.appointmentId, startsAt: d.startsAt };
        reason = `Appointment rescheduled from ${d.previousStartsAt} to ${d.startsAt}`;
        break;
      }
      case 'cancelled': {
        const d = event.data;
        await updateAppointment(manager, event, { status: 'cancelled' });
        action = { type: 'appointment-cancelled', appointmentId: d.appointmentId, reason: d.reason };
        reason = `Cancelled by ${d.cancelledBy}: ${d.reason}`;
        break;
      }
      case 'attendance-recorded': {
        const d = event.data;
        await updateAppointment(manager, event, { status: appointmentStatusFor(d.outcome) });
        action = attendanceAction(d.outcome, d.appointmentId);
        if (d.outcome !== 'attended' && d.outcome !== 'did_not_attend') reason = d.outcome.replace(/_/g, ' ');
        break;
      }
      case 'outcome-overdue': {
        await updateAppointment(manager, event, { status: 'outcome_unknown' });
        action = { type: 'outcome-overdue', appointmentId: event.data.appointmentId };
        break;
      }
    }
    if (data.referralId) {
      await this.moveReferral(manager, kind, event, data.referralId, action, now, reason);
    }
  }

  /**
   * The appointment the referral was last booked for (by staff or by an event), if any: by when the
   * booking happened (an event's occurredAt), not by when this service processed it, since two
   * appointments' events arrive in either order.
   */
  private async latestBooking(
    manager: EntityManager,
    referralId: string,
  ): Promise<{ appointmentId: string | null; bookedAt: Date } | null> {
    const rows: { appointment_id: string | null; changed_at: Date }[] = await manager.query(
      `SELECT "appointment_id", "changed_at" FROM "${REFERRALS_SCHEMA}"."referral_status_change"
        WHERE "referral_id" = $1 AND "action" = 'appointment-booked' ORDER BY "changed_at" DESC, "seq" DESC LIMIT 1`,
      [referralId],
    );
    const row = rows[0];
    return row ? { appointmentId: row.appointment_id, bookedAt: new Date(row.changed_at) } : null;
  }

  private async moveReferral(
    manager: EntityManager,
    kind: AppointmentEvent['kind'],
    event: AppointmentEvent['event'],
    referralId: string,
    action: ReferralAction,
    now: Date,
    reason: string | undefined,
  ): Promise<void> {
    const referral = await this.transitions.lock(manager, referralId);
    if (!referral || referral.orgId !== event.orgId || referral.clientId !== event.data.clientId) {
      throw new ReferralError('REFERRAL_NOT_FOUND', { detail: `No referral ${referralId} for the client` });
    }
    // News of an appointment the referral has since been rebooked away from (the old slot cancelled
    // or rescheduled after the new one was booked) is history for the projection, not a move of the
    // referral; so is a booking older than one already applied (events of two appointments arrive in
    // either order).
    const latest = await this.latestBooking(manager, referralId);
    if (latest !== null && latest.appointmentId !== event.data.appointmentId) {
      const olderBooking = kind === 'booked' && new Date(event.occurredAt) < latest.bookedAt;
      if (kind !== 'booked' || olderBooking) {
        this.logger.log(
          { eventId: event.id, eventType: event.type, referralId, latestAppointmentId: latest.appointmentId },
          'appointment event for a superseded appointment; projection updated only',
        );
        return;
      }
    }
    const actor: AuditActor = { userId: BOOKING_SYSTEM_USER, orgId: event.orgId, roles: [] };
    try {
      await this.transitions.apply(manager, referral, { action, source: 'event', actor, now, reason });
    } catch (error) {
      // The error type says what a consumer does with it: an illegal transition is ignored, the
      // projection change above still commits with the inbox row.
      if (!(error instanceof ReferralError) || error.consumerDecision !== 'ignore') throw error;
      this.logger.log(
        { eventId: event.id, eventType: event.type, referralId, code: error.code, detail: error.detail },
        'appointment event does not move the referral; projection updated only',
      );
    }
  }

  private async assertReferralOfClient(
    manager: EntityManager,
    orgId: string,
    referralId: string | null,
    clientId: string,
  ): Promise<void> {
    if (!referralId) return;
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM "referrals"."referral" WHERE "id" = $1 AND "org_id" = $2 AND "client_id" = $3`,
      [referralId, orgId, clientId],
    );
    if (rows.length === 0) {
      throw new ReferralError('REFERRAL_NOT_FOUND', { detail: `No referral ${referralId} for the client` });
    }
  }
}
