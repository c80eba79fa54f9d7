import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { ReleaseDueReservations } from './release-due-reservations';
import { ReleaseReservations } from './release-reservations';
import { ReservationController } from './reservation.controller';
import { ReservationUsage } from './reservation-usage';
import { ReserveSlots } from './reserve-slots';

/**
 * Reserved capacity: a clinic reserves slots for an organisation or all CDAS, releases them, and sees
 * their use. ReleaseDueReservations is exported for the timer job, the only thing that releases by time.
 */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
  controllers: [ReservationController],
  providers: [ReserveSlots, ReleaseReservations, ReservationUsage, ReleaseDueReservations],
  exports: [ReleaseDueReservations],
})
export class ReservationModule {}
