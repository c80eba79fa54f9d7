import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { smsReplyReceivedV1, type EventData, type EventEnvelope } from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { AnswerOfferBySms } from '../inreach/answer-offer-by-sms';

/**
 * Clients' SMS replies (from reminders) booking acts on: a YES or NO to an in-reach offer text.
 * Parses nothing itself: the pipeline validated the contract.
 */
@Controller()
export class SmsReplyEventsConsumer {
  constructor(private readonly answerOffer: AnswerOfferBySms) {}

  @ConsumeEvent(smsReplyReceivedV1, BOOKING_SCHEMA)
  async onSmsReplyReceived(
    @Payload() event: EventEnvelope<EventData<typeof smsReplyReceivedV1>>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.answerOffer.execute(ctx.manager, event);
  }
}
