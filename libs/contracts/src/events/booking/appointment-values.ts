import { z } from 'zod';

/** What an appointment is about and where it is: enough for the CDAS to follow it, nothing clinical. */
export const appointmentRefSchema = z.object({
  appointmentId: z.uuid(),
  clientId: z.uuid(),
  /** The referral it was booked for, if any (a referral closes its loop through these events). */
  referralId: z.uuid().nullable(),
});

/** How the clinic or the CDAS recorded the appointment's outcome. */
export const ATTENDANCE_OUTCOMES = [
  'attended',
  'did_not_attend',
  'cancelled_late',
  'left_before_seen',
] as const;
export const attendanceOutcomeSchema = z.enum(ATTENDANCE_OUTCOMES);
export type AttendanceOutcome = z.infer<typeof attendanceOutcomeSchema>;

/** Who cancelled: the client, the provider (clinic, surgery) or the CDAS on the client's behalf. */
export const cancelledBySchema = z.enum(['client', 'provider', 'cdas']);
