import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { AwaitingBookingModule } from './awaiting-booking/awaiting-booking.module';
import { ReferralAwaitingBooking } from './awaiting-booking/referral-awaiting-booking.entity';
import { BOOKING_SCHEMA } from './booking-schema';
import { bookingMigrations } from './migrations';

@Module({ imports: [MessagingModule.forService(BOOKING_SCHEMA), AwaitingBookingModule] })
export class BookingServiceModule {}

/** Slots, holds, appointments and attendance; owns every slot and appointment. */
export const bookingService: ServiceDefinition = {
  name: BOOKING_SCHEMA,
  module: BookingServiceModule,
  database: { schema: BOOKING_SCHEMA, entities: [ReferralAwaitingBooking], migrations: bookingMigrations },
  defaultPort: 3002,
  usesScheduler: true,
};
