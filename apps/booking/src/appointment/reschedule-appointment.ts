import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import type { IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { toAppointmentView, type AppointmentView, type RescheduleAppointmentBody } from './appointment.dto';
import { changeOnce } from './change-once';
import { lockOwnAppointment } from './load-appointment';
import { moveLockedAppointment } from './move-appointment';
import { refusingSeatConflicts } from './seat-conflict';

/**
 * Moves a booked appointment of the caller's CDAS to another slot in one transaction: same
 * appointment (id, client, referral, notes), new seat, old seat freed. Both slots are locked in id
 * order, so two reschedules crossing each other's slots queue rather than deadlock; any refusal (the
 * new slot full, withdrawn, started, reserved for others) rolls back and the old booking stands.
 */
@Injectable()
export class RescheduleAppointment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    principal: Principal,
    id: string,
    body: RescheduleAppointmentBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView>> {
    const request = { operation: `reschedule-appointment:${id}`, key: idempotencyKey, body };
    const deps = { dataSource: this.dataSource, audit: this.audit };
    return refusingSeatConflicts(body.slotId, () =>
      changeOnce(deps, principal, request, (manager) => this.reschedule(manager, principal, id, body)),
    );
  }

  private async reschedule(
    manager: EntityManager,
    principal: Principal,
    id: string,
    body: RescheduleAppointmentBody,
  ): Promise<AppointmentView> {
    const locked = await lockOwnAppointment(manager, principal, id, [body.slotId]);
    const { appointment, to } = await moveLockedAppointment(
      manager,
      { outbox: this.outbox, audit: this.audit },
      locked,
      {
        toSlotId: body.slotId,
        mover: {
          actor: { kind: 'user', id: principal.userId },
          auditActor: principal,
          admitted: principal,
          counted: true,
        },
        reason: body.reason ?? null,
        now: this.clock.now(),
      },
    );
    return toAppointmentView(appointment, to);
  }
}
