import type { EntityManager } from 'typeorm';
import { SessionAppointment } from './session-appointment.entity';

/**
 * Applies booking's event at `at` to the appointment as in-reach knows it, the row locked for the
 * consumer's transaction. Nothing changes when the appointment is in no in-reach session, or when the
 * event is older than the last one applied to it (a late event changes nothing).
 */
export async function updateCurrentSessionAppointment(
  manager: EntityManager,
  appointmentId: string,
  at: Date,
  change: Pick<Partial<SessionAppointment>, 'status' | 'attendance'>,
): Promise<void> {
  const appointment = await manager.findOne(SessionAppointment, {
    where: { appointmentId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!appointment || at < appointment.lastEventAt) return;
  await manager.update(SessionAppointment, { appointmentId }, { ...change, lastEventAt: at });
}
