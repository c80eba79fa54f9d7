import type { EntityManager } from 'typeorm';
import { Slot } from '../slot/slot.entity';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';
import { lockSlots } from './seats';

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

/** Tries before giving up on an appointment that keeps moving while we lock it. */
const LOCK_ATTEMPTS = 3;

/**
 * Locks an appointment for a change: its slot (and `alsoLock`, e.g. the slot a reschedule moves it
 * to) first, in id order, then the appointment row: the order booking and hold expiry use, so no two
 * changes wait on each other in a circle. A reschedule may move the appointment between the first
 * read and the locks; then the slot it is in now is locked and the row read again.
 */
export async function lockAppointment(
  manager: EntityManager,
  id: string,
  alsoLock: readonly string[] = [],
): Promise<(AppointmentInSlot & { slots: Map<string, Slot> }) | null> {
  let slotId = (await manager.findOneBy(Appointment, { id }))?.slotId;
  for (let attempt = 0; slotId && attempt < LOCK_ATTEMPTS; attempt += 1) {
    const slots = await lockSlots(manager, [slotId, ...alsoLock]);
    const appointment = await manager.findOne(Appointment, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!appointment) return null;
    const slot = slots.get(appointment.slotId);
    if (slot) return { appointment, slot, slots };
    slotId = appointment.slotId;
  }
  if (!slotId) return null;
  throw new Error(`Appointment ${id} moved between slots while it was being locked`);
}
