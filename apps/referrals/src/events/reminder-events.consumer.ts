import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  clientSmsOptedOutV1,
  reminderDeliveryFailedV1,
  reminderSentV1,
  smsReplyReceivedV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { RecordClientSms } from '../sms/record-client-sms';
import { WithdrawSmsConsentOnOptOut } from '../sms/withdraw-sms-consent-on-opt-out';

type Env<D> = EventEnvelope<EventData<D>>;

/**
 * The reminders service's SMS events: texts sent, not delivered and replies go into the client's SMS
 * history (timeline, GET /clients/:id/sms); an opt-out word withdraws the client's consent to SMS
 * reminders. Each handler runs in the transaction that records the event in the inbox.
 */
@Controller()
export class ReminderEventsConsumer {
  constructor(
    private readonly sms: RecordClientSms,
    private readonly optOut: WithdrawSmsConsentOnOptOut,
  ) {}

  @ConsumeEvent(reminderSentV1, REFERRALS_SCHEMA)
  async onSent(@Payload() event: Env<typeof reminderSentV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.sms.execute(ctx.manager, { kind: 'sent', event });
  }

  @ConsumeEvent(reminderDeliveryFailedV1, REFERRALS_SCHEMA)
  async onDeliveryFailed(
    @Payload() event: Env<typeof reminderDeliveryFailedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.sms.execute(ctx.manager, { kind: 'delivery_failed', event });
  }

  @ConsumeEvent(smsReplyReceivedV1, REFERRALS_SCHEMA)
  async onReply(@Payload() event: Env<typeof smsReplyReceivedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.sms.execute(ctx.manager, { kind: 'reply', event });
  }

  @ConsumeEvent(clientSmsOptedOutV1, REFERRALS_SCHEMA)
  async onOptedOut(
    @Payload() event: Env<typeof clientSmsOptedOutV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.optOut.execute(ctx.manager, event);
  }
}
