import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { PublishSlots } from './publish-slots';
import { SearchFreeSlots } from './search-free-slots';
import { SlotSearchController } from './slot-search.controller';
import { SlotController } from './slot.controller';
import { WithdrawSlots } from './withdraw-slots';

/** Slot supply: providers publish and withdraw slots, staff search the free ones; events through the outbox. */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
  controllers: [SlotController, SlotSearchController],
  providers: [AuditTrail, PublishSlots, WithdrawSlots, SearchFreeSlots],
})
export class SlotModule {}
