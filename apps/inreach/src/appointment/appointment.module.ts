import { Module } from '@nestjs/common';
import { BookingEventsConsumer } from '../events/booking-events.consumer';
import { RecordAppointmentAttendance } from './record-appointment-attendance';
import { RecordAppointmentBooked } from './record-appointment-booked';
import { RecordAppointmentCancelled } from './record-appointment-cancelled';
import { RecordAppointmentHeld } from './record-appointment-held';
import { RecordAppointmentHoldEnded } from './record-appointment-hold-ended';
import { RecordAppointmentRescheduled } from './record-appointment-rescheduled';

/**
 * Booking's appointments in in-reach sessions, kept from its events for the day sheet, the evidence and
 * the offer job (held seats are taken); they also carry what became of in-reach's offers.
 */
@Module({
  controllers: [BookingEventsConsumer],
  providers: [
    RecordAppointmentBooked,
    RecordAppointmentRescheduled,
    RecordAppointmentCancelled,
    RecordAppointmentAttendance,
    RecordAppointmentHeld,
    RecordAppointmentHoldEnded,
  ],
})
export class AppointmentModule {}
