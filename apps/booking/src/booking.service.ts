import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { AppointmentModule } from './appointment/appointment.module';
import { Appointment } from './appointment/appointment.entity';
import { ExpireLapsedHolds } from './appointment/expire-lapsed-holds';
import { FlagOverdueOutcomes } from './appointment/flag-overdue-outcomes';
import { AvailabilityException } from './availability/availability-exception.entity';
import { AvailabilityModule } from './availability/availability.module';
import { AvailabilityRule } from './availability/availability-rule.entity';
import { ExtendAvailability } from './availability/extend-availability';
import { AwaitingBookingModule } from './awaiting-booking/awaiting-booking.module';
import { ReferralAwaitingBooking } from './awaiting-booking/referral-awaiting-booking.entity';
import { BookingPolicyModule } from './booking-policy.module';
import { BOOKING_SCHEMA } from './booking-schema';
import { BookingClient } from './client/booking-client.entity';
import { ClientModule } from './client/client.module';
import { ClinicModule } from './clinic/clinic.module';
import { InreachModule } from './inreach/inreach.module';
import { MoveAppointmentsOutOfCancelledSessions } from './inreach/move-appointments-out-of-cancelled-sessions';
import { SessionMove } from './inreach/session-move.entity';
import { bookingMigrations } from './migrations';
import { Organisation } from './organisation/organisation.entity';
import { OrganisationModule } from './organisation/organisation.module';
import { Site } from './organisation/site.entity';
import { ReleaseDueReservations } from './reservation/release-due-reservations';
import { ReservationModule } from './reservation/reservation.module';
import { Schedule } from './schedule/schedule.entity';
import { ScheduleModule } from './schedule/schedule.module';
import { SlotModule } from './slot/slot.module';
import { Slot } from './slot/slot.entity';
import { TimersModule } from './timers/timers.module';

@Module({
  imports: [
    BookingPolicyModule,
    MessagingModule.forService(BOOKING_SCHEMA),
    AwaitingBookingModule,
    ClientModule,
    OrganisationModule,
    ScheduleModule,
    AvailabilityModule,
    SlotModule,
    ReservationModule,
    AppointmentModule,
    ClinicModule,
    InreachModule,
    TimersModule.forTasks({
      imports: [AppointmentModule, ReservationModule, AvailabilityModule, InreachModule],
      // Holds first, so a seat whose hold lapsed counts as free when reservations are released (and
      // when the cascade looks for a seat to move a cancelled session's clients to).
      tasks: [
        ExpireLapsedHolds,
        ReleaseDueReservations,
        FlagOverdueOutcomes,
        ExtendAvailability,
        MoveAppointmentsOutOfCancelledSessions,
      ],
    }),
  ],
})
export class BookingServiceModule {}

/** Slots, holds, appointments and attendance; owns every slot and appointment. */
export const bookingService: ServiceDefinition = {
  name: BOOKING_SCHEMA,
  module: BookingServiceModule,
  database: {
    schema: BOOKING_SCHEMA,
    entities: [
      ReferralAwaitingBooking,
      Organisation,
      Site,
      Schedule,
      AvailabilityRule,
      AvailabilityException,
      Slot,
      Appointment,
      BookingClient,
      SessionMove,
    ],
    migrations: bookingMigrations,
  },
  defaultPort: 3002,
  usesScheduler: true,
};
