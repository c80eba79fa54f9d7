import { defineErrors } from '@careloop/http';

/** The series context's errors: recurring sessions, their edits, exceptions and publication. */
export class SeriesError extends defineErrors('inreach', {
  SERIES_NOT_FOUND: {
    status: 404,
    title: "No session series with that id in the caller's organisation",
    consumer: 'dead-letter',
  },
  SERIES_ALREADY_OVER: {
    status: 422,
    title: 'The series ends before today, so it would never hold a session',
    consumer: 'dead-letter',
  },
  ROOM_TAKEN: {
    status: 409,
    title: 'The room is taken by another session at some of the series’ times: see clashingDates',
    consumer: 'dead-letter',
  },
  PUBLISHED_SESSIONS_AFFECTED: {
    status: 409,
    title:
      'The edit would change or remove published sessions (see sessions); send withdrawPublished: true to withdraw them from booking',
    consumer: 'dead-letter',
  },
  SERIES_VERSION_CHANGED: {
    status: 409,
    title: 'The series has changed since the version the edit was made against: reload it',
    consumer: 'dead-letter',
  },
  EFFECTIVE_FROM_OUT_OF_RANGE: {
    status: 422,
    title: 'effectiveFrom must be today or later, and within a year',
    consumer: 'dead-letter',
  },
  INCONSISTENT_SETTINGS: {
    status: 422,
    title: 'With the edit applied the series would not be valid: see errors',
    consumer: 'dead-letter',
  },
  EXCEPTION_IN_THE_PAST: {
    status: 422,
    title: 'An exception must be for today or a later date',
    consumer: 'dead-letter',
  },
  NOT_A_SESSION_DATE: {
    status: 422,
    title: 'The series holds no session on that date',
    consumer: 'dead-letter',
  },
  EXCEPTION_DATE_TAKEN: {
    status: 409,
    title: 'The series already has an exception on that date',
    consumer: 'dead-letter',
  },
}) {}
export type SeriesErrorCode = SeriesError['code'];
