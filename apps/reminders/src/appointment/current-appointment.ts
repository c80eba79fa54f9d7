import type { EntityManager } from 'typeorm';
import { ReminderAppointment } from './reminder-appointment.entity';

/**
 * The appointment as reminders knows it, locked for the caller's transaction, if the event at `at`
 * is not older than the last one applied to it: a late redelivery changes nothing.
 */
export async function currentAppointment(
  manager: EntityManager,
  appointmentId: string,
  at: Date,
): Promise<{ appointment: ReminderAppointment | null; late: boolean }> {
  const appointment = await manager.findOne(ReminderAppointment, {
    where: { appointmentId },
    lock: { mode: 'pessimistic_write' },
  });
  return { appointment, late: appointment !== null && at < appointment.lastEventAt };
}
