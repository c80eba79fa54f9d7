import type { DataSource } from 'typeorm';
import type { Clock } from '@careloop/time';
import type { MessagingLogger } from '../messaging-logger';
import type { MessagingMetrics } from '../messaging-metrics';
import type { RetryPolicy } from './event-dispatcher';

/** What both transports need to run the consume pipeline. */
export interface EventTransportOptions {
  dataSource: DataSource;
  clock: Clock;
  logger: MessagingLogger;
  retry?: Partial<RetryPolicy>;
  metrics?: MessagingMetrics;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 200 };
