import type { ReminderSet } from './reminder-set';

/** One way of putting reminder jobs on the 'reminders' queue and working them, on its own key prefix. */
export interface QueuePath {
  readonly label: string;
  /** Redis key prefix; every key of the path starts with it. */
  readonly prefix: string;
  /** Adds a delayed job per reminder of the set; `onAdded` gets the running total. */
  scheduleAll(set: ReminderSet, onAdded?: (added: number) => void): Promise<void>;
  /** Starts a worker on the queue that passes each job's reminder id to `handler`. */
  work(concurrency: number, handler: (reminderId: string) => Promise<void>): Promise<void>;
  /** Warnings and errors the path's BullMQ clients reported. */
  readonly warnings: string[];
  /** Workers, queues and connections; safe to call twice. */
  close(): Promise<void>;
}

/** BullMQ's key layout: `<prefix>:<queue>:<jobId>`, `<prefix>:<queue>:delayed`... */
export function queueKeyPrefix(prefix: string, queue: string): string {
  return `${prefix}:${queue}:`;
}
