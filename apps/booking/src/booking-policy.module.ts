import { Global, Module } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@careloop/runtime';
import { BOOKING_POLICY, bookingPolicyFrom } from './booking-policy';

/** Booking's timings for every context of the service (holds, attendance, availability, timers). */
@Global()
@Module({
  providers: [
    {
      provide: BOOKING_POLICY,
      inject: [RUNTIME_CONFIG],
      useFactory: (c: RuntimeConfig) => bookingPolicyFrom(c),
    },
  ],
  exports: [BOOKING_POLICY],
})
export class BookingPolicyModule {}
