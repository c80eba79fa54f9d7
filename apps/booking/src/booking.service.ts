import { Module } from '@nestjs/common';
import { MessagingModule } from '@careloop/messaging';
import type { ServiceDefinition } from '@careloop/runtime';
import { AwaitingBookingModule } from './awaiting-booking/awaiting-booking.module';
import { ReferralAwaitingBooking } from './awaiting-booking/referral-awaiting-booking.entity';
import { bookingMigrations } from './migrations';

@Module({ imports: [MessagingModule.forService('booking'), AwaitingBookingModule] })
export class BookingServiceModule {}

/** Slots, holds, appointments and attendance; owns every slot and appointment. */
export const bookingService: ServiceDefinition = {
  name: 'booking',
  module: BookingServiceModule,
  database: { schema: 'booking', entities: [ReferralAwaitingBooking], migrations: bookingMigrations },
  defaultPort: 3002,
  usesScheduler: true,
};
