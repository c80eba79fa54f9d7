import { Global, Module } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@careloop/runtime';
import { INREACH_POLICY, inreachPolicyFrom } from './inreach-policy';

/** In-reach's timings for every context of the service (series, the horizon job, offers). */
@Global()
@Module({
  providers: [
    {
      provide: INREACH_POLICY,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => inreachPolicyFrom(config),
    },
  ],
  exports: [INREACH_POLICY],
})
export class InreachPolicyModule {}
