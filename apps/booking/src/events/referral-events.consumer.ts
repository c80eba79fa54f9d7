import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  referralCreatedV1,
  referralStatusChangedV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { RecordReferralAwaitingBooking } from '../awaiting-booking/record-referral-awaiting-booking';
import { UpdateReferralAwaitingStatus } from '../awaiting-booking/update-referral-awaiting-status';

/** Referral events booking reacts to. Parses nothing itself: the pipeline validated the contract. */
@Controller()
export class ReferralEventsConsumer {
  constructor(
    private readonly recordAwaiting: RecordReferralAwaitingBooking,
    private readonly updateStatus: UpdateReferralAwaitingStatus,
  ) {}

  @ConsumeEvent(referralCreatedV1, BOOKING_SCHEMA)
  async onReferralCreated(
    @Payload() event: EventEnvelope<EventData<typeof referralCreatedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.recordAwaiting.execute(ctx.manager, event);
  }

  @ConsumeEvent(referralStatusChangedV1, BOOKING_SCHEMA)
  async onReferralStatusChanged(
    @Payload() event: EventEnvelope<EventData<typeof referralStatusChangedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.updateStatus.execute(ctx.manager, event);
  }
}
