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

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
