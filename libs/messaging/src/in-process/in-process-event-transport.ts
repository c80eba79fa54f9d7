import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { EventDispatcher } from '../consumer/event-dispatcher';
import { groupHandlersByConsumer } from '../consumer/handler-registry';
import { DEFAULT_RETRY, type EventTransportOptions } from '../consumer/event-transport-options';
import type { InProcessBus } from './in-process-bus';

export interface InProcessEventTransportOptions extends EventTransportOptions {
  bus: InProcessBus;
}

/** The embedded-mode counterpart of KafkaEventTransport: same handlers, same pipeline, no broker. */
export class InProcessEventTransport extends Server implements CustomTransportStrategy {
  private groups: string[] = [];

  constructor(private readonly options: InProcessEventTransportOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    try {
      const { bus, dataSource, clock, logger } = this.options;
      const retry = { ...DEFAULT_RETRY, ...this.options.retry };
      for (const group of groupHandlersByConsumer(this.getHandlers())) {
        const dispatcher = new EventDispatcher(
          group,
          dataSource,
          bus,
          clock,
          logger,
          retry,
          this.options.metrics,
        );
        bus.subscribe(group.consumer, group.topics, (message) => dispatcher.dispatch(message));
        this.groups.push(group.consumer);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Resolves once no handler of this transport is running, so the database can close after it. */
  async close(): Promise<void> {
    const groups = this.groups;
    this.groups = [];
    await Promise.all(groups.map((group) => this.options.bus.unsubscribe(group)));
  }

  on(): never {
    throw new Error('InProcessEventTransport has no event listeners');
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }
}
