import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { InreachEventsConsumer } from '../events/inreach-events.consumer';
import { CascadeMetrics } from './cascade-metrics';
import { MakeSessionSlots } from './make-session-slots';
import { MoveAppointmentsOutOfCancelledSessions } from './move-appointments-out-of-cancelled-sessions';
import { WithdrawSessionSlots } from './withdraw-session-slots';

/**
 * In-reach sessions as booking slots: made and withdrawn from in-reach's session events, and the
 * cancellation cascade moving a withdrawn session's appointments on (a timer task it exports for the
 * booking timer job).
 */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
  controllers: [InreachEventsConsumer],
  providers: [
    AuditTrail,
    MakeSessionSlots,
    WithdrawSessionSlots,
    CascadeMetrics,
    MoveAppointmentsOutOfCancelledSessions,
  ],
  exports: [MoveAppointmentsOutOfCancelledSessions],
})
export class InreachModule {}
