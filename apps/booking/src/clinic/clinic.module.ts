import { Module } from '@nestjs/common';
import { AuditTrail } from '@careloop/auth';
import { ClinicController } from './clinic.controller';
import { ListClinicAppointments } from './list-clinic-appointments';

/**
 * The clinic's view of its own slots' appointments. Cancelling and recording attendance go through
 * the appointment routes, which accept the clinic of the slot.
 */
@Module({ controllers: [ClinicController], providers: [AuditTrail, ListClinicAppointments] })
export class ClinicModule {}
