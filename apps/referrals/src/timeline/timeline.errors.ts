import { defineErrors } from '@careloop/http';

export class TimelineError extends defineErrors('timeline', {
  CLIENT_NOT_FOUND: { status: 404, title: 'Client not found', consumer: 'dead-letter' },
}) {}
export type TimelineErrorCode = TimelineError['code'];
