import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { CLINIC_STAFF } from '../appointment/appointment-parties';
import {
  clinicAppointmentsQuery,
  type ClinicAppointmentsQuery,
  type ClinicAppointmentsView,
} from './clinic.dto';
import { ListClinicAppointments } from './list-clinic-appointments';

/** What a clinic (a provider, or a CDAS running in-house clinics) sees of its own slots' bookings. */
@ApiTags('booking')
@ApiBearerAuth()
@Controller('clinic')
export class ClinicController {
  constructor(private readonly listClinicAppointments: ListClinicAppointments) {}

  @Get('appointments')
  @Roles(...CLINIC_STAFF)
  @ApiOperation({
    summary:
      "Appointments in the caller's organisation's own slots, with the minimum about each client; default today",
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: clinicAppointmentsQuery }) query: ClinicAppointmentsQuery,
  ): Promise<ClinicAppointmentsView> {
    return this.listClinicAppointments.execute(principal, query);
  }
}
