import type { MessageHandler } from '@nestjs/microservices';
import { findEventDefinition } from '@careloop/contracts';
import { CONSUMER_EXTRA } from './consume-event.decorator';

export type EventHandlerFn = (envelope: unknown, context: unknown) => Promise<unknown>;

/** The handlers of one consuming service, by event type, and the topics it must subscribe to. */
export interface ConsumerGroupHandlers {
  consumer: string;
  handlers: Map<string, EventHandlerFn>;
  topics: string[];
}

/**
 * Groups Nest's registered event handlers by consuming service. Nest chains several handlers of one
 * pattern through `next`; each link carries the extras of its own `@ConsumeEvent`.
 */
export function groupHandlersByConsumer(handlers: Map<string, MessageHandler>): ConsumerGroupHandlers[] {
  const groups = new Map<string, ConsumerGroupHandlers>();
  for (const [pattern, head] of handlers) {
    for (let link: MessageHandler | undefined = head; link; link = link.next) {
      if (!link.isEventHandler) continue;
      const consumer = (link.extras as Record<string, unknown> | undefined)?.[CONSUMER_EXTRA];
      if (typeof consumer !== 'string') {
        throw new Error(
          `Event handler for ${pattern} must be declared with @ConsumeEvent(definition, consumer)`,
        );
      }
      const definition = findEventDefinition(pattern);
      if (!definition) throw new Error(`@ConsumeEvent for ${pattern}: no such event in the catalogue`);
      const group: ConsumerGroupHandlers = groups.get(consumer) ?? {
        consumer,
        handlers: new Map(),
        topics: [],
      };
      if (group.handlers.has(pattern)) throw new Error(`${consumer} has two handlers for ${pattern}`);
      group.handlers.set(pattern, link as unknown as EventHandlerFn);
      if (!group.topics.includes(definition.topic)) group.topics.push(definition.topic);
      groups.set(consumer, group);
    }
  }
  return [...groups.values()];
}
