import { HEADERS, type EventPublisher, type OutgoingMessage } from '@careloop/messaging';
import { now, type Phase, type Tracker } from './tracker';

/**
 * Wraps the relay's publisher to note when each event's publish was acknowledged, how big the relay's
 * batches were and how many bytes went out. Adds one map lookup per message; nothing else changes.
 */
export class TimedPublisher implements EventPublisher {
  constructor(
    private readonly inner: EventPublisher,
    private readonly tracker: Tracker,
  ) {}

  async publish(messages: OutgoingMessage[]): Promise<void> {
    await this.inner.publish(messages);
    const at = now();
    const phases = new Set<Phase>();
    for (const message of messages) {
      const id = message.headers[HEADERS.eventId];
      const phase = this.tracker.phaseOf(id);
      if (!phase || id === undefined) continue;
      phase.publishedAt.set(id, at);
      phase.valueBytes += Buffer.byteLength(message.value);
      phases.add(phase);
    }
    for (const phase of phases) phase.publishBatches.push(messages.length);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
