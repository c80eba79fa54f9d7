import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { CreateReferral } from './create-referral';
import { GetReferral } from './get-referral';
import { ReferralController } from './referral.controller';

@Module({
  imports: [MessagingModule.forService(REFERRALS_SCHEMA)],
  controllers: [ReferralController],
  providers: [CreateReferral, GetReferral, AuditTrail],
})
export class ReferralModule {}
