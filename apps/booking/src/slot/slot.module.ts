import { Module } from '@nestjs/common';
import { PublishSlots } from './publish-slots';
import { SearchFreeSlots } from './search-free-slots';
import { SlotController } from './slot.controller';

/** Slot supply: providers publish slots, staff search the free ones. */
@Module({ controllers: [SlotController], providers: [PublishSlots, SearchFreeSlots] })
export class SlotModule {}
