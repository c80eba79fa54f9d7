import type { EntityManager } from 'typeorm';
import { Appointment } from './appointment.entity';

/**
 * Writes a change to an appointment the caller has locked, and to the loaded entity so the answer
 * shows it. Every change bumps the version, which is how a stale view is recognised.
 */
export async function updateAppointment(
  manager: EntityManager,
  appointment: Appointment,
  change: Partial<Appointment>,
): Promise<void> {
  const update = { ...change, version: appointment.version + 1 };
  await manager.update(Appointment, { id: appointment.id }, update);
  Object.assign(appointment, update);
}
