import type { EntityManager } from 'typeorm';
import { WorkRowAgain } from '@careloop/persistence';
import { appointmentRebookNeededV1, type Actor } from '@careloop/contracts';
import { INREACH_CASCADE_USER, appointmentEnvelope, appointmentRef } from '../appointment/appointment-events';
import { AppointmentError } from '../appointment/appointment.errors';
import { findAppointment, lockAppointment, type AppointmentInSlot } from '../appointment/load-appointment';
import { moveLockedAppointment, type MoveDeps, type Mover } from '../appointment/move-appointment';
import { isSeatConflict } from '../appointment/seat-conflict';
import { BookingClient } from '../client/booking-client.entity';
import { cascadeWindows, inCascadeOrder, nextSessionSlots } from './next-session-slots';
import type { SessionMove } from './session-move.entity';
import { settleMove } from './session-move-rows';

export type MoveOutcome = 'moved' | 'rebook_needed' | 'not_needed';

const CASCADE_ACTOR: Actor = { kind: 'system', id: INREACH_CASCADE_USER };

/**
 * Slots one row may try in a run before it gives up on it for now (each was taken as it was tried):
 * one transaction each, so this bounds the transactions too.
 */
export const MAX_SLOTS_TRIED = 100;

/** Refusals that mean "this slot went meanwhile": the cascade tries the next one. */
const SLOT_GONE = new Set([
  'SLOT_ALREADY_BOOKED',
  'SLOT_WITHDRAWN',
  'SLOT_ALREADY_STARTED',
  'SLOT_RESERVED',
  'SLOT_NOT_FOUND',
]);

/**
 * The slot tried went meanwhile: the row's transaction is rolled back whole and the row worked again
 * in a new one, past the slots tried so far. Not the next slot in the same transaction: whoever
 * queued for the slots this try locked would wait for our whole transaction, and our wait for the
 * next slot could close a circle with them (WorkRowAgain).
 */
export class SlotTakenMeanwhile extends WorkRowAgain {
  constructor(readonly slotId: string) {
    super(`Slot ${slotId} was taken while the cascade tried it`);
  }
}

/**
 * Works one pending session_move, locked by the caller, in its transaction. An appointment that has
 * left the session since (cancelled, moved by staff, its outcome recorded) needs nothing. Otherwise
 * the next suitable slot of the service gets it (at or after its original time if there is one,
 * else the nearest before it: cascadeWindows, nextSessionSlots, inCascadeOrder), through the same
 * move as a staff reschedule (moveLockedAppointment) as booking's system user: appointment.rescheduled.v1,
 * an audit entry, not counted as a reschedule. `tried` holds the slots earlier transactions of this
 * run found taken, and gains the one this try finds taken (SlotTakenMeanwhile: one try a transaction).
 * None left, or the appointment already started: the appointment stays booked (in its withdrawn slot)
 * and appointment.rebook-needed.v1 tells the keyworker. Every check that decides is made again under
 * the appointment's lock.
 */
export async function moveOutOfSession(
  manager: EntityManager,
  deps: MoveDeps,
  move: SessionMove,
  now: Date,
  tried: string[],
): Promise<MoveOutcome> {
  const current = await findAppointment(manager, move.appointmentId);
  if (!current || !inSession(current, move)) return settled(manager, move, 'not_needed', null, now);
  if (current.slot.startsAt.getTime() > now.getTime()) {
    if (tried.length >= MAX_SLOTS_TRIED) {
      throw new Error(
        `Tried ${tried.length} slots for appointment ${move.appointmentId}; trying again later`,
      );
    }
    const next = await nextSlotToTry(manager, current, tried, now);
    if (next) return tryMoveTo(manager, deps, move, next, now, tried);
  }
  return askToRebook(manager, deps, move, now);
}

/** The best slot not yet tried: the nearest window with any, ranked there by the client's usual days. */
async function nextSlotToTry(
  manager: EntityManager,
  current: AppointmentInSlot,
  tried: readonly string[],
  now: Date,
): Promise<string | null> {
  const admitted = { orgId: current.appointment.orgId, orgKind: 'cdas' as const };
  for (const window of cascadeWindows(current.slot.startsAt, now)) {
    const slots = await nextSessionSlots(manager, {
      scheduleId: current.slot.scheduleId,
      admitted,
      window,
      excluding: tried,
    });
    if (slots.length > 0) return inCascadeOrder(slots, await usualDays(manager, current), window.side)[0]!.id;
  }
  return null;
}

/** Still booked in the session's slot with no outcome: the cascade's to move. */
function inSession(current: AppointmentInSlot, move: SessionMove): boolean {
  const { appointment, slot } = current;
  return (
    appointment.status === 'booked' &&
    appointment.attendance === null &&
    slot.inreachSessionId === move.sessionId
  );
}

/** The client's usual CDAS days, from booking's copy of the client (none known: no preference). */
async function usualDays(manager: EntityManager, current: AppointmentInSlot) {
  const client = await manager.findOneBy(BookingClient, {
    clientId: current.appointment.clientId,
    orgId: current.appointment.orgId,
  });
  return client?.attendancePattern ?? [];
}

/**
 * The one try of this transaction: the appointment and both slots locked in booking's order, the
 * appointment checked again, then moved. A slot that went meanwhile is added to `tried` and the row
 * worked again in a new transaction (SlotTakenMeanwhile).
 */
async function tryMoveTo(
  manager: EntityManager,
  deps: MoveDeps,
  move: SessionMove,
  toSlotId: string,
  now: Date,
  tried: string[],
): Promise<MoveOutcome> {
  try {
    const locked = await lockAppointment(manager, move.appointmentId, [toSlotId]);
    if (!locked || !inSession(locked, move)) return settled(manager, move, 'not_needed', null, now);
    await moveLockedAppointment(manager, deps, locked, {
      toSlotId,
      mover: cascadeMover(locked.appointment.orgId),
      reason: locked.slot.withdrawnReason,
      now,
    });
    return settled(manager, move, 'moved', toSlotId, now);
  } catch (error) {
    if (isSeatConflict(error) || (error instanceof AppointmentError && SLOT_GONE.has(error.code))) {
      tried.push(toSlotId);
      throw new SlotTakenMeanwhile(toSlotId);
    }
    throw error;
  }
}

/**
 * Booking's cascade moves for the CDAS whose appointment it is, so the slot's reservation must admit
 * that CDAS (in-reach slots are reserved for their host). Not counted as a reschedule: nobody chose it.
 */
function cascadeMover(orgId: string): Mover {
  return {
    actor: CASCADE_ACTOR,
    auditActor: { userId: INREACH_CASCADE_USER, orgId, roles: [] },
    admitted: { orgId, orgKind: 'cdas' },
    counted: false,
  };
}

/** No slot to go to: the appointment stays as it is and its keyworker is told, once (the row settles). */
export async function askToRebook(
  manager: EntityManager,
  deps: MoveDeps,
  move: SessionMove,
  now: Date,
): Promise<MoveOutcome> {
  const locked = await lockAppointment(manager, move.appointmentId);
  if (!locked || !inSession(locked, move)) return settled(manager, move, 'not_needed', null, now);
  const { appointment, slot } = locked;
  await deps.outbox.add(manager, appointmentRebookNeededV1, {
    ...appointmentEnvelope(appointment, CASCADE_ACTOR, now),
    data: {
      ...appointmentRef(appointment),
      reason: 'inreach_session_cancelled',
      inreachSessionId: move.sessionId,
      serviceType: slot.serviceType,
      providerName: slot.providerName,
      startsAt: slot.startsAt.toISOString(),
    },
  });
  return settled(manager, move, 'rebook_needed', null, now);
}

async function settled(
  manager: EntityManager,
  move: SessionMove,
  outcome: MoveOutcome,
  newSlotId: string | null,
  now: Date,
): Promise<MoveOutcome> {
  await settleMove(manager, move.id, outcome, newSlotId, now);
  return outcome;
}
