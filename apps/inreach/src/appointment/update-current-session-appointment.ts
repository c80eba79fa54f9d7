import type { EntityManager } from 'typeorm';
import { SessionAppointment, type SessionAppointmentStatus } from './session-appointment.entity';

/**
 * Applies booking's event at `at` to the appointment as in-reach knows it, the row locked for the
 * consumer's transaction. Nothing changes when the appointment is in no in-reach session, when the
 * event is older than the last one applied to it (a late event changes nothing), or when the row is
 * not in one of the `from` statuses given. Returns the row as it was before the change, or null when
 * nothing changed.
 */
export async function updateCurrentSessionAppointment(
  manager: EntityManager,
  appointmentId: string,
  at: Date,
  change: Pick<Partial<SessionAppointment>, 'status' | 'attendance'>,
  from?: readonly SessionAppointmentStatus[],
): Promise<SessionAppointment | null> {
  const appointment = await manager.findOne(SessionAppointment, {
    where: { appointmentId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!appointment || at < appointment.lastEventAt) return null;
  if (from && !from.includes(appointment.status)) return null;
  await manager.update(SessionAppointment, { appointmentId }, { ...change, lastEventAt: at });
  return appointment;
}
