import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { GatewayModule } from '../gateway/gateway.module';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { DevInboxReplyController } from './dev-inbox-reply.controller';
import { InboundMetrics } from './inbound-metrics';
import { InboundWebhookController } from './inbound-webhook.controller';
import { RecordInboundMessage } from './record-inbound-message';
import { twilioFormBody } from './twilio-form-body';
import { TwilioSignatureGuard } from './twilio-signature.guard';

/**
 * Texts from clients: Twilio's signed inbound webhook (and, in development, replies typed into the
 * development inbox), reply reading, events to the keyworker.
 */
@Module({
  imports: [MessagingModule.forService(REMINDERS_SCHEMA), GatewayModule],
  controllers: [InboundWebhookController, DevInboxReplyController],
  providers: [RecordInboundMessage, InboundMetrics, TwilioSignatureGuard],
})
export class InboundModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(twilioFormBody()).forRoutes(InboundWebhookController);
  }
}
