import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, assertVisibleTo, type Principal } from '@careloop/auth';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toAppointmentView, type AppointmentView } from './appointment.dto';
import { appointmentAudit } from './appointment-audit';
import { appointmentNotFound, findAppointment } from './load-appointment';

/** One appointment of the caller's organisation; the read is audited (it names a client). */
@Injectable()
export class GetAppointment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async execute(principal: Principal, id: string): Promise<AppointmentView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await findAppointment(manager, id);
      assertVisibleTo(principal, found?.appointment, () => appointmentNotFound(id));
      const { appointment, slot } = found!;
      await this.audit.record(manager, BOOKING_SCHEMA, {
        ...appointmentAudit(principal, appointment),
        action: 'read',
      });
      return toAppointmentView(appointment, slot);
    });
  }
}
