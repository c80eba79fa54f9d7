import { defineErrors } from '@careloop/http';

export class BookingError extends defineErrors('booking', {
  REFERRAL_NOT_AWAITING_BOOKING: {
    status: 404,
    title: 'No referral awaiting booking with that id',
    consumer: 'dead-letter',
  },
}) {}
export type BookingErrorCode = BookingError['code'];
