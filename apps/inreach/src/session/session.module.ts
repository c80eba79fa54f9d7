import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { INREACH_SCHEMA } from '../inreach-schema';
import { CancelSession } from './cancel-session';
import { ListSessions } from './list-sessions';
import { PublishSession } from './publish-session';
import { SessionController } from './session.controller';

/** Sessions: listed, published to booking one at a time, cancelled; events through the outbox. */
@Module({
  imports: [MessagingModule.forService(INREACH_SCHEMA)],
  controllers: [SessionController],
  providers: [ListSessions, PublishSession, CancelSession],
})
export class SessionModule {}
