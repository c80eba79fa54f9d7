import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { redactConfig } from '@careloop/config';
import { createHttpApp } from '@careloop/http';
import { startEventTransport } from '@careloop/messaging';
import { createLogger, Metrics, type Logger } from '@careloop/observability';
import { CLOCK, type Clock } from '@careloop/time';
import { createEventBusAdapter, type EventBusAdapter } from './adapters/event-bus.adapter';
import { prometheusMessagingMetrics } from './adapters/prometheus-messaging-metrics';
import { EventTransportHolder } from './event-transport.holder';
import { runtimeConfigSchema, type RuntimeConfig } from './runtime-config';
import { runtimeModule } from './runtime.module';
import type { ServiceDefinition } from './service-definition';

export interface RunningServices {
  app: NestExpressApplication;
  url: string;
  logger: Logger;
  bus: EventBusAdapter;
  close(): Promise<void>;
}

export interface StartServicesOptions {
  /** Extra modules mounted beside the services (the platform's landing page, for instance). */
  extraModules?: (Type | DynamicModule)[];
  clock?: Clock;
  logger?: Logger;
  title?: string;
}

/**
 * Boots one service (a deployable app) or several (the single-process platform) on the adapters the
 * configuration picks, starts consuming events and listens. Ready when this resolves.
 */
export async function startServices(
  services: readonly ServiceDefinition[],
  config: RuntimeConfig,
  options: StartServicesOptions = {},
): Promise<RunningServices> {
  const names = services.map((s) => s.name).join('+');
  const logger = options.logger ?? createLogger({ service: names, level: config.LOG_LEVEL });
  logger.info({ config: loggableConfig(config) }, 'careloop configuration');
  const bus = createEventBusAdapter(config, `careloop-${names}`, logger);
  const root = runtimeModule({ services, config, logger, bus, clock: options.clock });
  const module: DynamicModule = options.extraModules?.length
    ? { ...root, imports: [...(root.imports ?? []), ...options.extraModules] }
    : root;
  const app = await createHttpApp(module, {
    service: names,
    logger,
    openApi: { title: options.title ?? `Careloop ${names}`, version: '0.1.0' },
  });

  const transport = bus.createTransport(
    app.get(DataSource),
    app.get<Clock>(CLOCK),
    logger,
    prometheusMessagingMetrics(app.get(Metrics)),
  );
  app.get(EventTransportHolder).transport = transport;
  // Topics exist before anyone subscribes; a broker that is down now only delays publishing (outbox).
  await bus
    .prepare?.()
    .catch((error: unknown) => logger.warn({ err: String(error) }, 'event bus not reachable yet'));
  await startEventTransport(app, transport);
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info(
    { url, bus: bus.kind, database: config.DATABASE_URL ? 'postgres' : 'embedded' },
    'careloop ready',
  );
  return { app, url, logger, bus, close: () => app.close() };
}

/**
 * Logged once, before anything can fail, so a bad boot shows what it ran with. Secrets marked in the
 * schema are hidden, and only the schema's own keys are shown, so a caller's extra fields never leak.
 */
function loggableConfig(config: RuntimeConfig): Record<string, unknown> {
  const keys = Object.keys(runtimeConfigSchema.shape) as (keyof RuntimeConfig)[];
  const known = Object.fromEntries(keys.map((key) => [key, config[key]]));
  return redactConfig(known, runtimeConfigSchema);
}
