import { defineErrors } from '@careloop/http';

/** Errors about the clients booking knows from client events. */
export class BookingClientError extends defineErrors('booking', {
  CLIENT_NOT_FOUND: {
    status: 404,
    title: "No client of the caller's organisation with that id is known to booking",
    consumer: 'dead-letter',
  },
}) {}
export type BookingClientErrorCode = BookingClientError['code'];
