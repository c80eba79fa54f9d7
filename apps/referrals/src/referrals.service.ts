import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@careloop/runtime';
import { referralsMigrations } from './migrations';
import { Referral } from './referral/referral.entity';
import { ReferralModule } from './referral/referral.module';

@Module({ imports: [ReferralModule] })
export class ReferralsServiceModule {}

/** Clients, physical-health needs and closed-loop referrals (see the domain brief). */
export const referralsService: ServiceDefinition = {
  name: 'referrals',
  module: ReferralsServiceModule,
  database: { schema: 'referrals', entities: [Referral], migrations: referralsMigrations },
  defaultPort: 3001,
  usesScheduler: false,
};
