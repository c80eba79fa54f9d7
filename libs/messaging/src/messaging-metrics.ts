import type { ConsumeOutcome } from './consumer/event-dispatcher';

/** What the bus reports for dashboards and alerts; the runtime backs it with Prometheus counters. */
export interface MessagingMetrics {
  published(topic: string, count: number): void;
  publishFailed(topic: string): void;
  consumed(consumer: string, eventType: string, outcome: ConsumeOutcome): void;
}

export const NO_MESSAGING_METRICS: MessagingMetrics = {
  published: () => undefined,
  publishFailed: () => undefined,
  consumed: () => undefined,
};
