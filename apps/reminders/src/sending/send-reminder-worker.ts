import {
  Inject,
  Injectable,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER, JOB_SCHEDULER } from '@careloop/runtime';
import type { JobScheduler, RunningJob } from '@careloop/scheduling';
import { SmsGatewayUnavailableError } from '../gateway/sms-gateway';
import { REMINDERS_QUEUE, reminderJobId, type ReminderJobData } from '../plan/reminder-jobs';
import { SEND_JOB_POLICY, type SendJobPolicy } from './send-job-policy';
import { SendMetrics, type SendRunResult } from './send-metrics';
import { SendReminder } from './send-reminder';
import { SendInProgressError } from './sending.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The job that sends a reminder deferred out of quiet hours. Not the plan's `reminder:<id>`: that one
 * is running when the deferral is decided, and the scheduler cannot move a running job. Named by the
 * time, so two runs deferring to the same moment make one job; a re-plan does not remove it, and it
 * then finds its reminder no longer scheduled.
 */
export function deferredReminderJobId(reminderId: string, until: Date): string {
  return `${reminderJobId(reminderId)}@${until.toISOString()}`;
}

/**
 * Works the 'reminders' queue: each job (data {reminderId}) runs SendReminder, registered when the
 * application boots. A run that throws is retried by the scheduler under SEND_JOB_POLICY and starts
 * again from the re-check; the last attempt is told so, to close a reminder the gateway never took.
 */
@Injectable()
export class ReminderSendWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    @Optional() @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler | undefined,
    private readonly sendReminder: SendReminder,
    @Inject(SEND_JOB_POLICY) private readonly policy: SendJobPolicy,
    private readonly metrics: SendMetrics,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: ReminderSendWorker.name });
  }

  onApplicationBootstrap(): void {
    if (!this.scheduler)
      throw new Error(
        'Sending reminders needs a JobScheduler (JOB_SCHEDULER): set usesScheduler on the service',
      );
    this.scheduler.process(REMINDERS_QUEUE, (job) => this.run(job), this.policy);
    this.logger.info({ queue: REMINDERS_QUEUE, ...this.policy }, 'reminder sending started');
  }

  /** Takes no more jobs and lets running sends record their outcome while the database is open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(job: RunningJob): Promise<void> {
    // Failing hands the job back: another process, or this one after a restart, runs it.
    if (this.stopping) throw new Error('Reminder sending is shutting down; the job runs again later');
    const { reminderId } = job.data as Partial<ReminderJobData>;
    if (typeof reminderId !== 'string' || !UUID.test(reminderId)) {
      // Retrying cannot help a job that names no reminder.
      this.logger.error({ jobId: job.id }, 'reminder job without a reminder id: ignored');
      this.metrics.counted('invalid_job');
      return;
    }
    const running = this.handle(job, reminderId);
    this.inFlight.add(running);
    try {
      await running;
    } finally {
      this.inFlight.delete(running);
    }
  }

  private async handle(job: RunningJob, reminderId: string): Promise<void> {
    let result: SendRunResult = 'error';
    const finalAttempt = job.attempt >= this.policy.maxAttempts;
    try {
      const outcome = await this.sendReminder.execute(reminderId, { finalAttempt });
      result = outcome.kind;
      if (outcome.kind === 'deferred') {
        const id = deferredReminderJobId(reminderId, outcome.until);
        // The deferred job itself, run a moment early (clocks differ): scheduling it again would be
        // a no-op and lose the reminder, so fail and let the retry come after the end.
        if (id === job.id) throw new Error(`Job ${id} ran before quiet hours ended; retried later`);
        const data: ReminderJobData = { reminderId };
        await this.scheduler!.schedule(REMINDERS_QUEUE, { id, runAt: outcome.until, data: { ...data } });
        this.logger.info({ reminderId, until: outcome.until }, 'reminder deferred to the end of quiet hours');
      }
    } catch (error) {
      if (error instanceof SendInProgressError) result = 'in_progress';
      else if (error instanceof SmsGatewayUnavailableError) result = 'gateway_unavailable';
      else
        this.logger.error(
          { reminderId, attempt: job.attempt, err: error },
          finalAttempt ? 'reminder job failed for good' : 'reminder job failed: retried later',
        );
      // The scheduler will not run it again: a reminder left scheduled would never go nor be seen.
      if (finalAttempt) await this.giveUp(reminderId);
      throw error;
    } finally {
      this.metrics.counted(result);
    }
  }

  private async giveUp(reminderId: string): Promise<void> {
    try {
      await this.sendReminder.giveUp(reminderId);
    } catch (error) {
      // The start-up sweep re-adds its job: the reminder is re-checked then.
      this.logger.error({ reminderId, err: error }, 'could not close a reminder whose job failed for good');
    }
  }
}
