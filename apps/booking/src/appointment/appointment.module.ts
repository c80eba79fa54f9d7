import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { BOOKING_SCHEMA } from '../booking-schema';
import { AppointmentController } from './appointment.controller';
import { BookAppointment } from './book-appointment';
import { CancelAppointment } from './cancel-appointment';
import { GetAppointment } from './get-appointment';

/** Appointments: book a seat without double booking, cancel, read; events through the outbox. */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA)],
  controllers: [AppointmentController],
  providers: [AuditTrail, BookAppointment, CancelAppointment, GetAppointment],
})
export class AppointmentModule {}
