import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type Type,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Clock } from '@careloop/time';
import { EVENT_PUBLISHER, type EventPublisher } from '../event-publisher';
import type { MessagingLogger } from '../messaging-logger';
import type { MessagingMetrics } from '../messaging-metrics';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay';
import { MESSAGING_OPTIONS } from './tokens';

export interface MessagingOptions {
  publisher: EventPublisher;
  clock: Clock;
  logger: MessagingLogger;
  relay?: OutboxRelayOptions;
  metrics?: MessagingMetrics;
}

export interface MessagingRootAsyncOptions {
  useFactory: (...args: never[]) => MessagingOptions | Promise<MessagingOptions>;
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
}

@Injectable()
class PublisherLifecycle implements OnApplicationShutdown {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}
  async onApplicationShutdown(): Promise<void> {
    await this.options.publisher.close();
  }
}

/** Starts the service's outbox relay with the application and stops it before the database closes. */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(readonly relay: OutboxRelay) {}
  onApplicationBootstrap(): void {
    this.relay.start();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Module({})
export class MessagingModule {
  /** Once per process: the bus the relays publish to, the clock and the logger. */
  static forRootAsync(options: MessagingRootAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: EVENT_PUBLISHER,
          useFactory: (o: MessagingOptions) => o.publisher,
          inject: [MESSAGING_OPTIONS],
        },
        PublisherLifecycle,
      ],
      exports: [MESSAGING_OPTIONS, EVENT_PUBLISHER],
    };
  }

  /**
   * Once per service: its outbox (in its own schema) and the relay that publishes it. Every context
   * module of the service imports this; they all share one module, so one relay runs per schema.
   */
  static forService(schema: string): Type {
    return outboxModuleFor(schema);
  }
}

const outboxModules = new Map<string, Type>();

function outboxModuleFor(schema: string): Type {
  const existing = outboxModules.get(schema);
  if (existing) return existing;
  // A distinct module class per schema, so several services' outboxes can live in one process.
  const moduleClass = { [`OutboxModule_${schema}`]: class {} }[`OutboxModule_${schema}`]!;
  Module({
    providers: [
      {
        provide: Outbox,
        useFactory: (o: MessagingOptions) => new Outbox(schema, o.clock),
        inject: [MESSAGING_OPTIONS],
      },
      {
        provide: OutboxRelay,
        useFactory: (ds: DataSource, o: MessagingOptions) =>
          new OutboxRelay(ds, schema, o.publisher, o.logger, { ...o.relay, metrics: o.metrics }),
        inject: [DataSource, MESSAGING_OPTIONS],
      },
      OutboxRelayLifecycle,
    ],
    exports: [Outbox, OutboxRelay],
  })(moduleClass);
  outboxModules.set(schema, moduleClass);
  return moduleClass;
}
