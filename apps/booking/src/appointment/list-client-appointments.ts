import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation, newCorrelationId } from '@careloop/observability';
import { BOOKING_SCHEMA } from '../booking-schema';
import { Slot } from '../slot/slot.entity';
import { toAppointmentView, type AppointmentView, type ListAppointmentsQuery } from './appointment.dto';
import { Appointment } from './appointment.entity';

/** Most appointments one client's list returns: years of them, not an unbounded read. */
export const CLIENT_APPOINTMENTS_LIMIT = 200;

/**
 * A client's appointments booked by the caller's CDAS, latest appointment first. Holds that ended
 * without a booking are left out: nothing was booked. Each appointment shown is audited as read; an
 * empty answer still records that the client was looked up.
 */
@Injectable()
export class ListClientAppointments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async execute(principal: Principal, query: ListAppointmentsQuery): Promise<AppointmentView[]> {
    return this.dataSource.transaction(async (manager) => {
      const appointments = await manager
        .createQueryBuilder(Appointment, 'a')
        .innerJoin(Slot, 's', 's.id = a.slotId')
        .where('a.orgId = :orgId', { orgId: principal.orgId })
        .andWhere('a.clientId = :clientId', { clientId: query.clientId })
        .andWhere("a.status <> 'hold_ended'")
        .orderBy('s.startsAt', 'DESC')
        .addOrderBy('a.bookedAt', 'DESC')
        .limit(CLIENT_APPOINTMENTS_LIMIT)
        .getMany();
      const slotIds = [...new Set(appointments.map((a) => a.slotId))];
      const slots = slotIds.length ? await manager.findBy(Slot, { id: In(slotIds) }) : [];
      const slotById = new Map(slots.map((s) => [s.id, s]));

      const correlationId = currentCorrelation()?.correlationId ?? newCorrelationId();
      const shown = { actor: principal, clientId: query.clientId, correlationId };
      await this.audit.recordMany(
        manager,
        BOOKING_SCHEMA,
        appointments.length
          ? appointments.map((a) => ({
              ...shown,
              action: 'read' as const,
              subjectType: 'appointment',
              subjectId: a.id,
            }))
          : [{ ...shown, action: 'search' as const, subjectType: 'client', subjectId: query.clientId }],
      );
      return appointments.map((a) => toAppointmentView(a, slotById.get(a.slotId)!));
    });
  }
}
