import { Module } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { DevInboxController } from './dev-inbox.controller';
import { SMS_GATEWAY } from './sms-gateway';
import { smsGatewayFrom } from './sms-gateway-from-config';

/** The SMS gateway SMS_GATEWAY names, under SMS_GATEWAY, and the development inbox's route. */
@Module({
  controllers: [DevInboxController],
  providers: [
    {
      provide: SMS_GATEWAY,
      inject: [RUNTIME_CONFIG, CLOCK],
      useFactory: (config: RuntimeConfig, clock: Clock) => smsGatewayFrom(config, clock),
    },
  ],
  exports: [SMS_GATEWAY],
})
export class GatewayModule {}
