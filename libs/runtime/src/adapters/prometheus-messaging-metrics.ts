import type { MessagingMetrics } from '@careloop/messaging';
import type { Metrics } from '@careloop/observability';

/** Event counters on the app's Prometheus registry: what was published, consumed, dead-lettered. */
export function prometheusMessagingMetrics(metrics: Metrics): MessagingMetrics {
  const published = metrics.counter({
    name: 'careloop_events_published_total',
    help: 'Events the outbox relay published, by topic',
    labelNames: ['topic'] as const,
  });
  const publishFailures = metrics.counter({
    name: 'careloop_event_publish_failures_total',
    help: 'Outbox relay batches the bus refused, by topic (they are retried)',
    labelNames: ['topic'] as const,
  });
  const consumed = metrics.counter({
    name: 'careloop_events_consumed_total',
    help: 'Events consumed, by consuming service, event type and outcome (processed, duplicate, ignored, dead-lettered, deferred)',
    labelNames: ['consumer', 'event_type', 'outcome'] as const,
  });
  return {
    published: (topic, count) => published.inc({ topic }, count),
    publishFailed: (topic) => publishFailures.inc({ topic }),
    consumed: (consumer, eventType, outcome) => consumed.inc({ consumer, event_type: eventType, outcome }),
  };
}
