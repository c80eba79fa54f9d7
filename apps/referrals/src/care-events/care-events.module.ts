import { Module } from '@nestjs/common';
import { InreachEventsConsumer } from '../events/inreach-events.consumer';
import { InreachServicesModule } from '../inreach-service/inreach-services.module';
import { ClientDirectory, SqlClientDirectory } from '../need/client-directory';
import { ClientCareEvent } from './client-care-event.entity';
import { RecordOfferEvent } from './record-offer-event';
import { RecordRebookNeeded } from './record-rebook-needed';
import { RecordWalkIn } from './record-walk-in';

/**
 * Other services' facts about a client's care that only the timeline shows: in-reach walk-ins (its
 * consumer here, which also keeps in-reach's services), rebooks the in-reach cascade could not make
 * and in-reach offers (booking's consumer, in the referral module, uses the exported recorders) and
 * appointment moves and offers taken (kept with the appointment projection).
 */
@Module({
  imports: [InreachServicesModule],
  controllers: [InreachEventsConsumer],
  providers: [
    { provide: ClientDirectory, useClass: SqlClientDirectory },
    RecordRebookNeeded,
    RecordWalkIn,
    RecordOfferEvent,
  ],
  exports: [RecordRebookNeeded, RecordOfferEvent],
})
export class CareEventsModule {}

/** The entities the service's DataSource must know for this context. */
export const CARE_EVENT_ENTITIES = [ClientCareEvent];
