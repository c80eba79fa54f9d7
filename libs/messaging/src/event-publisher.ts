import type { OutgoingMessage } from './outgoing-message';

/**
 * The bus port the outbox relay publishes through. Resolves only once every message is durably
 * accepted (Kafka: acknowledged by all in-sync replicas), so the relay can mark rows published.
 */
export interface EventPublisher {
  publish(messages: OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
