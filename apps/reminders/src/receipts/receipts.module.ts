import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { twilioFormBody } from '../inbound/twilio-form-body';
import { TwilioSignatureGuard } from '../inbound/twilio-signature.guard';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { AnnounceEarlierDeliveries } from './announce-earlier-deliveries';
import { NotifyCallbackGuard } from './notify-callback.guard';
import { NotifyStatusController } from './notify-status.controller';
import { ReceiptMetrics } from './receipt-metrics';
import { RecordDeliveryReceipt } from './record-delivery-receipt';
import { StatusCallbackController } from './status-callback.controller';

/**
 * Delivery receipts: Twilio's signed status callbacks and Notify's token-bearing ones move our texts'
 * statuses forward, through one use case. At start-up, texts delivered before reminders raised
 * reminder.delivered.v1 are announced once.
 */
@Module({
  imports: [MessagingModule.forService(REMINDERS_SCHEMA)],
  controllers: [StatusCallbackController, NotifyStatusController],
  providers: [
    RecordDeliveryReceipt,
    ReceiptMetrics,
    TwilioSignatureGuard,
    NotifyCallbackGuard,
    AnnounceEarlierDeliveries,
  ],
})
export class ReceiptsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(twilioFormBody()).forRoutes(StatusCallbackController);
  }
}
