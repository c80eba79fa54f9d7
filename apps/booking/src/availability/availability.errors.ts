import { defineErrors } from '@careloop/http';

/** The availability context's errors: recurring rules and exceptions on a schedule. */
export class AvailabilityError extends defineErrors('booking', {
  RULE_NOT_FOUND: {
    status: 404,
    title: "No availability rule with that id in the caller's organisation",
    consumer: 'dead-letter',
  },
  RULE_ALREADY_ENDED: {
    status: 409,
    title: 'The availability rule has already ended',
    consumer: 'ignore',
  },
  RULE_ALREADY_OVER: {
    status: 422,
    title: 'The availability rule ends before today, so it would never make a slot',
    consumer: 'dead-letter',
  },
  EXCEPTION_IN_THE_PAST: {
    status: 422,
    title: 'An exception must end in the future',
    consumer: 'dead-letter',
  },
}) {}
export type AvailabilityErrorCode = AvailabilityError['code'];
