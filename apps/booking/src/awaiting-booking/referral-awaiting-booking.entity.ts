import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BOOKING_SCHEMA } from '../booking-schema';

/** What booking needs to know of a referral that has no appointment yet; filled from referral events. */
@Entity({ schema: BOOKING_SCHEMA, name: 'referral_awaiting_booking' })
export class ReferralAwaitingBooking {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'destination_kind', type: 'text' })
  destinationKind!: string;

  @Column({ name: 'destination_name', type: 'text' })
  destinationName!: string;

  @Column({ type: 'text' })
  urgency!: string;

  /** The referral's latest status, as its events said (`referral.status-changed.v1`). */
  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'referred_at', type: 'timestamptz' })
  referredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
