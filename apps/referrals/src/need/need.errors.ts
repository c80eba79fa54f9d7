import { defineErrors } from '@careloop/http';

export class NeedError extends defineErrors('needs', {
  NEED_NOT_FOUND: { status: 404, title: 'Need not found', consumer: 'dead-letter' },
  CLIENT_NOT_FOUND: { status: 404, title: 'Client not found', consumer: 'dead-letter' },
  ILLEGAL_STATUS_CHANGE: {
    status: 409,
    title: 'The need cannot move to that status',
    consumer: 'dead-letter',
  },
  STATUS_UNCHANGED: { status: 409, title: 'The need already has that status', consumer: 'ignore' },
  IDENTIFIED_IN_FUTURE: {
    status: 422,
    title: 'A need cannot be identified in the future',
    consumer: 'dead-letter',
  },
}) {}
export type NeedErrorCode = NeedError['code'];
