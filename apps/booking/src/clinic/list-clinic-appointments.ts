import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { currentCorrelation, newCorrelationId } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { Appointment } from '../appointment/appointment.entity';
import { BOOKING_SCHEMA } from '../booking-schema';
import { Slot } from '../slot/slot.entity';
import { clinicViewsOf } from './clinic-appointment.view';
import type { ClinicAppointmentsQuery, ClinicAppointmentsView } from './clinic.dto';
import { clinicWindow } from './clinic-window';

/** Most appointments one list returns. */
export const CLINIC_LIST_LIMIT = 1000;

/**
 * The appointments booked (or cancelled) in the caller's organisation's own slots, in a window,
 * soonest first: for a hospital or GP clinic its clinics, for a CDAS its in-house clinics. Holds are
 * not shown (nothing is booked yet). Every client on the list is audited as read by the caller, one
 * entry per client.
 */
@Injectable()
export class ListClinicAppointments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, query: ClinicAppointmentsQuery): Promise<ClinicAppointmentsView> {
    const window = clinicWindow(this.clock.now(), query.from, query.to);
    return this.dataSource.transaction(async (manager) => {
      const slotQuery = manager
        .createQueryBuilder(Slot, 's')
        .where('s.orgId = :orgId', { orgId: principal.orgId })
        .andWhere('s.startsAt >= :from AND s.startsAt < :to', window)
        .andWhere(
          `EXISTS (SELECT 1 FROM "booking"."appointment" a
                    WHERE a."slot_id" = s."id" AND a."status" IN ('booked', 'cancelled'))`,
        );
      if (query.scheduleId)
        slotQuery.andWhere('s.scheduleId = :scheduleId', { scheduleId: query.scheduleId });
      const slots = await slotQuery.getMany();
      const appointments = slots.length
        ? await manager
            .createQueryBuilder(Appointment, 'a')
            .where({ slotId: In(slots.map((s) => s.id)) })
            .andWhere("a.status IN ('booked', 'cancelled')")
            .getMany()
        : [];
      const slotById = new Map(slots.map((s) => [s.id, s]));
      const rows = appointments
        .map((appointment) => ({ appointment, slot: slotById.get(appointment.slotId)! }))
        .sort(
          (x, y) =>
            x.slot.startsAt.getTime() - y.slot.startsAt.getTime() ||
            x.slot.id.localeCompare(y.slot.id) ||
            x.appointment.seat - y.appointment.seat,
        )
        .slice(0, CLINIC_LIST_LIMIT);
      const views = await clinicViewsOf(manager, rows, principal.orgId);

      const appointmentsOf = new Map<string, string[]>();
      for (const { appointment } of rows) {
        appointmentsOf.set(appointment.clientId, [
          ...(appointmentsOf.get(appointment.clientId) ?? []),
          appointment.id,
        ]);
      }
      const correlationId = currentCorrelation()?.correlationId ?? newCorrelationId();
      await this.audit.recordMany(
        manager,
        BOOKING_SCHEMA,
        [...appointmentsOf].map(([clientId, appointmentIds]) => ({
          actor: principal,
          action: 'read' as const,
          subjectType: 'client',
          subjectId: clientId,
          clientId,
          correlationId,
          details: { view: 'clinic-appointments', appointmentIds },
        })),
      );
      return { from: window.from.toISOString(), to: window.to.toISOString(), appointments: views };
    });
  }
}
