import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { AppointmentModule } from './appointment/appointment.module';
import { Appointment } from './appointment/appointment.entity';
import { AwaitingBookingModule } from './awaiting-booking/awaiting-booking.module';
import { ReferralAwaitingBooking } from './awaiting-booking/referral-awaiting-booking.entity';
import { BOOKING_SCHEMA } from './booking-schema';
import { bookingMigrations } from './migrations';
import { SlotModule } from './slot/slot.module';
import { Slot } from './slot/slot.entity';

@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA), AwaitingBookingModule, SlotModule, AppointmentModule],
})
export class BookingServiceModule {}

/** Slots, holds, appointments and attendance; owns every slot and appointment. */
export const bookingService: ServiceDefinition = {
  name: BOOKING_SCHEMA,
  module: BookingServiceModule,
  database: {
    schema: BOOKING_SCHEMA,
    entities: [ReferralAwaitingBooking, Slot, Appointment],
    migrations: bookingMigrations,
  },
  defaultPort: 3002,
  usesScheduler: true,
};
