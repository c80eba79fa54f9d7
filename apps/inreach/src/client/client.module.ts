import { Module } from '@nestjs/common';
import { ClientEventsConsumer } from '../events/client-events.consumer';
import { RecordClientSnapshot } from './record-client-snapshot';

/** In-reach's copy of the CDAS's clients, for the day sheet and for checking a walk-in's client. */
@Module({
  controllers: [ClientEventsConsumer],
  providers: [RecordClientSnapshot],
})
export class ClientModule {}
