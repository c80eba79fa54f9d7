import { defineErrors } from '@careloop/http';

/** The reservation context's errors: reserving and releasing a clinic's slots, reporting their use. */
export class ReservationError extends defineErrors('booking', {
  SLOTS_NOT_FOUND: {
    status: 404,
    title: "Some slots do not exist or are not the caller's organisation's; nothing was changed",
    consumer: 'dead-letter',
  },
  RESERVATION_TARGET_UNKNOWN: {
    status: 422,
    title:
      'The reservation names an organisation booking does not know (not registered, no clients): check its id; nothing was changed',
    consumer: 'dead-letter',
  },
  RESERVATION_FOR_OWN_ORGANISATION: {
    status: 422,
    title:
      "A reservation is for another organisation or all CDAS: reserving the caller's slots for itself only keeps them from everyone else",
    consumer: 'dead-letter',
  },
  RELEASE_TIME_PASSED: {
    status: 422,
    title:
      'For some slots the release time (start minus releaseBeforeMinutes) has already passed: give a shorter lead or none; nothing was changed',
    consumer: 'dead-letter',
  },
  SLOTS_NOT_RESERVABLE: {
    status: 409,
    title:
      "Only open slots that have not started, and are not an in-reach session's, can be reserved; nothing was changed",
    consumer: 'ignore',
  },
  SLOTS_NOT_RELEASABLE: {
    status: 409,
    title:
      "Only reservations still in force on open slots that have not started, and are not an in-reach session's, can be released; nothing was changed",
    consumer: 'ignore',
  },
  USAGE_WINDOW_INVALID: {
    status: 422,
    title: 'The usage window must end after it starts and cover at most 366 days',
    consumer: 'dead-letter',
  },
}) {}
export type ReservationErrorCode = ReservationError['code'];
