import { defineErrors } from '@careloop/http';

/**
 * The slot context's errors: publishing and withdrawing slots (booking one is the appointment
 * context's; an unknown or foreign slot id is refused by lockOwnSlots as SLOTS_NOT_FOUND). Errors about
 * several slots name them all, so the caller can fix the request in one go.
 */
export class SlotError extends defineErrors('booking', {
  SLOT_IN_THE_PAST: {
    status: 422,
    title: 'Slots can only be published for the future',
    consumer: 'dead-letter',
  },
  SLOTS_IN_EXCEPTION: {
    status: 422,
    title: 'Slots fall in time the schedule is not available (a bank holiday, leave or another exception)',
    consumer: 'dead-letter',
  },
  SLOTS_OVERLAP: {
    status: 422,
    title:
      'Slots overlap each other or an open slot of the schedule: withdraw the old slot first, or publish a longer one with more capacity',
    consumer: 'dead-letter',
  },
  WINDOW_TOO_LONG: {
    status: 422,
    title: 'The date window is longer than a list or search of slots covers: ask for a shorter one',
    consumer: 'dead-letter',
  },
  SLOTS_TAKEN: {
    status: 409,
    title: 'Some slots have a held or booked seat: cancel those appointments as the provider first',
    consumer: 'ignore',
  },
  SLOTS_ALREADY_STARTED: {
    status: 409,
    title: 'Slots that have already started cannot be withdrawn',
    consumer: 'ignore',
  },
}) {}
export type SlotErrorCode = SlotError['code'];
