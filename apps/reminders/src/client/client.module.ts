import { Module } from '@nestjs/common';
import { ClientEventsConsumer } from '../events/client-events.consumer';
import { PlanModule } from '../plan/plan.module';
import { EraseClientContactData } from './erase-client-contact-data';
import { RecordClientConsent } from './record-client-consent';
import { RecordClientContacts } from './record-client-contacts';
import { RecordClientSnapshot } from './record-client-snapshot';

/**
 * Reminders' copy of clients from the referrals service's client events: name and keyworker (highest
 * version wins), own mobile, consent; withdrawal of consent and erasure of contacts cancel plans.
 */
@Module({
  imports: [PlanModule],
  controllers: [ClientEventsConsumer],
  providers: [RecordClientSnapshot, RecordClientContacts, RecordClientConsent, EraseClientContactData],
})
export class ClientModule {}
