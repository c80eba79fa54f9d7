import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';
import { RecordWalkIn } from './record-walk-in';
import { WalkInController } from './walk-in.controller';

/** Walk-ins: clients seen at a session without a booking, within its allowance; events through the outbox. */
@Module({
  imports: [MessagingModule.forService(INREACH_SCHEMA)],
  controllers: [WalkInController],
  providers: [AuditTrail, RecordWalkIn],
})
export class WalkInModule {}
