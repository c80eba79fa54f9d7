import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';

export const OFFER_EVENT_KINDS = ['offer_made', 'offer_taken', 'offer_ended'] as const;
export const CARE_EVENT_KINDS = [
  'appointment_rescheduled',
  'rebook_needed',
  'walk_in',
  ...OFFER_EVENT_KINDS,
] as const;
export type CareEventKind = (typeof CARE_EVENT_KINDS)[number];

/** How an offer's hold ended without a booking: the client said no, staff let it go, or it lapsed. */
export type OfferEndReason = 'declined' | 'released' | 'expired';

/**
 * One fact about a client's care reported by another service, kept for the timeline: an appointment
 * moved, a rebook needed after an in-reach session was cancelled, a walk-in at an in-reach session,
 * an in-reach waiting-list offer made, taken or ended. Append-only.
 */
@Entity({ schema: REFERRALS_SCHEMA, name: 'client_care_event' })
export class ClientCareEvent {
  /** The id of the event that reported it. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  kind!: CareEventKind;

  @Column({ name: 'appointment_id', type: 'uuid', nullable: true })
  appointmentId!: string | null;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  /** rebook_needed: the cancelled session; walk_in: the session attended; a move: the new one, if any. */
  @Column({ name: 'inreach_session_id', type: 'uuid', nullable: true })
  inreachSessionId!: string | null;

  @Column({ name: 'walk_in_id', type: 'uuid', nullable: true })
  walkInId!: string | null;

  /** The visiting organisation or clinic; a move's is read from the appointment when its event has none. */
  @Column({ name: 'provider_name', type: 'text', nullable: true })
  providerName!: string | null;

  @Column({ name: 'service_type', type: 'text', nullable: true })
  serviceType!: string | null;

  /** walk_in: the in-reach service's name. */
  @Column({ name: 'service_name', type: 'text', nullable: true })
  serviceName!: string | null;

  /** appointment_rescheduled: where the appointment is now; an offer: where the offered one is. */
  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ name: 'previous_starts_at', type: 'timestamptz', nullable: true })
  previousStartsAt!: Date | null;

  /**
   * A move: the new start; rebook_needed: the start of the appointment in the cancelled session; an
   * offer: the start of the offered appointment.
   */
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  /** The in-reach offer (offer_* kinds). */
  @Column({ name: 'offer_id', type: 'uuid', nullable: true })
  offerId!: string | null;

  /** offer_made: until when the seat is held for the client. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** offer_ended: how. */
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: OfferEndReason | null;

  /** Who did it: a user id, or a `system:` actor (the in-reach cascade). */
  @Column({ type: 'text' })
  by!: string;

  /** When it happened: moved, found no room, seen. */
  @Column({ type: 'timestamptz' })
  at!: Date;
}

/** A row with every optional fact empty, for the recorders to fill in. */
export function careEventRow(
  fields: Pick<ClientCareEvent, 'id' | 'orgId' | 'clientId' | 'kind' | 'by' | 'at'> &
    Partial<ClientCareEvent>,
): ClientCareEvent {
  return {
    appointmentId: null,
    referralId: null,
    inreachSessionId: null,
    walkInId: null,
    providerName: null,
    serviceType: null,
    serviceName: null,
    location: null,
    previousStartsAt: null,
    startsAt: null,
    offerId: null,
    expiresAt: null,
    endReason: null,
    ...fields,
  };
}
