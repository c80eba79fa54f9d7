import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import {
  appointmentIdParam,
  bookAppointmentBody,
  cancelAppointmentBody,
  type AppointmentView,
  type BookAppointmentBody,
  type CancelAppointmentBody,
} from './appointment.dto';
import { BookAppointment } from './book-appointment';
import { CancelAppointment } from './cancel-appointment';
import { GetAppointment } from './get-appointment';

/** CDAS staff who book and cancel for their clients. */
export const APPOINTMENT_WRITERS = ['drug_worker', 'nurse', 'clinician'] as const;
/** CDAS staff who may read their organisation's appointments. */
export const APPOINTMENT_READERS = [...APPOINTMENT_WRITERS, 'service_manager', 'admin'] as const;

@ApiTags('booking')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentController {
  constructor(
    private readonly bookAppointment: BookAppointment,
    private readonly cancelAppointment: CancelAppointment,
    private readonly getAppointment: GetAppointment,
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
    const { result, replayed } = await this.bookAppointment.execute(principal, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('Location', `/appointments/${result.id}`);
    return result;
  }

  @Get(':id')
  @Roles(...APPOINTMENT_READERS)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: appointmentIdParam }) id: string,
  ): Promise<AppointmentView> {
    return this.getAppointment.execute(principal, id);
  }

  /** A cancellation is a new fact about the appointment, hence POST. */
  @Post(':id/cancellation')
  @HttpCode(200)
  @Roles(...APPOINTMENT_WRITERS)
  @ApiOperation({ summary: 'Cancel a booked appointment (by client, provider or CDAS); frees its seat' })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: appointmentIdParam }) id: string,
    @Body({ schema: cancelAppointmentBody }) body: CancelAppointmentBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<AppointmentView> {
    const { result, replayed } = await this.cancelAppointment.execute(principal, id, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }
}
