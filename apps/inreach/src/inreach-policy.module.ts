import { Global, Module } from '@nestjs/common';
import { DEFAULT_INREACH_POLICY, INREACH_POLICY } from './inreach-policy';

/** In-reach's timings for every context of the service (series, the horizon job). */
@Global()
@Module({
  providers: [{ provide: INREACH_POLICY, useValue: DEFAULT_INREACH_POLICY }],
  exports: [INREACH_POLICY],
})
export class InreachPolicyModule {}
