import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@careloop/runtime';
import { referralsMigrations } from './migrations';
import { REFERRALS_SCHEMA } from './referrals-schema';
import { Referral } from './referral/referral.entity';
import { ReferralModule } from './referral/referral.module';
import { NeedStatusChange } from './need/need-status-change.entity';
import { Need } from './need/need.entity';
import { NeedModule } from './need/need.module';
import { RecallCheck } from './recall/recall-check.entity';
import { RecallPolicy } from './recall/recall-policy.entity';
import { RecallModule } from './recall/recall.module';
import { CLIENT_ENTITIES, ClientModule } from './client/client.module';

@Module({ imports: [ReferralModule, NeedModule, RecallModule, ClientModule] })
export class ReferralsServiceModule {}

/** Clients, physical-health needs and closed-loop referrals (see the domain brief). */
export const referralsService: ServiceDefinition = {
  name: REFERRALS_SCHEMA,
  module: ReferralsServiceModule,
  database: {
    schema: REFERRALS_SCHEMA,
    entities: [Referral, Need, NeedStatusChange, RecallPolicy, RecallCheck, ...CLIENT_ENTITIES],
    migrations: referralsMigrations,
  },
  defaultPort: 3001,
  usesScheduler: false,
};
