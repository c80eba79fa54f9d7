import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';

export type ClientAppointmentStatus =
  | 'booked'
  | 'cancelled'
  | 'attended'
  | 'did_not_attend'
  | 'cancelled_late'
  | 'left_before_seen'
  | 'outcome_unknown';

/** This service's projection of booking's appointments for its clients, kept from booking's events. */
@Entity({ schema: REFERRALS_SCHEMA, name: 'client_appointment' })
export class ClientAppointment {
  @PrimaryColumn({ name: 'appointment_id', type: 'uuid' })
  appointmentId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ name: 'provider_name', type: 'text' })
  providerName!: string;

  @Column({ name: 'service_type', type: 'text' })
  serviceType!: string;

  @Column({ type: 'text' })
  location!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text' })
  status!: ClientAppointmentStatus;

  /** When booking booked it; null on appointments projected before this was kept. */
  @Column({ name: 'booked_at', type: 'timestamptz', nullable: true })
  bookedAt!: Date | null;

  /** Whether it is in a slot a clinic reserved for drug services (as booked, or as last moved); null when not known. */
  @Column({ name: 'under_reservation', type: 'boolean', nullable: true })
  underReservation!: boolean | null;

  /** The in-reach session it is in, if any (null for other slots, and when not known). */
  @Column({ name: 'inreach_session_id', type: 'uuid', nullable: true })
  inreachSessionId!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
