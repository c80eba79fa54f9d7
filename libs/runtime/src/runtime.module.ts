import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HEALTH_CHECKS, type HealthCheck } from '@careloop/http';
import { MessagingModule } from '@careloop/messaging';
import { Metrics, type Logger } from '@careloop/observability';
import { Database, PersistenceModule } from '@careloop/persistence';
import type { JobScheduler } from '@careloop/scheduling';
import { CLOCK, SystemClock, type Clock } from '@careloop/time';
import { authModules } from './adapters/auth.adapter';
import type { EventBusAdapter } from './adapters/event-bus.adapter';
import { createJobScheduler } from './adapters/job-scheduler.adapter';
import { prometheusMessagingMetrics } from './adapters/prometheus-messaging-metrics';
import { EventTransportHolder } from './event-transport.holder';
import type { RuntimeConfig } from './runtime-config';
import type { ServiceDefinition } from './service-definition';
import { APP_LOGGER, JOB_SCHEDULER, RUNTIME_CONFIG } from './tokens';

export interface RuntimeModuleOptions {
  services: readonly ServiceDefinition[];
  config: RuntimeConfig;
  logger: Logger;
  bus: EventBusAdapter;
  clock?: Clock;
}

@Injectable()
class SchedulerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler) {}
  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.close();
  }
}

/**
 * The root module of a Careloop process: the chosen adapters (database, bus, scheduler, identity
 * provider), the cross-cutting providers every service injects (clock, logger, configuration), the
 * readiness checks of the dependencies actually in use, and the services' own modules.
 */
export function runtimeModule(options: RuntimeModuleOptions): DynamicModule {
  const { services, config, logger, bus } = options;
  const clock = options.clock ?? new SystemClock();
  const names = services.map((s) => s.name).join('+');
  const scheduling = services.some((s) => s.usesScheduler)
    ? createJobScheduler(config, clock, { warn: (m) => logger.warn(m) })
    : undefined;

  @Global()
  @Module({
    providers: [
      { provide: CLOCK, useValue: clock },
      { provide: APP_LOGGER, useValue: logger },
      { provide: RUNTIME_CONFIG, useValue: config },
      EventTransportHolder,
      ...(scheduling ? [{ provide: JOB_SCHEDULER, useValue: scheduling.scheduler }, SchedulerLifecycle] : []),
      {
        provide: HEALTH_CHECKS,
        inject: [Database],
        useFactory: (db: Database): HealthCheck[] => [
          { name: 'database', check: () => db.ping() },
          ...(bus.ping ? [{ name: 'kafka', check: bus.ping }] : []),
          ...(scheduling?.usesRedis ? [{ name: 'redis', check: () => scheduling.scheduler.ping() }] : []),
        ],
      },
    ],
    exports: [
      CLOCK,
      APP_LOGGER,
      RUNTIME_CONFIG,
      EventTransportHolder,
      ...(scheduling ? [JOB_SCHEDULER] : []),
    ],
  })
  class RuntimeCoreModule {}

  return {
    module: class CareloopRuntimeModule {},
    imports: [
      RuntimeCoreModule,
      PersistenceModule.forRoot({
        useFactory: () => ({
          database: {
            url: config.DATABASE_URL,
            embeddedDataDir: config.EMBEDDED_DATA_DIR,
            applicationName: `careloop-${names}`,
            logger: { info: (m: string) => logger.info(m), warn: (m: string) => logger.warn(m) },
          },
          services: services.map((s) => s.database),
        }),
      }),
      MessagingModule.forRootAsync({
        inject: [Metrics],
        useFactory: (metrics: Metrics) => ({
          publisher: bus.publisher,
          clock,
          logger,
          // The in-process bus starts empty: re-offer the outbox so a kept embedded database loses nothing.
          relay: { idlePollMs: config.OUTBOX_POLL_MS, republishOnStart: bus.kind === 'in-process' },
          metrics: prometheusMessagingMetrics(metrics),
        }),
      }),
      ...authModules(config),
      ...services.map((s) => s.module),
    ],
  };
}
