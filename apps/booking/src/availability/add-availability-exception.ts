import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { Appointment } from '../appointment/appointment.entity';
import { BOOKING_SCHEMA } from '../booking-schema';
import { loadOwnSchedule } from '../schedule/load-schedule';
import { Slot } from '../slot/slot.entity';
import { markWithdrawn } from '../slot/withdraw-slots';
import {
  toExceptionView,
  type AffectedAppointment,
  type CreateExceptionBody,
  type ExceptionAddedView,
} from './availability.dto';
import { AvailabilityException } from './availability-exception.entity';
import { AvailabilityError } from './availability.errors';

/**
 * Records time a schedule is not available (a bank holiday, leave) and withdraws every open slot of
 * the schedule in it, taken or not (slots.withdrawn.v1 with the exception's id), so no seat in the
 * window is offered or booked again, even one freed later by a cancellation. Held and booked
 * appointments in the window are never cancelled here: they stay, in a withdrawn slot, and are
 * returned as affectedAppointments for the clinic to cancel as the provider (or move), and that read
 * is audited. The schedule row is locked FOR UPDATE, as publishers and materialisation lock it, so no
 * slot can be published into the window until this commits; the slots are locked in id order, as
 * booking locks them, so a booking either is seen here or finds its slot withdrawn. Later
 * materialisation skips the excepted time.
 */
@Injectable()
export class AddAvailabilityException {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    principal: Principal,
    scheduleId: string,
    body: CreateExceptionBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<ExceptionAddedView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        BOOKING_SCHEMA,
        {
          caller: principal,
          operation: `add-availability-exception:${scheduleId}`,
          key: idempotencyKey,
          body,
        },
        () => this.add(manager, principal, scheduleId, body),
        (replayed) => this.auditReplay(manager, principal, replayed),
      ),
    );
  }

  private async add(
    manager: EntityManager,
    principal: Principal,
    scheduleId: string,
    body: CreateExceptionBody,
  ): Promise<ExceptionAddedView> {
    const now = this.clock.now();
    await loadOwnSchedule(manager, principal, scheduleId, { lock: true });
    const exception = manager.create(AvailabilityException, {
      id: randomUUID(),
      scheduleId,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      reason: body.reason,
      createdBy: principal.userId,
      createdAt: now,
    });
    if (exception.endsAt.getTime() <= now.getTime()) {
      throw new AvailabilityError('EXCEPTION_IN_THE_PAST', {
        detail: `endsAt ${body.endsAt} is not in the future`,
      });
    }
    await manager.insert(AvailabilityException, exception);

    // Open slots of the schedule in the window that have not ended yet, locked.
    const from = new Date(Math.max(exception.startsAt.getTime(), now.getTime()));
    const inWindow = await manager.find(Slot, {
      where: { scheduleId, status: 'open', startsAt: LessThan(exception.endsAt), endsAt: MoreThan(from) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const withdrawn = await markWithdrawn(manager, this.outbox, inWindow, {
      reason: body.reason,
      exceptionId: exception.id,
      actor: { kind: 'user', id: principal.userId },
      now,
      includingTaken: true,
    });
    const affectedAppointments = await this.appointmentsIn(
      manager,
      principal,
      inWindow.filter((s) => s.taken > 0),
      exception.id,
    );
    return { exception: toExceptionView(exception), withdrawn, affectedAppointments };
  }

  /** The held and booked appointments of the (locked) slots, soonest first; each one shown is audited. */
  private async appointmentsIn(
    manager: EntityManager,
    principal: Principal,
    slots: readonly Slot[],
    exceptionId: string,
  ): Promise<AffectedAppointment[]> {
    if (slots.length === 0) return [];
    const slotById = new Map(slots.map((s) => [s.id, s]));
    const appointments = await manager.find(Appointment, {
      where: { slotId: In([...slotById.keys()]), status: In(['held', 'booked']) },
    });
    const affected = appointments
      .map((a) => ({ appointment: a, startsAt: slotById.get(a.slotId)!.startsAt }))
      .sort(
        (x, y) =>
          x.startsAt.getTime() - y.startsAt.getTime() || x.appointment.id.localeCompare(y.appointment.id),
      );
    await this.auditShown(
      manager,
      principal,
      exceptionId,
      affected.map((a) => a.appointment),
      'in the window of an availability exception',
    );
    return affected.map(({ appointment, startsAt }) => ({
      appointmentId: appointment.id,
      startsAt: startsAt.toISOString(),
    }));
  }

  /** A repeated request shows the same appointments again: audit that read too. */
  private async auditReplay(
    manager: EntityManager,
    principal: Principal,
    replayed: ExceptionAddedView,
  ): Promise<void> {
    const ids = replayed.affectedAppointments.map((a) => a.appointmentId);
    if (ids.length === 0) return;
    const appointments = await manager.find(Appointment, { where: { id: In(ids) } });
    await this.auditShown(
      manager,
      principal,
      replayed.exception.id,
      appointments,
      'repeated request (Idempotency-Key)',
    );
  }

  private async auditShown(
    manager: EntityManager,
    principal: Principal,
    exceptionId: string,
    appointments: readonly Appointment[],
    reason: string,
  ): Promise<void> {
    await this.audit.recordMany(
      manager,
      BOOKING_SCHEMA,
      appointments.map((appointment) => ({
        actor: principal,
        action: 'read' as const,
        subjectType: 'appointment',
        subjectId: appointment.id,
        clientId: appointment.clientId,
        reason,
        correlationId: currentCorrelation()?.correlationId ?? exceptionId,
        details: { exceptionId, slotId: appointment.slotId, fields: ['appointmentId', 'startsAt'] },
      })),
    );
  }
}
