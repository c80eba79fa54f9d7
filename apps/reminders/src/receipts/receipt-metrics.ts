import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Metrics } from '@careloop/observability';
import type { ReceiptOutcome } from './record-delivery-receipt';

/** Delivery receipts by what they did, so receipts for texts we do not know stand out. */
@Injectable()
export class ReceiptMetrics {
  private readonly receipts: Counter<'outcome'>;

  constructor(metrics: Metrics) {
    this.receipts = metrics.counter({
      name: 'careloop_reminders_delivery_receipts_total',
      help: 'Delivery receipts from the SMS gateway, by outcome (applied, not_forward, unknown_message, mismatch, unknown_status)',
      labelNames: ['outcome'] as const,
    });
  }

  counted(outcome: ReceiptOutcome): void {
    this.receipts.inc({ outcome });
  }
}
