import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { AppointmentController } from './appointment.controller';
import { BookAppointment } from './book-appointment';
import { CancelAppointment } from './cancel-appointment';
import { ConfirmHold } from './confirm-hold';
import { ExpireLapsedHolds } from './expire-lapsed-holds';
import { FlagOverdueOutcomes } from './flag-overdue-outcomes';
import { GetAppointment } from './get-appointment';
import { HoldAppointment } from './hold-appointment';
import { ListClientAppointments } from './list-client-appointments';
import { RecordAttendance } from './record-attendance';
import { ReleaseHold } from './release-hold';
import { RescheduleAppointment } from './reschedule-appointment';

/**
 * Appointments: hold, book, confirm, release, reschedule, cancel, record attendance, read; events
 * through the outbox. Exports its timer tasks for the booking timer job. Needs BOOKING_POLICY from
 * the service module.
 */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
  controllers: [AppointmentController],
  providers: [
    AuditTrail,
    BookAppointment,
    HoldAppointment,
    ConfirmHold,
    ReleaseHold,
    RescheduleAppointment,
    CancelAppointment,
    RecordAttendance,
    GetAppointment,
    ListClientAppointments,
    ExpireLapsedHolds,
    FlagOverdueOutcomes,
  ],
  exports: [ExpireLapsedHolds, FlagOverdueOutcomes],
})
export class AppointmentModule {}
