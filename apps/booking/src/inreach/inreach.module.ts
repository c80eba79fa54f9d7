import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { InreachEventsConsumer } from '../events/inreach-events.consumer';
import { SmsReplyEventsConsumer } from '../events/sms-reply-events.consumer';
import { AnswerOfferBySms } from './answer-offer-by-sms';
import { CascadeMetrics } from './cascade-metrics';
import { HoldOfferedSeat } from './hold-offered-seat';
import { MakeSessionSlots } from './make-session-slots';
import { MoveAppointmentsOutOfCancelledSessions } from './move-appointments-out-of-cancelled-sessions';
import { WithdrawSessionSlots } from './withdraw-session-slots';

/**
 * In-reach sessions as booking slots: made and withdrawn from in-reach's session events, the
 * cancellation cascade moving a withdrawn session's appointments on (a timer task it exports for the
 * booking timer job), and waiting-list offers held as seats, answered by the client's SMS reply.
 */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
  controllers: [InreachEventsConsumer, SmsReplyEventsConsumer],
  providers: [
    AuditTrail,
    MakeSessionSlots,
    WithdrawSessionSlots,
    CascadeMetrics,
    MoveAppointmentsOutOfCancelledSessions,
    HoldOfferedSeat,
    AnswerOfferBySms,
  ],
  exports: [MoveAppointmentsOutOfCancelledSessions],
})
export class InreachModule {}
