import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { ReminderJobs } from './reminder-jobs';

const PAGE = 1000;

/**
 * At start-up, makes sure every reminder still scheduled has its job: jobs are added after the rows
 * commit, so a crash (or a Redis outage) between the two, or an in-process scheduler's memory lost
 * on exit, leaves rows without jobs. Adding a job that exists with the same time and data changes
 * nothing. Runs in the background, a page at a time, so a large backlog does not hold up start-up.
 */
@Injectable()
export class ReschedulePendingReminders implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger: Logger;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ReminderJobs,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: ReschedulePendingReminders.name });
  }

  onApplicationBootstrap(): void {
    this.running = this.run().then(
      (counts) => this.logger.info(counts, 'pending reminders rescheduled'),
      (error: unknown) => this.logger.error({ err: error }, 'rescheduling pending reminders failed'),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Resolves when the sweep started at bootstrap has finished (for tests and tooling). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Schedules the job of every scheduled reminder, oldest due first; returns how many, and failures. */
  async run(): Promise<{ scheduled: number; failed: number }> {
    let scheduled = 0;
    let failed = 0;
    let after: { dueAt: Date; id: string } | undefined;
    while (!this.stopping) {
      const page = (await this.dataSource.query(
        `SELECT "id", "due_at" AS "dueAt" FROM "${REMINDERS_SCHEMA}"."reminder"
         WHERE "status" = 'scheduled' AND ($1::timestamptz IS NULL OR ("due_at", "id") > ($1, $2::uuid))
         ORDER BY "due_at", "id" LIMIT ${PAGE}`,
        [after?.dueAt ?? null, after?.id ?? null],
      )) as { id: string; dueAt: Date }[];
      if (page.length === 0) break;
      failed += await this.jobs.schedule(page);
      scheduled += page.length;
      after = page[page.length - 1];
    }
    return { scheduled, failed };
  }
}
