import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditTrail, Principal } from '@careloop/auth';
import type { IdempotentOutcome } from '@careloop/http';
import type { Outbox } from '@careloop/messaging';
import type { Clock } from '@careloop/time';
import { ReferralAwaitingBooking } from '../awaiting-booking/referral-awaiting-booking.entity';
import { BOOKING_SCHEMA } from '../booking-schema';
import { BookingClient } from '../client/booking-client.entity';
import { isReserved } from '../reservation/reservation-rules';
import { lockSlotsById } from '../slot/lock-slots';
import type { Slot } from '../slot/slot.entity';
import { toAppointmentView, type AppointmentView, type BookAppointmentBody } from './appointment.dto';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { appointmentAudit } from './appointment-audit';
import { addBookedEvent, addHeldEvent } from './appointment-events';
import { assertBookable } from './bookable-slot';
import { changeOnce } from './change-once';
import { endLapsedHolds } from './end-holds';
import { refusingSeatConflicts } from './seat-conflict';
import { takeSeat } from './seats';

export interface PlacementDeps {
  outbox: Outbox;
  audit: AuditTrail;
}

/**
 * A direct booking, a hold that keeps the seat for a few minutes unless confirmed, or a hold for an
 * in-reach offer that keeps it until the offer expires.
 */
export type Placement =
  | { kind: 'booked' }
  | { kind: 'held'; holdMinutes: number }
  | { kind: 'offered'; offerId: string; expiresAt: Date };

/** What staff ask for over HTTP; offers are held by booking's consumer. */
export type StaffPlacement = Exclude<Placement, { kind: 'offered' }>;

/** A booking and a hold with one Idempotency-Key are different requests. */
const OPERATIONS = { booked: 'book-appointment', held: 'hold-appointment' } as const;

/**
 * The request as booking and holding take it: CDAS staff only, one transaction, once per
 * Idempotency-Key (a retry returns the first appointment), and a full slot refused as
 * SLOT_ALREADY_BOOKED even when only the database's constraints noticed.
 */
export async function placeAppointmentOnce(
  deps: PlacementDeps & { dataSource: DataSource; clock: Clock },
  principal: Principal,
  body: BookAppointmentBody,
  idempotencyKey: string | undefined,
  placement: StaffPlacement,
): Promise<IdempotentOutcome<AppointmentView>> {
  if (principal.orgKind !== 'cdas') throw new AppointmentError('CDAS_STAFF_ONLY');
  const request = { operation: OPERATIONS[placement.kind], key: idempotencyKey, body };
  return refusingSeatConflicts(body.slotId, () =>
    changeOnce(deps, principal, request, async (manager) => {
      const now = deps.clock.now();
      const { appointment, slot } = await placeAppointment(manager, deps, principal, body, placement, now);
      return toAppointmentView(appointment, slot);
    }),
  );
}

/**
 * Takes a seat of a slot for a client of the caller's CDAS, as a booking or a hold: the client must be
 * known to booking, the slot open, in the future and admitted by its reservation. Under the slot's
 * lock its lapsed holds end first, so a seat whose hold lapsed is free at once; then the lowest free
 * seat is taken. The appointment, the seat count, the audit entry and the event commit together.
 * The caller is staff, or one of booking's system users acting for the CDAS (an in-reach offer).
 */
export async function placeAppointment(
  manager: EntityManager,
  deps: PlacementDeps,
  principal: Principal,
  body: BookAppointmentBody,
  placement: Placement,
  now: Date,
): Promise<{ appointment: Appointment; slot: Slot }> {
  await assertClientOfCaller(manager, principal, body.clientId);
  const referralId = body.referralId ?? null;
  if (referralId) await assertReferralOfClient(manager, principal, referralId, body.clientId);

  const slot = (await lockSlotsById(manager, [body.slotId])).get(body.slotId) ?? null;
  assertBookable(slot, body.slotId, principal, now);
  const lapsed = await endLapsedHolds(manager, deps, [slot.id], now);
  slot.taken -= lapsed.length;
  const seat = await takeSeat(manager, slot);

  const held = placement.kind !== 'booked';
  const appointment = manager.create(Appointment, {
    id: randomUUID(),
    orgId: principal.orgId,
    slotId: slot.id,
    seat,
    slotCapacity: slot.capacity,
    clientId: body.clientId,
    referralId,
    status: held ? 'held' : 'booked',
    notesForClinic: body.notesForClinic ?? null,
    accompaniment: body.accompaniment ?? null,
    bookedBy: principal.userId,
    bookedAt: now,
    cancelledBy: null,
    cancellationReason: null,
    cancelledByUser: null,
    cancelledAt: null,
    holdExpiresAt: holdExpiry(placement, slot, now),
    holdEndedReason: null,
    offerId: placement.kind === 'offered' ? placement.offerId : null,
    doNotDischarge: body.doNotDischarge,
    underReservation: isReserved(slot),
    rescheduledCount: 0,
    attendance: null,
    attendanceRecordedBy: null,
    attendanceRecordedByOrg: null,
    attendanceRecordedAt: null,
    attendanceNote: null,
    outcomeOverdueAt: null,
    version: 1,
  });
  await manager.insert(Appointment, appointment);

  await deps.audit.record(manager, BOOKING_SCHEMA, {
    ...appointmentAudit(principal, appointment, now),
    action: 'create',
    details: {
      status: appointment.status,
      slotId: slot.id,
      referralId,
      serviceType: slot.serviceType,
      ...(appointment.offerId ? { offerId: appointment.offerId } : {}),
    },
  });
  if (held) {
    await addHeldEvent(manager, deps.outbox, appointment, slot, now);
  } else {
    await addBookedEvent(manager, deps.outbox, appointment, slot, principal.userId, now);
  }
  return { appointment, slot };
}

/** A hold never outlives the slot's start: a hold confirmed after it would book the past. */
function holdExpiry(placement: Placement, slot: Slot, now: Date): Date | null {
  const until =
    placement.kind === 'held'
      ? now.getTime() + placement.holdMinutes * 60_000
      : placement.kind === 'offered'
        ? placement.expiresAt.getTime()
        : null;
  return until === null ? null : new Date(Math.min(until, slot.startsAt.getTime()));
}

/** Booking learns clients from the referrals service's client events; it books only those it knows. */
async function assertClientOfCaller(manager: EntityManager, principal: Principal, clientId: string) {
  const known = await manager.existsBy(BookingClient, { clientId, orgId: principal.orgId });
  if (!known) {
    throw new AppointmentError('CLIENT_NOT_FOUND', {
      detail:
        `No client ${clientId} of this organisation is known to booking. Booking learns clients from the ` +
        'referrals service’s events: if the client was registered just now, try again shortly.',
      extensions: { clientId },
    });
  }
}

/** Booking knows a referral from referrals' events; it must be the caller's and the client's. */
async function assertReferralOfClient(
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
