import type { INestApplication } from '@nestjs/common';
import type { CustomTransportStrategy, MicroserviceOptions, Server } from '@nestjs/microservices';

/**
 * Attaches the event transport to an HTTP app (hybrid application) and starts consuming. Global
 * filters cannot be added to a connected microservice, so each `@ConsumeEvent` handler carries the
 * filter that passes its errors to the consume pipeline unchanged.
 */
export async function startEventTransport(
  app: INestApplication,
  strategy: Server & CustomTransportStrategy,
): Promise<void> {
  app.connectMicroservice<MicroserviceOptions>({ strategy }, { inheritAppConfig: false });
  await app.startAllMicroservices();
}
