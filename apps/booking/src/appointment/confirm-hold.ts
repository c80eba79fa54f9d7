import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import type { IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { toAppointmentView, type AppointmentView, type ConfirmHoldBody } from './appointment.dto';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { bookLiveHold } from './book-live-hold';
import { changeOnce } from './change-once';
import { endLapsedHolds } from './end-holds';
import { lockOwnAppointment } from './load-appointment';

/** The stored answer: a lapsed hold is ended (committed) and then answered HOLD_EXPIRED, on replay too. */
interface Confirmation {
  view: AppointmentView;
  expired: boolean;
}

/**
 * Turns a live hold of the caller's CDAS into a booking on the same seat (`appointment.booked.v1`).
 * A hold that lapsed is ended there and then, its seat given back, and the caller told HOLD_EXPIRED;
 * so is a caller whose hold lapsed and was ended before (a released hold is APPOINTMENT_NOT_HELD).
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
    const { result, replayed } = await changeOnce(
      { dataSource: this.dataSource, audit: this.audit },
      principal,
      { operation: `confirm-hold:${id}`, key: idempotencyKey, body },
      (manager) => this.confirm(manager, principal, id, body),
      (stored) => stored.view,
    );
    if (result.expired) throw holdExpired(result.view);
    return { result: result.view, replayed };
  }

  private async confirm(
    manager: EntityManager,
    principal: Principal,
    id: string,
    body: ConfirmHoldBody,
  ): Promise<Confirmation> {
    const now = this.clock.now();
    const { appointment, slot } = await lockOwnAppointment(manager, principal, id);
    // A hold that lapsed and was ended already (by the timer, a booking of its slot): the same answer
    // as confirming it just after it lapsed. A released hold was given back on purpose: not held.
    if (appointment.status === 'hold_ended' && appointment.holdEndedReason === 'expired') {
      throw holdExpired(toAppointmentView(appointment, slot));
    }
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

    await bookLiveHold(
      manager,
      { outbox: this.outbox, audit: this.audit },
      { appointment, slot },
      principal,
      body,
      now,
    );
    return { view: toAppointmentView(appointment, slot), expired: false };
  }
}

function holdExpired(view: AppointmentView): AppointmentError {
  return new AppointmentError('HOLD_EXPIRED', {
    detail: `The hold ${view.id} lapsed at ${view.holdExpiresAt ?? 'its expiry'}`,
    extensions: { appointmentId: view.id, slotId: view.slotId },
  });
}
