import { eventually } from '@careloop/testing';
import type { ReminderRow, RemindersPlansHarness } from './plan-fixtures';

/**
 * An appointment's reminders by step, read from the spec's reminders: `stepOf` finds the step planned
 * for a version of the appointment (or fails the test), `closed` waits until the worker has closed it
 * (its job runs as soon as it is due) and answers the row.
 */
export function reminderSteps(h: Pick<RemindersPlansHarness, 'reminders'>) {
  const stepOf = async (appointmentId: string, step: string, version = 1): Promise<ReminderRow> => {
    const row = (await h.reminders(appointmentId)).find(
      (r) => r.step === step && r.appointment_version === version,
    );
    if (!row) throw new Error(`No ${step} reminder for appointment ${appointmentId} v${version}`);
    return row;
  };
  const closed = (appointmentId: string, step: string, version = 1) =>
    eventually(async () => {
      const row = await stepOf(appointmentId, step, version);
      expect(row.status).not.toBe('scheduled');
      return row;
    });
  return { stepOf, closed };
}
