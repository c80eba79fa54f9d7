import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { appointmentAttendanceRecordedV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import type { ClinicAppointmentView } from '../clinic/clinic-appointment.view';
import type { AppointmentView, RecordAttendanceBody } from './appointment.dto';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { appointmentRef } from './appointment-events';
import { partyOf } from './appointment-parties';
import { earliestRecordingOf } from './attendance-rules';
import { appointmentNotFound, lockAppointment } from './load-appointment';
import { viewForParty } from './party-view';

/**
 * Records what happened at a booked appointment, by the CDAS that booked it or the clinic whose slot
 * it is: once. The same outcome again answers the recorded one and changes nothing (a retry, or both
 * sides recording the same); a different one is refused, since one of them is wrong and a person must
 * sort it out. An overdue outcome may still be recorded: that is what chasing it is for.
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
      const locked = await lockAppointment(manager, id);
      const party = locked && partyOf(principal, locked.appointment, locked.slot);
      if (!locked || !party) throw appointmentNotFound(id);
      const { appointment, slot } = locked;
      const audited = {
        actor: principal,
        subjectType: 'appointment',
        subjectId: appointment.id,
        clientId: appointment.clientId,
        correlationId: currentCorrelation()?.correlationId ?? appointment.id,
        occurredAt: now,
      };
      if (appointment.status !== 'booked') {
        throw new AppointmentError('APPOINTMENT_NOT_BOOKED', {
          detail: `Appointment ${id} is ${appointment.status}: only a booked appointment has an outcome`,
          extensions: { status: appointment.status },
        });
      }
      if (appointment.attendance === body.outcome) {
        await this.audit.record(manager, BOOKING_SCHEMA, {
          ...audited,
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
      const earliest = earliestRecordingOf(body.outcome, slot.startsAt);
      if (now.getTime() < earliest.getTime()) {
        throw new AppointmentError('ATTENDANCE_TOO_EARLY', {
          detail: `${body.outcome} can be recorded from ${earliest.toISOString()}`,
          extensions: { outcome: body.outcome, from: earliest.toISOString() },
        });
      }

      const update = {
        attendance: body.outcome,
        attendanceRecordedBy: principal.userId,
        attendanceRecordedByOrg: principal.orgId,
        attendanceRecordedAt: now,
        attendanceNote: body.note ?? null,
        version: appointment.version + 1,
      } satisfies Partial<Appointment>;
      await manager.update(Appointment, { id }, update);
      Object.assign(appointment, update);

      await this.audit.record(manager, BOOKING_SCHEMA, {
        ...audited,
        action: 'update',
        details: { attendance: body.outcome, as: party, fields: body.note ? ['note'] : [] },
      });
      await this.outbox.add(manager, appointmentAttendanceRecordedV1, {
        subjectId: appointment.id,
        orgId: appointment.orgId,
        actor: { kind: 'user', id: principal.userId },
        occurredAt: now,
        data: {
          ...appointmentRef(appointment),
          outcome: body.outcome,
          startsAt: slot.startsAt.toISOString(),
          recordedBy: principal.userId,
        },
      });
      return viewForParty(manager, party, principal, appointment, slot);
    });
  }
}
