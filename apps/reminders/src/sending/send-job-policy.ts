import type { ProcessOptions, StallOptions } from '@careloop/scheduling';

/**
 * How the 'reminders' queue is worked: the JobScheduler's ProcessOptions, all set, and optionally how
 * soon a job whose worker died runs again (BullMQ's 30 s unless set; the crash test sets it short).
 */
export type SendJobPolicy = Required<ProcessOptions> & StallOptions;

/** Injection token of the policy; SendingModule.withJobPolicy replaces it (tests use short waits). */
export const SEND_JOB_POLICY = Symbol('SEND_JOB_POLICY');

/**
 * Four texts at once (each holds a database connection while its gateway call lasts). A run that
 * fails is tried again from the start after 30 s, 1, 2 and 4 min: the adapter already retried the
 * gateway for a few seconds, so these ride out an outage of several minutes. A retry re-checks
 * everything, and a text left `sending` by a crash is never sent again; after the fifth run a gateway
 * still unavailable closes the reminder as skipped (gateway_unavailable).
 */
export const DEFAULT_SEND_JOB_POLICY: SendJobPolicy = {
  concurrency: 4,
  maxAttempts: 5,
  backoffMs: 30_000,
};
