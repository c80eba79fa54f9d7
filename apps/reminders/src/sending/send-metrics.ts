import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Metrics } from '@careloop/observability';
import type { SendOutcome } from './send-reminder';

/** How a run of a reminder's job ended: an outcome, or why it will be tried again. */
export type SendRunResult =
  SendOutcome['kind'] | 'in_progress' | 'gateway_unavailable' | 'error' | 'invalid_job';

/** Reminder jobs by result, so unknown fates, refusals and retries stand out. */
@Injectable()
export class SendMetrics {
  private readonly runs: Counter<'result'>;

  constructor(metrics: Metrics) {
    this.runs = metrics.counter({
      name: 'careloop_reminders_send_runs_total',
      help: 'Runs of reminder jobs by result (sent, skipped, deferred, rejected, gave_up, unknown, nothing_to_do, in_progress, gateway_unavailable, error, invalid_job)',
      labelNames: ['result'] as const,
    });
  }

  counted(result: SendRunResult): void {
    this.runs.inc({ result });
  }
}
