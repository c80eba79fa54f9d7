import type { EntityManager } from 'typeorm';
import { SessionAppointment } from './session-appointment.entity';

/**
 * The appointment as in-reach knows it, locked for the consumer's transaction, unless the event at
 * `at` is older than the last one applied to it (then null: a late event changes nothing). Null too
 * when the appointment is in no in-reach session.
 */
export async function currentSessionAppointment(
  manager: EntityManager,
  appointmentId: string,
  at: Date,
): Promise<SessionAppointment | null> {
  const appointment = await manager.findOne(SessionAppointment, {
    where: { appointmentId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!appointment || at < appointment.lastEventAt) return null;
  return appointment;
}
