import { BullMqJobScheduler } from '@careloop/scheduling';
import { SystemClock } from '@careloop/time';
import {
  REMINDERS_QUEUE,
  reminderJobId,
  type ReminderJobData,
} from '../../apps/reminders/src/plan/reminder-jobs';
import { DEFAULT_SEND_JOB_POLICY } from '../../apps/reminders/src/sending/send-job-policy';
import type { QueuePath } from './queue-path';
import type { Reminder, ReminderSet } from './reminder-set';

/**
 * Our path: the JobScheduler port on BullMQ, exactly as the reminders service calls it
 * (plan/reminder-jobs.ts): one `schedule` per reminder on queue 'reminders', job id `reminder:<id>`,
 * data {reminderId}; `inFlight` calls at once. The worker is `process` with the send worker's policy.
 */
export class PortPath implements QueuePath {
  readonly label: string;
  readonly warnings: string[] = [];
  private readonly scheduler: BullMqJobScheduler;
  private closing: Promise<void> | undefined;

  constructor(
    redisUrl: string,
    readonly prefix: string,
    private readonly inFlight: number,
  ) {
    this.label = `JobScheduler.schedule, ${inFlight} in flight`;
    this.scheduler = new BullMqJobScheduler({
      redisUrl,
      prefix,
      clock: new SystemClock(),
      logger: { warn: (message) => void this.warnings.push(message) },
    });
  }

  async scheduleAll(set: ReminderSet, onAdded?: (added: number) => void): Promise<void> {
    let next = 0;
    let added = 0;
    let failed = false;
    // Lanes take the next index until none is left; the first failure stops them all.
    const lane = async (): Promise<void> => {
      for (let i = next++; i < set.count && !failed; i = next++) {
        try {
          await this.schedule(set.at(i));
        } catch (error) {
          failed = true;
          throw error;
        }
        added += 1;
        onAdded?.(added);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.inFlight, set.count) }, lane));
  }

  async work(concurrency: number, handler: (reminderId: string) => Promise<void>): Promise<void> {
    this.scheduler.process(
      REMINDERS_QUEUE,
      (job) => handler(String((job.data as Partial<ReminderJobData>).reminderId)),
      { ...DEFAULT_SEND_JOB_POLICY, concurrency },
    );
  }

  close(): Promise<void> {
    this.closing ??= this.scheduler.close();
    return this.closing;
  }

  private schedule(reminder: Reminder): Promise<void> {
    const data: ReminderJobData = { reminderId: reminder.id };
    return this.scheduler.schedule(REMINDERS_QUEUE, {
      id: reminderJobId(reminder.id),
      runAt: reminder.dueAt,
      data: { ...data },
    });
  }
}
