import { Module } from '@nestjs/common';
import { InreachEventsConsumer } from '../events/inreach-events.consumer';
import { ClientDirectory, SqlClientDirectory } from '../need/client-directory';
import { ClientCareEvent } from './client-care-event.entity';
import { RecordRebookNeeded } from './record-rebook-needed';
import { RecordWalkIn } from './record-walk-in';

/**
 * Other services' facts about a client's care that only the timeline shows: in-reach walk-ins (its
 * consumer here), rebooks the in-reach cascade could not make (booking's consumer, in the referral
 * module, uses the exported recorder) and appointment moves (kept with the appointment projection).
 */
@Module({
  controllers: [InreachEventsConsumer],
  providers: [{ provide: ClientDirectory, useClass: SqlClientDirectory }, RecordRebookNeeded, RecordWalkIn],
  exports: [RecordRebookNeeded],
})
export class CareEventsModule {}

/** The entities the service's DataSource must know for this context. */
export const CARE_EVENT_ENTITIES = [ClientCareEvent];
