import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { appointmentAttendanceRecordedV1, appointmentCancelledV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import type { ClinicAppointmentView } from '../clinic/clinic-appointment.view';
import type { AppointmentView, RecordAttendanceBody } from './appointment.dto';
import { AppointmentError } from './appointment.errors';
import { appointmentAudit } from './appointment-audit';
import { appointmentEnvelope, appointmentRef } from './appointment-events';
import { earliestRecordingOf, LATE_CANCELLATION } from './attendance-rules';
import { lockAppointmentForParty } from './load-appointment';
import { viewForParty } from './party-view';
import { giveBackSeat } from './seats';
import { updateAppointment } from './update-appointment';

/**
 * Records what happened at a booked appointment, by the CDAS that booked it or the clinic whose slot
 * it is: once. The same outcome again answers the recorded one and changes nothing (a retry, or both
 * sides recording the same); a different one is refused, since one of them is wrong and a person must
 * sort it out. An overdue outcome may still be recorded: that is what chasing it is for.
 *
 * A late cancellation recorded before the start also cancels the appointment (by the client, reason
 * 'cancelled late') and frees its seat: `appointment.attendance-recorded.v1` then
 * `appointment.cancelled.v1`. Recorded after the start, the time is gone and the seat stays taken.
 */
@Injectable()
export class RecordAttendance {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    body: RecordAttendanceBody,
  ): Promise<AppointmentView | ClinicAppointmentView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const { appointment, slot, party } = await lockAppointmentForParty(manager, principal, id);
      // Before the status check: a late cancellation recorded before the start cancelled the
      // appointment, and recording it again is still the same answer (another outcome is refused).
      if (appointment.attendance === body.outcome) {
        await this.audit.record(manager, BOOKING_SCHEMA, {
          ...appointmentAudit(principal, appointment, now),
          action: 'read',
          reason: 'attendance already recorded',
        });
        return viewForParty(manager, party, principal, appointment, slot);
      }
      if (appointment.attendance) {
        throw new AppointmentError('ATTENDANCE_ALREADY_RECORDED', {
          detail: `Appointment ${id} is already recorded as ${appointment.attendance}`,
          extensions: { outcome: appointment.attendance },
        });
      }
      if (appointment.status !== 'booked') {
        throw new AppointmentError('APPOINTMENT_NOT_BOOKED', {
          detail: `Appointment ${id} is ${appointment.status}: only a booked appointment has an outcome`,
          extensions: { status: appointment.status },
        });
      }
      const earliest = earliestRecordingOf(body.outcome, slot.startsAt);
      if (now.getTime() < earliest.getTime()) {
        throw new AppointmentError('ATTENDANCE_TOO_EARLY', {
          detail: `${body.outcome} can be recorded from ${earliest.toISOString()}`,
          extensions: { outcome: body.outcome, from: earliest.toISOString() },
        });
      }

      // A late cancellation before the start gives the seat back: someone else can still use it.
      const cancelling = body.outcome === 'cancelled_late' && now.getTime() < slot.startsAt.getTime();
      if (cancelling) await giveBackSeat(manager, slot);
      await updateAppointment(manager, appointment, {
        attendance: body.outcome,
        attendanceRecordedBy: principal.userId,
        attendanceRecordedByOrg: principal.orgId,
        attendanceRecordedAt: now,
        attendanceNote: body.note ?? null,
        ...(cancelling
          ? {
              status: 'cancelled' as const,
              cancelledBy: LATE_CANCELLATION.cancelledBy,
              cancellationReason: LATE_CANCELLATION.reason,
              cancelledByUser: principal.userId,
              cancelledAt: now,
            }
          : {}),
      });

      await this.audit.record(manager, BOOKING_SCHEMA, {
        ...appointmentAudit(principal, appointment, now),
        action: 'update',
        details: {
          attendance: body.outcome,
          ...(cancelling ? { status: 'cancelled', cancelledBy: LATE_CANCELLATION.cancelledBy } : {}),
          as: party,
          fields: body.note ? ['note'] : [],
        },
      });
      const envelope = appointmentEnvelope(appointment, { kind: 'user', id: principal.userId }, now);
      // The outcome first: the referral takes it as a missed appointment (did not attend) while it is
      // still booked; the cancellation after it then frees the appointment everywhere else and leaves
      // the referral where it is (see ADR 16).
      await this.outbox.add(manager, appointmentAttendanceRecordedV1, {
        ...envelope,
        data: {
          ...appointmentRef(appointment),
          outcome: body.outcome,
          startsAt: slot.startsAt.toISOString(),
          recordedBy: principal.userId,
        },
      });
      if (cancelling) {
        await this.outbox.add(manager, appointmentCancelledV1, {
          ...envelope,
          data: {
            ...appointmentRef(appointment),
            cancelledBy: LATE_CANCELLATION.cancelledBy,
            reason: LATE_CANCELLATION.reason,
            startsAt: slot.startsAt.toISOString(),
          },
        });
      }
      return viewForParty(manager, party, principal, appointment, slot);
    });
  }
}
