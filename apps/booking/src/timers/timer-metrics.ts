import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Metrics } from '@careloop/observability';

/** Prometheus counters of the timer job: ticks run, and per task the rows it changed and its failures. */
@Injectable()
export class TimerMetrics {
  private readonly ticks: Counter<never>;
  private readonly rows: Counter<'task'>;
  private readonly failures: Counter<'task'>;

  constructor(metrics: Metrics) {
    this.ticks = metrics.counter({
      name: 'careloop_booking_timer_ticks_total',
      help: 'Ticks of the booking timer job this process ran (a flat line means the timer stopped)',
    });
    this.rows = metrics.counter({
      name: 'careloop_booking_timer_rows_changed_total',
      help: 'Rows the booking timer tasks changed (holds expired, reservations released...), by task',
      labelNames: ['task'] as const,
    });
    this.failures = metrics.counter({
      name: 'careloop_booking_timer_task_failures_total',
      help: 'Runs of a booking timer task that threw (the other tasks and the next tick still run), by task',
      labelNames: ['task'] as const,
    });
  }

  ticked(): void {
    this.ticks.inc();
  }

  changed(task: string, rows: number): void {
    this.rows.inc({ task }, rows);
  }

  failed(task: string): void {
    this.failures.inc({ task });
  }
}
