import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, memoryDestination } from '@careloop/observability';
import { createHttpApp, type HttpAppOptions } from './http-app';

/** Test support: a real app from createHttpApp on 127.0.0.1, with its log lines kept in memory. */
export async function startTestApp(
  module: Type | DynamicModule,
  options: Partial<Omit<HttpAppOptions, 'logger'>> = {},
) {
  const logs = memoryDestination();
  const app: NestExpressApplication = await createHttpApp(module, {
    service: 'test',
    logger: createLogger({ service: 'test', level: 'info', destination: logs }),
    ...options,
  });
  await app.listen(0, '127.0.0.1');
  return { app, server: app.getHttpServer(), logs: logs.lines };
}
