import type { TimelineRefs } from '../timeline-entry';

/** What a task entry links to: the task, and its referral and appointment when it has them. */
export function taskRefs(row: {
  id: string;
  referral_id: string | null;
  appointment_id: string | null;
}): TimelineRefs {
  const refs: TimelineRefs = { taskId: row.id };
  if (row.referral_id) refs.referralId = row.referral_id;
  if (row.appointment_id) refs.appointmentId = row.appointment_id;
  return refs;
}
