import type { INestApplication } from '@nestjs/common';
import type { CustomTransportStrategy, MicroserviceOptions, Server } from '@nestjs/microservices';
import { PassThroughEventErrorsFilter } from './pass-through-event-errors.filter';

/** Attaches the event transport to an HTTP app (hybrid application) and starts consuming. */
export async function startEventTransport(
  app: INestApplication,
  strategy: Server & CustomTransportStrategy,
): Promise<void> {
  const microservice = app.connectMicroservice<MicroserviceOptions>(
    { strategy },
    { inheritAppConfig: false },
  );
  microservice.useGlobalFilters(new PassThroughEventErrorsFilter());
  await app.startAllMicroservices();
}
