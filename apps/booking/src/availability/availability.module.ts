import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { AddAvailabilityException } from './add-availability-exception';
import { AvailabilityController } from './availability.controller';
import { CreateAvailabilityRule } from './create-availability-rule';
import { EndAvailabilityRule } from './end-availability-rule';
import { ExtendAvailability } from './extend-availability';
import { ListAvailabilityExceptions } from './list-availability-exceptions';
import { ListAvailabilityRules } from './list-availability-rules';

/**
 * Recurring availability and exceptions on schedules. Exports ExtendAvailability, the timer task
 * that keeps rules' slots reaching the rolling horizon. Needs BOOKING_POLICY (the horizon) from the
 * service module, like the appointment context.
 */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
  controllers: [AvailabilityController],
  providers: [
    AuditTrail,
    CreateAvailabilityRule,
    ListAvailabilityRules,
    EndAvailabilityRule,
    AddAvailabilityException,
    ListAvailabilityExceptions,
    ExtendAvailability,
  ],
  exports: [ExtendAvailability],
})
export class AvailabilityModule {}
