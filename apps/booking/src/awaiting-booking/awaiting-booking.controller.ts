import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { referralIdParam, type ReferralAwaitingBookingView } from './awaiting-booking.dto';
import { GetReferralAwaitingBooking } from './get-referral-awaiting-booking';
import { ListReferralsAwaitingBooking } from './list-referrals-awaiting-booking';

const CDAS_STAFF = ['drug_worker', 'nurse', 'clinician', 'service_manager'] as const;

@ApiTags('booking')
@ApiBearerAuth()
@Controller('referrals-awaiting-booking')
export class AwaitingBookingController {
  constructor(
    private readonly listAwaiting: ListReferralsAwaitingBooking,
    private readonly getAwaiting: GetReferralAwaitingBooking,
  ) {}

  @Get()
  @Roles(...CDAS_STAFF)
  list(@CurrentPrincipal() principal: Principal): Promise<ReferralAwaitingBookingView[]> {
    return this.listAwaiting.execute(principal);
  }

  @Get(':referralId')
  @Roles(...CDAS_STAFF)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('referralId', { schema: referralIdParam }) referralId: string,
  ): Promise<ReferralAwaitingBookingView> {
    return this.getAwaiting.execute(principal, referralId);
  }
}
