import { defineErrors } from '@careloop/http';

export class RecallError extends defineErrors('recall', {
  CLIENT_NOT_FOUND: { status: 404, title: 'Client not found', consumer: 'dead-letter' },
  CHECK_DONE_IN_FUTURE: {
    status: 422,
    title: 'A check cannot be done in the future',
    consumer: 'dead-letter',
  },
}) {}
export type RecallErrorCode = RecallError['code'];
