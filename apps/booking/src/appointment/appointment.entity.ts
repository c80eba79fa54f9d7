import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Accompaniment } from '@careloop/contracts';
import { BOOKING_SCHEMA } from '../booking-schema';

export type AppointmentStatus = 'booked' | 'cancelled';
export type CancelledBy = 'client' | 'provider' | 'cdas';

/** A client's seat in a slot, booked by CDAS staff on the client's behalf. */
@Entity({ schema: BOOKING_SCHEMA, name: 'appointment' })
export class Appointment {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The CDAS that booked it: the organisation whose client it is. */
  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'slot_id', type: 'uuid' })
  slotId!: string;

  /** 1..capacity; unique per slot among booked appointments (the database refuses a second). */
  @Column({ type: 'integer' })
  seat!: number;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ type: 'text' })
  status!: AppointmentStatus;

  @Column({ name: 'notes_for_clinic', type: 'text', nullable: true })
  notesForClinic!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  accompaniment!: Accompaniment | null;

  @Column({ name: 'booked_by', type: 'text' })
  bookedBy!: string;

  @Column({ name: 'booked_at', type: 'timestamptz' })
  bookedAt!: Date;

  @Column({ name: 'cancelled_by', type: 'text', nullable: true })
  cancelledBy!: CancelledBy | null;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason!: string | null;

  @Column({ name: 'cancelled_by_user', type: 'text', nullable: true })
  cancelledByUser!: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'integer' })
  version!: number;
}
