import { defineErrors } from '@careloop/http';

/** The session context's errors: publishing and cancelling one session. */
export class SessionError extends defineErrors('inreach', {
  SESSION_NOT_FOUND: {
    status: 404,
    title: "No in-reach session with that id in the caller's organisation",
    consumer: 'dead-letter',
  },
  SESSION_ALREADY_PUBLISHED: {
    status: 409,
    title: 'The session is already published',
    consumer: 'ignore',
  },
  SESSION_CANCELLED: {
    status: 409,
    title: 'The session is cancelled',
    consumer: 'ignore',
  },
  SESSION_STARTED: {
    status: 409,
    title: 'The session has already started; past sessions never change',
    consumer: 'ignore',
  },
}) {}
export type SessionErrorCode = SessionError['code'];
