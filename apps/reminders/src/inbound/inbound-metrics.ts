import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { ReplyIntent } from '@careloop/contracts';
import { Metrics } from '@careloop/observability';
import type { ReplyingClient } from './replying-client';

/** Texts received, by intent and by whether they reached a client's keyworker. */
@Injectable()
export class InboundMetrics {
  private readonly texts: Counter<'intent' | 'client'>;

  constructor(metrics: Metrics) {
    this.texts = metrics.counter({
      name: 'careloop_reminders_inbound_messages_total',
      help: 'Texts received from clients, by intent and client match (matched, none, ambiguous: the last two reach nobody and are only kept and logged)',
      labelNames: ['intent', 'client'] as const,
    });
  }

  received(intent: ReplyIntent, client: ReplyingClient['kind']): void {
    this.texts.inc({ intent, client });
  }
}
