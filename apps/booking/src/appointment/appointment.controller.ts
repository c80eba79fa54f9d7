import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey, type IdempotentOutcome } from '@careloop/http';
import type { ClinicAppointmentView } from '../clinic/clinic-appointment.view';
import {
  appointmentIdParam,
  bookAppointmentBody,
  cancelAppointmentBody,
  confirmHoldBody,
  listAppointmentsQuery,
  recordAttendanceBody,
  rescheduleAppointmentBody,
  type AppointmentView,
  type BookAppointmentBody,
  type CancelAppointmentBody,
  type ConfirmHoldBody,
  type ListAppointmentsQuery,
  type RecordAttendanceBody,
  type RescheduleAppointmentBody,
} from './appointment.dto';
import { APPOINTMENT_READERS, APPOINTMENT_WRITERS } from './appointment-parties';
import { BookAppointment } from './book-appointment';
import { CancelAppointment } from './cancel-appointment';
import { ConfirmHold } from './confirm-hold';
import { GetAppointment } from './get-appointment';
import { HoldAppointment } from './hold-appointment';
import { ListClientAppointments } from './list-client-appointments';
import { RecordAttendance } from './record-attendance';
import { ReleaseHold } from './release-hold';
import { RescheduleAppointment } from './reschedule-appointment';

export { APPOINTMENT_READERS, APPOINTMENT_WRITERS } from './appointment-parties';

/** CDAS writers, and the clinic of the slot (its clinicians are writers already). */
const CDAS_OR_CLINIC = [...APPOINTMENT_WRITERS, 'clinic_admin'] as const;

/** Sets Idempotent-Replayed on a repeated request and returns its answer. */
function answer<T>(res: ServerResponse, outcome: IdempotentOutcome<T>): T {
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return outcome.result;
}

@ApiTags('booking')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentController {
  constructor(
    private readonly bookAppointment: BookAppointment,
    private readonly holdAppointment: HoldAppointment,
    private readonly confirmHold: ConfirmHold,
    private readonly releaseHold: ReleaseHold,
    private readonly rescheduleAppointment: RescheduleAppointment,
    private readonly cancelAppointment: CancelAppointment,
    private readonly recordAttendance: RecordAttendance,
    private readonly getAppointment: GetAppointment,
    private readonly listClientAppointments: ListClientAppointments,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...APPOINTMENT_WRITERS)
  @ApiOperation({ summary: 'Book a seat of a slot for a client; 409 SLOT_ALREADY_BOOKED when it is full' })
  async book(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: bookAppointmentBody }) body: BookAppointmentBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<AppointmentView> {
    const result = answer(res, await this.bookAppointment.execute(principal, body, idempotencyKey));
    res.setHeader('Location', `/appointments/${result.id}`);
    return result;
  }

  @Post('holds')
  @HttpCode(201)
  @Roles(...APPOINTMENT_WRITERS)
  @ApiOperation({
    summary: 'Hold a seat for a few minutes while talking to the client; confirm it or release it',
  })
  async hold(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: bookAppointmentBody }) body: BookAppointmentBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<AppointmentView> {
    const result = answer(res, await this.holdAppointment.execute(principal, body, idempotencyKey));
    res.setHeader('Location', `/appointments/${result.id}`);
    return result;
  }

  @Get()
  @Roles(...APPOINTMENT_READERS)
  @ApiOperation({ summary: "A client's appointments booked by the caller's organisation, latest first" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: listAppointmentsQuery }) query: ListAppointmentsQuery,
  ): Promise<AppointmentView[]> {
    return this.listClientAppointments.execute(principal, query);
  }

  @Get(':id')
  @Roles(...APPOINTMENT_READERS)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: appointmentIdParam }) id: string,
  ): Promise<AppointmentView> {
    return this.getAppointment.execute(principal, id);
  }

  @Post(':id/confirmation')
  @HttpCode(200)
  @Roles(...APPOINTMENT_WRITERS)
  @ApiOperation({
    summary: 'Book a held seat; 409 HOLD_EXPIRED when the hold lapsed (its seat is given back)',
  })
  async confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: appointmentIdParam }) id: string,
    @Body({ schema: confirmHoldBody }) body: ConfirmHoldBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<AppointmentView> {
    return answer(res, await this.confirmHold.execute(principal, id, body, idempotencyKey));
  }

  @Post(':id/hold-release')
  @HttpCode(200)
  @Roles(...APPOINTMENT_WRITERS)
  @ApiOperation({ summary: 'Give a held seat back before the hold lapses' })
  release(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: appointmentIdParam }) id: string,
  ): Promise<AppointmentView> {
    return this.releaseHold.execute(principal, id);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Roles(...APPOINTMENT_WRITERS)
  @ApiOperation({ summary: 'Move a booked appointment to another slot, atomically (same appointment id)' })
  async reschedule(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: appointmentIdParam }) id: string,
    @Body({ schema: rescheduleAppointmentBody }) body: RescheduleAppointmentBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<AppointmentView> {
    return answer(res, await this.rescheduleAppointment.execute(principal, id, body, idempotencyKey));
  }

  /** A cancellation is a new fact about the appointment, hence POST. */
  @Post(':id/cancellation')
  @HttpCode(200)
  @Roles(...CDAS_OR_CLINIC)
  @ApiOperation({
    summary:
      "Cancel a booked appointment (the CDAS for anyone; the slot's clinic as the provider); frees its seat",
  })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: appointmentIdParam }) id: string,
    @Body({ schema: cancelAppointmentBody }) body: CancelAppointmentBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<AppointmentView | ClinicAppointmentView> {
    return answer(res, await this.cancelAppointment.execute(principal, id, body, idempotencyKey));
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @Roles(...CDAS_OR_CLINIC)
  @ApiOperation({ summary: 'Record whether the client attended (the CDAS or the clinic of the slot); once' })
  attendance(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: appointmentIdParam }) id: string,
    @Body({ schema: recordAttendanceBody }) body: RecordAttendanceBody,
  ): Promise<AppointmentView | ClinicAppointmentView> {
    return this.recordAttendance.execute(principal, id, body);
  }
}
