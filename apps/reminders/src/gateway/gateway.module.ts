import { Module } from '@nestjs/common';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER, RUNTIME_CONFIG, type RuntimeConfig } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { DevInboxController } from './dev-inbox.controller';
import { SMS_GATEWAY } from './sms-gateway';
import { smsGatewayFrom } from './sms-gateway-from-config';

/**
 * The SMS gateway SMS_GATEWAY names, under SMS_GATEWAY, and the development inbox's route. Building it
 * is where reminders refuses to start without a gateway next to a real database (smsGatewayKindFrom).
 */
@Module({
  controllers: [DevInboxController],
  providers: [
    {
      provide: SMS_GATEWAY,
      inject: [RUNTIME_CONFIG, CLOCK, APP_LOGGER],
      useFactory: (config: RuntimeConfig, clock: Clock, logger: Logger) =>
        smsGatewayFrom(config, clock, logger),
    },
  ],
  exports: [SMS_GATEWAY],
})
export class GatewayModule {}
