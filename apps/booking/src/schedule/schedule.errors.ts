import { defineErrors } from '@careloop/http';

/** The schedule context's errors: a provider's diaries at its sites. */
export class ScheduleError extends defineErrors('booking', {
  SCHEDULE_NOT_FOUND: {
    status: 404,
    title: "No schedule with that id in the caller's organisation",
    consumer: 'dead-letter',
  },
  SCHEDULE_NAME_TAKEN: {
    status: 409,
    title: 'The site already has a schedule with that name for that service type',
    consumer: 'dead-letter',
  },
}) {}
export type ScheduleErrorCode = ScheduleError['code'];
