import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@careloop/runtime';
import { referralsMigrations } from './migrations';
import { REFERRALS_SCHEMA } from './referrals-schema';
import { REFERRAL_ENTITIES, ReferralModule } from './referral/referral.module';
import { NeedStatusChange } from './need/need-status-change.entity';
import { Need } from './need/need.entity';
import { NeedModule } from './need/need.module';
import { RecallCheck } from './recall/recall-check.entity';
import { RecallPolicy } from './recall/recall-policy.entity';
import { RecallModule } from './recall/recall.module';
import { CLIENT_ENTITIES, ClientModule } from './client/client.module';
import { ADVOCACY_ENTITIES, AdvocacyModule } from './advocacy/advocacy.module';
import { TimelineModule } from './timeline/timeline.module';
import { SMS_ENTITIES, SmsModule } from './sms/sms.module';
import { CARE_EVENT_ENTITIES, CareEventsModule } from './care-events/care-events.module';
import { INREACH_SERVICE_ENTITIES } from './inreach-service/inreach-services.module';
import { TASK_ENTITIES, TaskModule } from './task/task.module';
import { FollowUpModule } from './follow-up/follow-up.module';
import { ReportModule } from './report/report.module';
import { REPORT_SHARING_ENTITIES, ReportSharingModule } from './report-sharing/report-sharing.module';

@Module({
  imports: [
    ReferralModule,
    NeedModule,
    RecallModule,
    ClientModule,
    AdvocacyModule,
    TimelineModule,
    SmsModule,
    CareEventsModule,
    FollowUpModule,
    TaskModule,
    ReportModule,
    ReportSharingModule,
  ],
})
export class ReferralsServiceModule {}

/** Clients, physical-health needs and closed-loop referrals (see the domain brief). */
export const referralsService: ServiceDefinition = {
  name: REFERRALS_SCHEMA,
  module: ReferralsServiceModule,
  database: {
    schema: REFERRALS_SCHEMA,
    entities: [
      ...REFERRAL_ENTITIES,
      Need,
      NeedStatusChange,
      RecallPolicy,
      RecallCheck,
      ...CLIENT_ENTITIES,
      ...ADVOCACY_ENTITIES,
      ...SMS_ENTITIES,
      ...CARE_EVENT_ENTITIES,
      ...INREACH_SERVICE_ENTITIES,
      ...TASK_ENTITIES,
      ...REPORT_SHARING_ENTITIES,
    ],
    migrations: referralsMigrations,
  },
  defaultPort: 3001,
  usesScheduler: false,
};
