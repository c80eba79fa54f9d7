import type { EntityManager } from 'typeorm';
import { assertVisibleTo, type Principal } from '@careloop/auth';
import { lockSlotsById } from '../slot/lock-slots';
import { Slot } from '../slot/slot.entity';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { partyOf, type AppointmentParty } from './appointment-parties';

export interface AppointmentInSlot {
  appointment: Appointment;
  slot: Slot;
}

/** The answer for a missing appointment, and for one the caller may not see (ids cannot be probed). */
export function appointmentNotFound(id: string): AppointmentError {
  return new AppointmentError('APPOINTMENT_NOT_FOUND', { detail: `No appointment ${id}` });
}

/** The appointment and its slot as they are now, unlocked (for reads); null when there is none. */
export async function findAppointment(manager: EntityManager, id: string): Promise<AppointmentInSlot | null> {
  const appointment = await manager.findOneBy(Appointment, { id });
  if (!appointment) return null;
  const slot = await manager.findOneBy(Slot, { id: appointment.slotId });
  if (!slot) throw new Error(`Appointment ${id} has no slot ${appointment.slotId}`);
  return { appointment, slot };
}

export interface LockedAppointment extends AppointmentInSlot {
  /** Every slot locked: the appointment's and `alsoLock`, by the ids as given. */
  slots: Map<string, Slot>;
}

/** Tries before giving up on an appointment that keeps moving while we lock it. */
const LOCK_ATTEMPTS = 3;

/** Taken before each attempt's locks; rolling back to it releases them (Postgres row locks included). */
const BEFORE_LOCKS = 'lock_appointment';

/**
 * Locks an appointment for a change: its slot (and `alsoLock`, e.g. the slot a reschedule moves it
 * to) first, in id order, then the appointment row: the order booking and hold expiry use, so no two
 * changes wait on each other in a circle. A reschedule may move the appointment between the first
 * read and the locks. Locking its new slot then, while holding the old one, could break the id order
 * (and deadlock against a change that holds the new slot and waits for the old one), so the attempt's
 * locks are rolled back to a savepoint and the slots it is in now are locked afresh, in id order.
 * An appointment that keeps moving is answered APPOINTMENT_CHANGED (try again).
 */
export async function lockAppointment(
  manager: EntityManager,
  id: string,
  alsoLock: readonly string[] = [],
): Promise<LockedAppointment | null> {
  let slotId = (await manager.findOneBy(Appointment, { id }))?.slotId;
  for (let attempt = 0; slotId && attempt < LOCK_ATTEMPTS; attempt += 1) {
    await manager.query(`SAVEPOINT ${BEFORE_LOCKS}`);
    const slots = await lockSlotsById(manager, [slotId, ...alsoLock]);
    const appointment = await manager.findOne(Appointment, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    const slot = appointment && slots.get(appointment.slotId);
    if (!appointment || slot) {
      await manager.query(`RELEASE SAVEPOINT ${BEFORE_LOCKS}`);
      return appointment && slot ? { appointment, slot, slots } : null;
    }
    await manager.query(`ROLLBACK TO SAVEPOINT ${BEFORE_LOCKS}`);
    await manager.query(`RELEASE SAVEPOINT ${BEFORE_LOCKS}`);
    slotId = appointment.slotId;
  }
  if (!slotId) return null;
  throw new AppointmentError('APPOINTMENT_CHANGED', {
    detail: `Appointment ${id} moved to another slot while it was being changed; try again`,
    extensions: { appointmentId: id },
  });
}

/** Locks an appointment of the caller's CDAS for a change; another organisation's is answered as missing. */
export async function lockOwnAppointment(
  manager: EntityManager,
  principal: Principal,
  id: string,
  alsoLock: readonly string[] = [],
): Promise<LockedAppointment> {
  const locked = await lockAppointment(manager, id, alsoLock);
  if (!locked) throw appointmentNotFound(id);
  assertVisibleTo(principal, locked.appointment, () => appointmentNotFound(id));
  return locked;
}

/**
 * Locks an appointment for a change either party may make (cancelling, recording attendance): the
 * CDAS that booked it or the clinic whose slot it is. Anybody else is answered as if it were missing.
 */
export async function lockAppointmentForParty(
  manager: EntityManager,
  principal: Principal,
  id: string,
): Promise<AppointmentInSlot & { party: AppointmentParty }> {
  const locked = await lockAppointment(manager, id);
  const party = locked && partyOf(principal, locked.appointment, locked.slot);
  if (!locked || !party) throw appointmentNotFound(id);
  return { appointment: locked.appointment, slot: locked.slot, party };
}
