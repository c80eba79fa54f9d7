import type { DataSource } from 'typeorm';
import { isObservable, lastValueFrom } from 'rxjs';
import type { EventEnvelope } from '@careloop/contracts';
import { runWithCorrelation } from '@careloop/observability';
import type { Clock } from '@careloop/time';
import type { EventPublisher } from '../event-publisher';
import type { IncomingMessage } from '../outgoing-message';
import type { MessagingLogger } from '../messaging-logger';
import { NO_MESSAGING_METRICS, type MessagingMetrics } from '../messaging-metrics';
import { HEADERS } from '../headers';
import { Inbox } from '../inbox/inbox';
import { errorText } from '../outbox/outbox-relay';
import { RedeliverLaterError, decideOnError } from './consumer-decision';
import { deadLetterFor, type DeadLetterReason } from './dead-letter';
import { decodeMessage } from './decode-message';
import { EventContext } from './event-context';
import type { ConsumerGroupHandlers } from './handler-registry';

export interface RetryPolicy {
  /** Attempts in total before a retryable failure is dead-lettered. */
  maxAttempts: number;
  backoffMs: number;
}

export type DispatchOutcome = 'processed' | 'duplicate' | 'ignored' | 'dead-lettered';
/** What the metrics see: a dispatch that threw RedeliverLaterError is counted as `deferred`. */
export type ConsumeOutcome = DispatchOutcome | 'deferred';

/**
 * The consume pipeline shared by the Kafka and in-process transports: validate, then apply the handler
 * and the inbox row in one transaction, retry transient failures a bounded number of times, and park
 * anything else on the dead-letter topic. It throws only when the message must be redelivered rather
 * than skipped: the infrastructure stayed down through every attempt (RedeliverLaterError), or the
 * dead letter itself could not be written.
 */
export class EventDispatcher {
  private readonly inbox: Inbox;

  constructor(
    private readonly group: ConsumerGroupHandlers,
    private readonly dataSource: DataSource,
    private readonly deadLetters: EventPublisher,
    private readonly clock: Clock,
    private readonly logger: MessagingLogger,
    private readonly retry: RetryPolicy,
    private readonly metrics: MessagingMetrics = NO_MESSAGING_METRICS,
  ) {
    this.inbox = new Inbox(group.consumer);
  }

  /** `heartbeat` runs between attempts, e.g. so Kafka keeps the consumer's session alive. */
  async dispatch(
    message: IncomingMessage,
    heartbeat: () => Promise<void> = noHeartbeat,
  ): Promise<DispatchOutcome> {
    const eventType = message.headers[HEADERS.eventType] ?? 'unknown';
    try {
      const outcome = await this.decodeAndApply(message, heartbeat);
      this.metrics.consumed(this.group.consumer, eventType, outcome);
      return outcome;
    } catch (error) {
      if (error instanceof RedeliverLaterError)
        this.metrics.consumed(this.group.consumer, eventType, 'deferred');
      throw error;
    }
  }

  private async decodeAndApply(
    message: IncomingMessage,
    heartbeat: () => Promise<void>,
  ): Promise<DispatchOutcome> {
    const decoded = decodeMessage(message);
    if (!decoded.ok) {
      // A type nobody here handles is not this consumer's business; anything else is poison.
      if (decoded.code === 'UNKNOWN_EVENT_TYPE' && !this.handles(decoded.eventType)) return 'ignored';
      if (decoded.code === 'INVALID_EVENT_DATA' && !this.handles(decoded.eventType)) return 'ignored';
      return this.deadLetter(message, { code: decoded.code, message: decoded.message, attempts: 0 });
    }
    const handler = this.group.handlers.get(decoded.envelope.type);
    if (!handler) return 'ignored';
    const envelope = decoded.envelope;
    return runWithCorrelation({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
      this.applyWithRetries(message, envelope, handler, heartbeat),
    );
  }

  private handles(eventType: string | undefined): boolean {
    return eventType !== undefined && this.group.handlers.has(eventType);
  }

  private async applyWithRetries(
    message: IncomingMessage,
    envelope: EventEnvelope,
    handler: (envelope: unknown, context: unknown) => Promise<unknown>,
    heartbeat: () => Promise<void>,
  ): Promise<DispatchOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const claimed = await this.dataSource.transaction(async (manager) => {
          if (!(await this.inbox.claim(manager, envelope, message.topic))) return false;
          const context = new EventContext({
            envelope,
            manager,
            topic: message.topic,
            partition: message.partition,
            offset: message.offset,
            attempt,
            consumer: this.group.consumer,
          });
          const result = await handler(envelope, context);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          return true;
        });
        this.logger.debug(
          {
            eventId: envelope.id,
            eventType: envelope.type,
            consumer: this.group.consumer,
            duplicate: !claimed,
          },
          claimed ? 'event handled' : 'duplicate event skipped',
        );
        return claimed ? 'processed' : 'duplicate';
      } catch (error) {
        const decision = decideOnError(error);
        if (decision === 'ignore') return 'ignored';
        const retryable = decision === 'retry' || decision === 'retry-later';
        if (retryable && attempt < this.retry.maxAttempts) {
          this.logger.warn(
            { eventId: envelope.id, eventType: envelope.type, attempt, err: errorText(error) },
            'event handler failed; retrying',
          );
          await heartbeat();
          await delay(this.retry.backoffMs * 2 ** (attempt - 1));
          continue;
        }
        if (decision === 'retry-later') {
          // The event is fine, the infrastructure is not: dead-lettering it would lose it for good.
          this.logger.warn(
            { eventId: envelope.id, eventType: envelope.type, attempt, err: errorText(error) },
            'event handler cannot reach its infrastructure; the transport will redeliver later',
          );
          throw new RedeliverLaterError(`${envelope.type} ${envelope.id}: ${errorText(error)}`, error);
        }
        const code = decision === 'retry' ? 'RETRIES_EXHAUSTED' : codeOf(error);
        return this.deadLetter(message, { code, message: errorText(error), attempts: attempt });
      }
    }
  }

  private async deadLetter(message: IncomingMessage, reason: DeadLetterReason): Promise<DispatchOutcome> {
    this.logger.error(
      {
        consumer: this.group.consumer,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        code: reason.code,
        reason: reason.message,
      },
      'event dead-lettered',
    );
    await this.deadLetters.publish([deadLetterFor(message, this.group.consumer, reason, this.clock.now())]);
    return 'dead-lettered';
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'HANDLER_FAILED';
}

async function noHeartbeat(): Promise<void> {}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
