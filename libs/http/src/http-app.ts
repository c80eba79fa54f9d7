import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { correlationMiddleware, MetricsModule, PinoNestLogger, type Logger } from '@careloop/observability';
import { HealthModule } from './health/health.module';
import type { HealthModuleOptions } from './health/health-check';
import { setupOpenApi, type OpenApiOptions } from './openapi';
import { ProblemDetailsFilter } from './problem-details.filter';
import { SchemaValidationPipe } from './validation.pipe';

export interface HttpAppOptions {
  service: string;
  logger: Logger;
  /** Swagger UI at /docs; false to leave it out. Defaults to the service name, version 0.0.0. */
  openApi?: Partial<OpenApiOptions> | false;
  /** Largest JSON body accepted, in body-parser syntax. Default '100kb'. */
  bodyLimit?: string;
  health?: HealthModuleOptions;
}

/**
 * Creates a service's HTTP app: its module plus metrics (/metrics) and health (/health/*), with
 * everything configureHttpApp applies. Not yet listening: main.ts calls `app.listen(port)`, tests
 * `app.listen(0, '127.0.0.1')`.
 */
export async function createHttpApp(
  module: Type | DynamicModule,
  options: HttpAppOptions,
): Promise<NestExpressApplication> {
  @Module({
    imports: [
      module,
      MetricsModule.forRoot({ service: options.service }),
      HealthModule.forRoot(options.health),
    ],
  })
  class HttpAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(HttpAppModule, {
    logger: new PinoNestLogger(options.logger),
    // configureHttpApp mounts the JSON parser itself, after the correlation middleware.
    bodyParser: false,
  });
  return configureHttpApp(app, options);
}

/**
 * The one place HTTP conventions are applied. Call before `init`/`listen`. The app's module must
 * import MetricsModule and HealthModule itself when it was not made by createHttpApp.
 */
export function configureHttpApp<T extends INestApplication>(app: T, options: HttpAppOptions): T {
  const express = app as unknown as NestExpressApplication;
  express.useLogger(new PinoNestLogger(options.logger));
  express.disable('x-powered-by');

  // First, so everything after it, body parsing and its errors included, runs inside the context.
  // (raw-body binds its callback to the async context, so the context survives a slow body.)
  express.use(correlationMiddleware());
  express.useBodyParser('json', { limit: options.bodyLimit ?? '100kb' });

  express.useGlobalPipes(new SchemaValidationPipe());
  express.useGlobalFilters(new ProblemDetailsFilter(options.logger));
  if (options.openApi !== false) {
    setupOpenApi(express, { title: options.service, version: '0.0.0', ...options.openApi });
  }
  express.enableShutdownHooks();
  return app;
}
