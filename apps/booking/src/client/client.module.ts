import { Module } from '@nestjs/common';
import { ClientEventsConsumer } from '../events/client-events.consumer';
import { RecordClientSnapshot } from './record-client-snapshot';

/** Booking's copy of clients, from the referrals service's client events (latest version wins). */
@Module({
  controllers: [ClientEventsConsumer],
  providers: [RecordClientSnapshot],
})
export class ClientModule {}
