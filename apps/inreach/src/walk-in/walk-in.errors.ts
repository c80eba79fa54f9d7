import { defineErrors } from '@careloop/http';

/** The walk-in context's errors: recording a client seen at a session without a booking. */
export class WalkInError extends defineErrors('inreach', {
  CLIENT_NOT_FOUND: {
    status: 404,
    title: "No client with that id registered by the session's host",
    consumer: 'dead-letter',
  },
  WALK_IN_SESSION_CANCELLED: {
    status: 422,
    title: 'The session is cancelled: nobody was seen at it',
    consumer: 'dead-letter',
  },
  WALK_IN_SESSION_NOT_PUBLISHED: {
    status: 422,
    title: 'The session was never published: walk-ins are recorded only at sessions offered to clients',
    consumer: 'dead-letter',
  },
  WALK_IN_NOT_ON_SESSION_DAY: {
    status: 422,
    title: "Walk-ins are recorded on the session's day or within a day of its end",
    consumer: 'dead-letter',
  },
  WALK_IN_SEEN_AT_INVALID: {
    status: 422,
    title: "The time the client was seen must be on the session's day and not in the future",
    consumer: 'dead-letter',
  },
  WALK_INS_FULL: {
    status: 409,
    title: "The session's walk-in allowance is used up",
    consumer: 'dead-letter',
  },
  WALK_IN_ALREADY_RECORDED: {
    status: 409,
    title: 'The client is already recorded as a walk-in at this session',
    consumer: 'ignore',
  },
  CLIENT_BOOKED_IN_SESSION: {
    status: 409,
    title: 'The client has a booking in this session: record their attendance in booking instead',
    consumer: 'dead-letter',
  },
}) {}
export type WalkInErrorCode = WalkInError['code'];
