import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER, JOB_SCHEDULER } from '@careloop/runtime';
import type { JobScheduler } from '@careloop/scheduling';
import { afterCommit } from './after-commit';

/** The queue the sending worker processes. */
export const REMINDERS_QUEUE = 'reminders';

/** One job per reminder, whatever re-plans or restarts happen: the id comes from the row's. */
export function reminderJobId(reminderId: string): string {
  return `reminder:${reminderId}`;
}

/** What a reminder job carries: the id only. The worker reloads the row, the truth. */
export interface ReminderJobData {
  reminderId: string;
}

// Redis round trips in flight at once when many jobs are (re)scheduled together.
const BATCH = 50;

/**
 * Keeps the 'reminders' queue in step with the reminder rows. Jobs are added and removed only after
 * the rows' transaction commits: a job never runs ahead of its row. A job that could not be added is
 * logged, and the start-up sweep (ReschedulePendingReminders) adds it later; a job that could not be
 * removed runs and finds its row no longer scheduled.
 */
@Injectable()
export class ReminderJobs {
  private readonly logger: Logger;

  constructor(
    @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: ReminderJobs.name });
  }

  scheduleAfterCommit(manager: EntityManager, reminders: readonly { id: string; dueAt: Date }[]): void {
    if (reminders.length > 0) afterCommit(manager, async () => void (await this.schedule(reminders)));
  }

  cancelAfterCommit(manager: EntityManager, reminderIds: readonly string[]): void {
    if (reminderIds.length > 0) afterCommit(manager, () => this.cancel(reminderIds));
  }

  /** Adds (or leaves alone, if already there) each reminder's job; returns how many could not be added. */
  async schedule(reminders: readonly { id: string; dueAt: Date }[]): Promise<number> {
    let failed = 0;
    await inBatches(reminders, async (r) => {
      const data: ReminderJobData = { reminderId: r.id };
      try {
        await this.scheduler.schedule(REMINDERS_QUEUE, {
          id: reminderJobId(r.id),
          runAt: r.dueAt,
          data: { ...data },
        });
      } catch (error) {
        failed += 1;
        this.logger.error(
          { reminderId: r.id, err: error },
          'reminder job not scheduled; the start-up sweep will schedule it',
        );
      }
    });
    return failed;
  }

  async cancel(reminderIds: readonly string[]): Promise<void> {
    await inBatches(reminderIds, async (id) => {
      try {
        await this.scheduler.cancel(REMINDERS_QUEUE, reminderJobId(id));
      } catch (error) {
        this.logger.warn(
          { reminderId: id, err: error },
          'reminder job not removed; it will find its reminder no longer scheduled',
        );
      }
    });
  }
}

async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await Promise.all(items.slice(i, i + BATCH).map(work));
}
