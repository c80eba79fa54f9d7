import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { appointmentBookedV1 } from '@careloop/contracts';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { currentCorrelation } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { ReferralAwaitingBooking } from '../awaiting-booking/referral-awaiting-booking.entity';
import { BOOKING_SCHEMA } from '../booking-schema';
import { Slot } from '../slot/slot.entity';
import { toAppointmentView, type AppointmentView, type BookAppointmentBody } from './appointment.dto';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { auditReplay } from './audit-replay';
import { isSeatConflict } from './seat-conflict';

/**
 * Books a seat of a slot for a client of the caller's CDAS. The slot row is locked for the length of
 * the transaction, so concurrent bookings of one slot queue and each sees the seats the others took;
 * the database's constraints (booked <= capacity, one booked appointment per seat) refuse a double
 * booking even if this code were wrong. The appointment, the slot's count, the audit entry and
 * `appointment.booked.v1` commit together; a retried request with the same Idempotency-Key returns
 * the first appointment.
 */
@Injectable()
export class BookAppointment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    body: BookAppointmentBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<AppointmentView>> {
    if (principal.orgKind !== 'cdas') throw new AppointmentError('CDAS_STAFF_ONLY');
    try {
      return await this.dataSource.transaction((manager) =>
        createOnce(
          manager,
          BOOKING_SCHEMA,
          { caller: principal, operation: 'book-appointment', key: idempotencyKey, body },
          () => this.book(manager, principal, body),
          auditReplay(this.audit, manager, principal),
        ),
      );
    } catch (error) {
      if (isSeatConflict(error)) {
        throw new AppointmentError('SLOT_ALREADY_BOOKED', {
          detail: `Slot ${body.slotId} is fully booked`,
          extensions: { slotId: body.slotId },
          cause: error,
        });
      }
      throw error;
    }
  }

  private async book(
    manager: EntityManager,
    principal: Principal,
    body: BookAppointmentBody,
  ): Promise<AppointmentView> {
    const now = this.clock.now();
    const referralId = body.referralId ?? null;
    if (referralId) await this.assertReferralOfClient(manager, principal, referralId, body.clientId);

    const slot = await manager.findOne(Slot, {
      where: { id: body.slotId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!slot) throw new AppointmentError('SLOT_NOT_FOUND', { detail: `No slot ${body.slotId}` });
    if (slot.startsAt.getTime() <= now.getTime()) {
      throw new AppointmentError('SLOT_ALREADY_STARTED', { extensions: { slotId: slot.id } });
    }
    const seat = await this.freeSeat(manager, slot);
    if (slot.booked >= slot.capacity || seat === null) {
      throw new AppointmentError('SLOT_ALREADY_BOOKED', {
        detail: `Slot ${slot.id} is fully booked`,
        extensions: { slotId: slot.id },
      });
    }

    await manager.query(`UPDATE "booking"."slot" SET "booked" = "booked" + 1 WHERE "id" = $1`, [slot.id]);
    slot.booked += 1;
    const appointment = manager.create(Appointment, {
      id: randomUUID(),
      orgId: principal.orgId,
      slotId: slot.id,
      seat,
      clientId: body.clientId,
      referralId,
      status: 'booked',
      notesForClinic: body.notesForClinic ?? null,
      accompaniment: body.accompaniment ?? null,
      bookedBy: principal.userId,
      bookedAt: now,
      cancelledBy: null,
      cancellationReason: null,
      cancelledByUser: null,
      cancelledAt: null,
      version: 1,
    });
    await manager.insert(Appointment, appointment);

    await this.audit.record(manager, BOOKING_SCHEMA, {
      actor: principal,
      action: 'create',
      subjectType: 'appointment',
      subjectId: appointment.id,
      clientId: appointment.clientId,
      correlationId: currentCorrelation()?.correlationId ?? appointment.id,
      details: { slotId: slot.id, referralId, serviceType: slot.serviceType },
      occurredAt: now,
    });
    await this.outbox.add(manager, appointmentBookedV1, {
      subjectId: appointment.id,
      orgId: appointment.orgId,
      actor: { kind: 'user', id: principal.userId },
      occurredAt: now,
      data: {
        appointmentId: appointment.id,
        clientId: appointment.clientId,
        referralId,
        providerName: slot.providerName,
        serviceType: slot.serviceType,
        location: slot.location,
        startsAt: slot.startsAt.toISOString(),
        endsAt: slot.endsAt.toISOString(),
        bookedBy: principal.userId,
      },
    });
    return toAppointmentView(appointment, slot);
  }

  /** The lowest seat of the (locked) slot that no booked appointment holds, or null when all are taken. */
  private async freeSeat(manager: EntityManager, slot: Slot): Promise<number | null> {
    const rows: { seat: number }[] = await manager.query(
      `SELECT s AS "seat" FROM generate_series(1, $2::int) AS s
        WHERE NOT EXISTS (SELECT 1 FROM "booking"."appointment" a
                           WHERE a."slot_id" = $1 AND a."seat" = s AND a."status" = 'booked')
        ORDER BY s LIMIT 1`,
      [slot.id, slot.capacity],
    );
    return rows[0]?.seat ?? null;
  }

  /** Booking knows a referral from referrals' events; it must be the caller's and the client's. */
  private async assertReferralOfClient(
    manager: EntityManager,
    principal: Principal,
    referralId: string,
    clientId: string,
  ): Promise<void> {
    const referral = await manager.findOneBy(ReferralAwaitingBooking, { referralId, orgId: principal.orgId });
    if (!referral || referral.clientId !== clientId) {
      throw new AppointmentError('REFERRAL_NOT_FOUND', {
        detail: `No referral ${referralId} of this organisation for the client`,
      });
    }
  }
}
