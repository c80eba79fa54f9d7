import { Module } from '@nestjs/common';
import { BookingEventsConsumer } from '../events/booking-events.consumer';
import { RecordAppointmentAttendance } from './record-appointment-attendance';
import { RecordAppointmentBooked } from './record-appointment-booked';
import { RecordAppointmentCancelled } from './record-appointment-cancelled';
import { RecordAppointmentRescheduled } from './record-appointment-rescheduled';

/** Booking's appointments in in-reach sessions, kept from its events for the day sheet and evidence. */
@Module({
  controllers: [BookingEventsConsumer],
  providers: [
    RecordAppointmentBooked,
    RecordAppointmentRescheduled,
    RecordAppointmentCancelled,
    RecordAppointmentAttendance,
  ],
})
export class AppointmentModule {}
