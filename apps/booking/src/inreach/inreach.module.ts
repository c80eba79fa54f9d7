import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { InreachEventsConsumer } from '../events/inreach-events.consumer';
import { MakeSessionSlots } from './make-session-slots';
import { WithdrawSessionSlots } from './withdraw-session-slots';

/** In-reach sessions as booking slots: made and withdrawn from in-reach's session events. */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
  controllers: [InreachEventsConsumer],
  providers: [MakeSessionSlots, WithdrawSessionSlots],
})
export class InreachModule {}
