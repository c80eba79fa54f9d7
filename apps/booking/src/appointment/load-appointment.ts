import type { EntityManager } from 'typeorm';
import { assertVisibleTo, type Principal } from '@careloop/auth';
import { Slot } from '../slot/slot.entity';
import { Appointment } from './appointment.entity';
import { AppointmentError } from './appointment.errors';

/**
 * The appointment and its slot, if the appointment belongs to the caller's organisation; another
 * organisation's appointment is answered exactly like a missing one. `lock` locks the appointment row,
 * then its slot (the order booking uses, slot then new row, cannot deadlock with it).
 */
export async function loadAppointment(
  manager: EntityManager,
  principal: Principal,
  id: string,
  lock = false,
): Promise<{ appointment: Appointment; slot: Slot }> {
  const appointment = await manager.findOne(Appointment, {
    where: { id },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  assertVisibleTo(
    principal,
    appointment,
    () => new AppointmentError('APPOINTMENT_NOT_FOUND', { detail: `No appointment ${id}` }),
  );
  const slot = await manager.findOne(Slot, {
    where: { id: appointment.slotId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!slot) throw new Error(`Appointment ${id} has no slot ${appointment.slotId}`);
  return { appointment, slot };
}
