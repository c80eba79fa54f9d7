import { z } from 'zod';
import type { ReferralAwaitingBooking } from './referral-awaiting-booking.entity';

export const referralIdParam = z.uuid();

export interface ReferralAwaitingBookingView {
  referralId: string;
  clientId: string;
  destinationKind: string;
  destinationName: string;
  urgency: string;
  referredAt: string;
}

export function toView(r: ReferralAwaitingBooking): ReferralAwaitingBookingView {
  return {
    referralId: r.referralId,
    clientId: r.clientId,
    destinationKind: r.destinationKind,
    destinationName: r.destinationName,
    urgency: r.urgency,
    referredAt: r.referredAt.toISOString(),
  };
}
