import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INREACH_SCHEMA } from '../inreach-schema';

/**
 * Where an offer is: `requested` (booking asked to hold a seat), `open` (held for the client until it
 * expires), then `accepted` (booked), `declined` (the client said no, or staff released the hold),
 * `withdrawn` (its session was withdrawn while held), `expired`, or `unplaced` (booking could not hold
 * a seat). Only requested and open are live.
 */
export const OFFER_STATUSES = [
  'requested',
  'open',
  'accepted',
  'declined',
  'withdrawn',
  'expired',
  'unplaced',
] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const LIVE_OFFER_STATUSES: readonly OfferStatus[] = ['requested', 'open'];

/** A seat of a published session offered to a client waiting for the service. */
@Entity({ schema: INREACH_SCHEMA, name: 'offer' })
export class Offer {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The host CDAS: the client's organisation. */
  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  /** The waiting-list entry (its referral) the offer was made from. */
  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  /** The client's keyworker when the offer was made, who follows it up. */
  @Column({ name: 'keyworker_id', type: 'text' })
  keyworkerId!: string;

  @Column({ type: 'text' })
  status!: OfferStatus;

  /** Booking's held appointment, once it holds a seat: what the keyworker confirms or releases. */
  @Column({ name: 'appointment_id', type: 'uuid', nullable: true })
  appointmentId!: string | null;

  /** When the held slot starts. */
  @Column({ name: 'slot_starts_at', type: 'timestamptz', nullable: true })
  slotStartsAt!: Date | null;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /**
   * Why it ended: `booked`; `declined` or `released`; `session_withdrawn`; `expired`, `not_held`
   * (booking never answered before it expired) or `hold_not_ended` (held, but booking never said the
   * hold ended, well past its expiry); or booking's reason for not placing it (`no_free_seat`...).
   */
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
