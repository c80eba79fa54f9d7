import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  clientSmsOptedOutV1,
  reminderDeliveredV1,
  reminderDeliveryFailedV1,
  reminderSentV1,
  smsReplyReceivedV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { OpenDeliveryFailedTask } from '../follow-up/delivery-failed-task';
import { OpenOptedOutTask } from '../follow-up/opted-out-task';
import { OpenReplyTask } from '../follow-up/reply-task';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { RecordClientSms } from '../sms/record-client-sms';
import { RecordSmsDelivered } from '../sms/record-sms-delivered';
import { WithdrawSmsConsentOnOptOut } from '../sms/withdraw-sms-consent-on-opt-out';

type Env<D> = EventEnvelope<EventData<D>>;

/**
 * The reminders service's SMS events: texts sent, not delivered and replies go into the client's SMS
 * history (timeline, GET /clients/:id/sms), a text delivered is noted for the reports; an opt-out word
 * withdraws the client's consent to SMS reminders. A text not delivered, an opt-out and a reply that needs a person also open the
 * keyworker's task, after the event was applied. Each handler runs in the transaction that records
 * the event in the inbox.
 */
@Controller()
export class ReminderEventsConsumer {
  constructor(
    private readonly sms: RecordClientSms,
    private readonly delivered: RecordSmsDelivered,
    private readonly optOut: WithdrawSmsConsentOnOptOut,
    private readonly deliveryFailedTask: OpenDeliveryFailedTask,
    private readonly replyTask: OpenReplyTask,
    private readonly optedOutTask: OpenOptedOutTask,
  ) {}

  @ConsumeEvent(reminderSentV1, REFERRALS_SCHEMA)
  async onSent(@Payload() event: Env<typeof reminderSentV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.sms.execute(ctx.manager, { kind: 'sent', event });
  }

  @ConsumeEvent(reminderDeliveredV1, REFERRALS_SCHEMA)
  async onDelivered(
    @Payload() event: Env<typeof reminderDeliveredV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.delivered.execute(ctx.manager, event);
  }

  @ConsumeEvent(reminderDeliveryFailedV1, REFERRALS_SCHEMA)
  async onDeliveryFailed(
    @Payload() event: Env<typeof reminderDeliveryFailedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.sms.execute(ctx.manager, { kind: 'delivery_failed', event });
    await this.deliveryFailedTask.execute(ctx.manager, event);
  }

  @ConsumeEvent(smsReplyReceivedV1, REFERRALS_SCHEMA)
  async onReply(@Payload() event: Env<typeof smsReplyReceivedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.sms.execute(ctx.manager, { kind: 'reply', event });
    await this.replyTask.execute(ctx.manager, event);
  }

  @ConsumeEvent(clientSmsOptedOutV1, REFERRALS_SCHEMA)
  async onOptedOut(
    @Payload() event: Env<typeof clientSmsOptedOutV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.optOut.execute(ctx.manager, event);
    await this.optedOutTask.execute(ctx.manager, event);
  }
}
