import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, assertVisibleTo, type Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toAppointmentView, type AppointmentView, type ConfirmHoldBody } from './appointment.dto';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { addBookedEvent } from './appointment-events';
import { auditReplay } from './audit-replay';
import { endLapsedHolds } from './end-holds';
import { appointmentNotFound, lockAppointment } from './load-appointment';

/** The stored answer: a lapsed hold is ended (committed) and then answered HOLD_EXPIRED, on replay too. */
interface Confirmation {
  view: AppointmentView;
  expired: boolean;
}

/**
 * Turns a live hold of the caller's CDAS into a booking on the same seat (`appointment.booked.v1`).
 * A hold that lapsed is ended there and then, its seat given back, and the caller told HOLD_EXPIRED.
 */
@Injectable()
export class ConfirmHold {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    body: ConfirmHoldBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView>> {
    const { result, replayed } = await this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        BOOKING_SCHEMA,
        { caller: principal, operation: `confirm-hold:${id}`, key: idempotencyKey, body },
        () => this.confirm(manager, principal, id, body),
        (stored) => auditReplay(this.audit, manager, principal)(stored.view),
      ),
    );
    if (result.expired) {
      throw new AppointmentError('HOLD_EXPIRED', {
        detail: `The hold ${id} lapsed at ${result.view.holdExpiresAt ?? 'its expiry'}`,
        extensions: { appointmentId: id, slotId: result.view.slotId },
      });
    }
    return { result: result.view, replayed };
  }

  private async confirm(
    manager: EntityManager,
    principal: Principal,
    id: string,
    body: ConfirmHoldBody,
  ): Promise<Confirmation> {
    const now = this.clock.now();
    const locked = await lockAppointment(manager, id);
    assertVisibleTo(principal, locked?.appointment, () => appointmentNotFound(id));
    const { appointment, slot } = locked!;
    if (appointment.status !== 'held') {
      throw new AppointmentError('APPOINTMENT_NOT_HELD', {
        detail: `Appointment ${id} is ${appointment.status}`,
        extensions: { status: appointment.status },
      });
    }
    if (appointment.holdExpiresAt!.getTime() <= now.getTime()) {
      const ended = await endLapsedHolds(manager, { outbox: this.outbox, audit: this.audit }, [slot.id], now);
      slot.taken -= ended.length;
      const after = await manager.findOneByOrFail(Appointment, { id });
      return { view: toAppointmentView(after, slot), expired: true };
    }

    if (slot.status === 'withdrawn') {
      // The clinic closed the session (an exception) while the worker talked to the client.
      throw new AppointmentError('SLOT_WITHDRAWN', { extensions: { slotId: slot.id } });
    }

    const changed = (['notesForClinic', 'accompaniment', 'doNotDischarge'] as const).filter(
      (field) => body[field] !== undefined,
    );
    const update = {
      status: 'booked' as const,
      holdExpiresAt: null,
      bookedBy: principal.userId,
      bookedAt: now,
      ...(body.notesForClinic !== undefined ? { notesForClinic: body.notesForClinic } : {}),
      ...(body.accompaniment !== undefined ? { accompaniment: body.accompaniment } : {}),
      ...(body.doNotDischarge !== undefined ? { doNotDischarge: body.doNotDischarge } : {}),
      version: appointment.version + 1,
    } satisfies Partial<Appointment>;
    await manager.update(Appointment, { id }, update);
    Object.assign(appointment, update);

    await this.audit.record(manager, BOOKING_SCHEMA, {
      actor: principal,
      action: 'update',
      subjectType: 'appointment',
      subjectId: appointment.id,
      clientId: appointment.clientId,
      correlationId: currentCorrelation()?.correlationId ?? appointment.id,
      details: { status: 'booked', from: 'held', fields: changed },
      occurredAt: now,
    });
    await addBookedEvent(manager, this.outbox, appointment, slot, principal.userId, now);
    return { view: toAppointmentView(appointment, slot), expired: false };
  }
}
