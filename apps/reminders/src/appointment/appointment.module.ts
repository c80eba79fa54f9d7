import { Module } from '@nestjs/common';
import { BookingEventsConsumer } from '../events/booking-events.consumer';
import { PlanModule } from '../plan/plan.module';
import { RecordAppointmentBooked } from './record-appointment-booked';
import { RecordAppointmentCancelled } from './record-appointment-cancelled';
import { RecordAppointmentOffered } from './record-appointment-offered';
import { RecordAppointmentRebookNeeded } from './record-appointment-rebook-needed';
import { RecordAppointmentRescheduled } from './record-appointment-rescheduled';
import { RecordAttendance } from './record-attendance';
import { RecordOfferEnded } from './record-offer-ended';
import { RecordOfferTaken } from './record-offer-taken';

/**
 * Reminders' copy of appointments from booking's events (a version per change, late events ignored),
 * and the plan changes each one brings: booked plans, rescheduled re-plans, cancelled and attended
 * end, a cancelled session (rebook needed) ends the plan but not the appointment; did not attend also
 * plans "sorry we missed you". A hold for an in-reach offer plans the offer text; booked, the offer
 * gets the booked plan; its hold ended, it ends.
 */
@Module({
  imports: [PlanModule],
  controllers: [BookingEventsConsumer],
  providers: [
    RecordAppointmentBooked,
    RecordAppointmentRescheduled,
    RecordAppointmentCancelled,
    RecordAppointmentRebookNeeded,
    RecordAttendance,
    RecordAppointmentOffered,
    RecordOfferTaken,
    RecordOfferEnded,
  ],
})
export class AppointmentModule {}
