import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { SLOT_PUBLISHERS } from '../slot/slot.controller';
import { ReleaseReservations } from './release-reservations';
import { ReservationUsage } from './reservation-usage';
import {
  releaseReservationsBody,
  reservationUsageQuery,
  reserveSlotsBody,
  type ReleasedSlotsView,
  type ReleaseReservationsBody,
  type ReservationUsageQuery,
  type ReservationUsageView,
  type ReservedSlotsView,
  type ReserveSlotsBody,
} from './reservation.dto';
import { ReserveSlots } from './reserve-slots';

/** The clinic that publishes the slots reserves them, releases them and sees how they were used. */
@ApiTags('booking')
@ApiBearerAuth()
@Controller()
export class ReservationController {
  constructor(
    private readonly reserveSlots: ReserveSlots,
    private readonly releaseReservations: ReleaseReservations,
    private readonly usage: ReservationUsage,
  ) {}

  /** A reservation is a new fact about the slots, hence POST; repeating it changes nothing more. */
  @Post('slots/reservation')
  @HttpCode(200)
  @Roles(...SLOT_PUBLISHERS)
  @ApiOperation({
    summary:
      "Reserve up to 500 of the organisation's future open slots for one organisation or all CDAS, all or none",
  })
  reserve(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: reserveSlotsBody }) body: ReserveSlotsBody,
  ): Promise<ReservedSlotsView> {
    return this.reserveSlots.execute(principal, body);
  }

  @Post('slots/reservation-release')
  @HttpCode(200)
  @Roles(...SLOT_PUBLISHERS)
  @ApiOperation({ summary: 'Hand reserved slots back to general booking now, all or none' })
  release(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: releaseReservationsBody }) body: ReleaseReservationsBody,
  ): Promise<ReleasedSlotsView> {
    return this.releaseReservations.execute(principal, body);
  }

  @Get('reservations/usage')
  @Roles(...SLOT_PUBLISHERS)
  @ApiOperation({
    summary:
      "How the organisation's reserved slots starting in the window were used (default: 90 days each way)",
  })
  getUsage(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: reservationUsageQuery }) query: ReservationUsageQuery,
  ): Promise<ReservationUsageView> {
    return this.usage.execute(principal, query);
  }
}
