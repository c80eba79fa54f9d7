import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { twilioFormBody } from '../inbound/twilio-form-body';
import { TwilioSignatureGuard } from '../inbound/twilio-signature.guard';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { ReceiptMetrics } from './receipt-metrics';
import { RecordDeliveryReceipt } from './record-delivery-receipt';
import { StatusCallbackController } from './status-callback.controller';

/** Delivery receipts: Twilio's signed status callbacks move our texts' statuses forward. */
@Module({
  imports: [MessagingModule.forService(REMINDERS_SCHEMA)],
  controllers: [StatusCallbackController],
  providers: [RecordDeliveryReceipt, ReceiptMetrics, TwilioSignatureGuard],
})
export class ReceiptsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(twilioFormBody()).forRoutes(StatusCallbackController);
  }
}
