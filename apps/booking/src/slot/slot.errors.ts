import { defineErrors } from '@careloop/http';

/** The slot context's errors: publishing and searching slots (booking one is the appointment context's). */
export class SlotError extends defineErrors('booking', {
  SLOT_IN_THE_PAST: {
    status: 422,
    title: 'Slots can only be published for the future',
    consumer: 'dead-letter',
  },
}) {}
export type SlotErrorCode = SlotError['code'];
