import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toAppointmentView, type AppointmentView } from './appointment.dto';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { appointmentAudit } from './appointment-audit';
import { endLapsedHolds, releaseLiveHold } from './end-holds';
import { lockOwnAppointment } from './load-appointment';

/**
 * Gives a held seat back before the hold lapses (the client chose another time, or none). Releasing a
 * hold that has already ended answers its current state and changes nothing, so a retry is harmless;
 * a hold found lapsed ends as expired, as it would have at the next timer run.
 */
@Injectable()
export class ReleaseHold {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: string): Promise<AppointmentView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const deps = { outbox: this.outbox, audit: this.audit };
      const { appointment, slot } = await lockOwnAppointment(manager, principal, id);
      if (appointment.status === 'hold_ended') {
        await this.audit.record(manager, BOOKING_SCHEMA, {
          ...appointmentAudit(principal, appointment),
          action: 'read',
          reason: 'hold already ended',
        });
        return toAppointmentView(appointment, slot);
      }
      if (appointment.status !== 'held') {
        throw new AppointmentError('APPOINTMENT_NOT_HELD', {
          detail: `Appointment ${id} is ${appointment.status}: a booking is cancelled, not released`,
          extensions: { status: appointment.status },
        });
      }
      const lapsed = appointment.holdExpiresAt!.getTime() <= now.getTime();
      const ended = lapsed
        ? await endLapsedHolds(manager, deps, [slot.id], now)
        : await releaseLiveHold(manager, deps, id, principal, now);
      slot.taken -= ended.length;
      return toAppointmentView(await manager.findOneByOrFail(Appointment, { id }), slot);
    });
  }
}
