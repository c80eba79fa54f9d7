import { defineErrors } from '@careloop/http';

/** The appointment context's errors: booking a slot, cancelling, reading an appointment. */
export class AppointmentError extends defineErrors('booking', {
  SLOT_NOT_FOUND: { status: 404, title: 'No slot with that id', consumer: 'dead-letter' },
  SLOT_ALREADY_BOOKED: {
    status: 409,
    title: 'The slot has no free seat left; choose another',
    consumer: 'ignore',
  },
  SLOT_ALREADY_STARTED: {
    status: 409,
    title: 'The slot has already started and can no longer be booked',
    consumer: 'ignore',
  },
  REFERRAL_NOT_FOUND: {
    status: 422,
    title: "No referral of the caller's organisation for this client",
    consumer: 'dead-letter',
  },
  APPOINTMENT_NOT_FOUND: { status: 404, title: 'Appointment not found', consumer: 'dead-letter' },
  APPOINTMENT_NOT_BOOKED: {
    status: 409,
    title: 'The appointment is no longer booked',
    consumer: 'ignore',
  },
  CDAS_STAFF_ONLY: {
    status: 403,
    title: 'Only staff of a drug and alcohol service book appointments for clients',
    consumer: 'dead-letter',
  },
}) {}
export type AppointmentErrorCode = AppointmentError['code'];
