import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { CreateReferral } from './create-referral';
import { GetReferral } from './get-referral';
import { ReferralController } from './referral.controller';

@Module({
  imports: [MessagingModule.forService('referrals')],
  controllers: [ReferralController],
  providers: [CreateReferral, GetReferral, AuditTrail],
})
export class ReferralModule {}
