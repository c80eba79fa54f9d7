import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Metrics } from '@careloop/observability';

/** What one run of the cascade did with a session_move row. */
export type CascadeOutcome = 'moved' | 'rebook_needed' | 'not_needed' | 'failed';

/**
 * The cancellation cascade's rows by outcome, beside the timer job's own counters: a rising `failed`
 * means appointments are stuck in cancelled sessions, a rising `rebook_needed` keyworkers with work.
 */
@Injectable()
export class CascadeMetrics {
  private readonly rows: Counter<'outcome'>;

  constructor(metrics: Metrics) {
    this.rows = metrics.counter({
      name: 'careloop_booking_inreach_cascade_rows_total',
      help: 'Appointments of cancelled in-reach sessions the cascade worked, by outcome (moved, rebook_needed, not_needed, failed)',
      labelNames: ['outcome'] as const,
    });
  }

  counted(outcome: CascadeOutcome): void {
    this.rows.inc({ outcome });
  }
}
