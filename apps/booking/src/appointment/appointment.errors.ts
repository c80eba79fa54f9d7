import { defineErrors } from '@careloop/http';

/**
 * The appointment context's errors: holding and booking a seat, confirming, releasing, rescheduling,
 * cancelling, recording attendance, reading appointments. None is fixed by retrying the same request
 * except where the title says so.
 */
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
  SLOT_WITHDRAWN: {
    status: 409,
    title: 'The provider has withdrawn this slot; choose another',
    consumer: 'ignore',
  },
  SLOT_RESERVED: {
    status: 409,
    title: 'The slot is reserved for another organisation',
    consumer: 'ignore',
  },
  SAME_SLOT: {
    status: 422,
    title: 'The appointment is already in that slot',
    consumer: 'dead-letter',
  },
  CLIENT_NOT_FOUND: {
    status: 422,
    title: "No client of the caller's organisation with that id is known to booking",
    consumer: 'retry',
  },
  REFERRAL_NOT_FOUND: {
    status: 422,
    title: "No referral of the caller's organisation for this client",
    consumer: 'dead-letter',
  },
  APPOINTMENT_NOT_FOUND: { status: 404, title: 'Appointment not found', consumer: 'dead-letter' },
  APPOINTMENT_NOT_BOOKED: {
    status: 409,
    title: 'The appointment is not booked',
    consumer: 'ignore',
  },
  APPOINTMENT_NOT_HELD: {
    status: 409,
    title: 'The appointment is not a hold',
    consumer: 'ignore',
  },
  APPOINTMENT_CHANGED: {
    status: 409,
    title: 'The appointment changed meanwhile; try again',
    consumer: 'retry',
  },
  APPOINTMENT_ALREADY_STARTED: {
    status: 409,
    title: 'The appointment has started: record its attendance, or book a new appointment',
    consumer: 'ignore',
  },
  HOLD_EXPIRED: {
    status: 409,
    title: 'The hold lapsed and its seat was given back; hold or book the slot again',
    consumer: 'ignore',
  },
  PROVIDER_CANCELS_AS_PROVIDER: {
    status: 422,
    title: "The clinic of the slot cancels as the provider: send cancelledBy 'provider'",
    consumer: 'dead-letter',
  },
  ATTENDANCE_TOO_EARLY: {
    status: 409,
    title: 'Too early to record that outcome for this appointment',
    consumer: 'ignore',
  },
  ATTENDANCE_ALREADY_RECORDED: {
    status: 409,
    title: 'A different attendance outcome is already recorded for this appointment',
    consumer: 'ignore',
  },
  CDAS_STAFF_ONLY: {
    status: 403,
    title: 'Only staff of a drug and alcohol service book appointments for clients',
    consumer: 'dead-letter',
  },
}) {}
export type AppointmentErrorCode = AppointmentError['code'];
