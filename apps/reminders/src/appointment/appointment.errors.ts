import { defineErrors } from '@careloop/http';

/** Errors of reminders' copy of appointments, as event consumers meet them. */
export class ReminderAppointmentError extends defineErrors('reminders', {
  APPOINTMENT_NOT_KNOWN: {
    status: 404,
    title: 'The appointment changed before reminders knew it was booked',
    // Its booking event must come first (same partition): parked, it is replayed after that one.
    consumer: 'dead-letter',
  },
}) {}
export type ReminderAppointmentErrorCode = ReminderAppointmentError['code'];
