import { defineErrors } from '@careloop/http';

/**
 * The task context's errors. For the consumers that open tasks: a client this service does not know
 * (or a summary the rules refuse) can never succeed, so the event is dead-lettered.
 */
export class TaskError extends defineErrors('tasks', {
  TASK_NOT_FOUND: { status: 404, title: 'Task not found', consumer: 'dead-letter' },
  CLIENT_NOT_FOUND: { status: 404, title: 'Client not found', consumer: 'dead-letter' },
  REFERRAL_NOT_FOR_CLIENT: {
    status: 422,
    title: "The referral is not one of this client's referrals",
    consumer: 'dead-letter',
  },
  TASK_INVALID: { status: 422, title: 'The task breaks the rules for tasks', consumer: 'dead-letter' },
  TASK_DONE: { status: 409, title: 'The task is done and cannot change', consumer: 'ignore' },
}) {}
export type TaskErrorCode = TaskError['code'];
