import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Accompaniment, AttendanceOutcome } from '@careloop/contracts';
import { BOOKING_SCHEMA } from '../booking-schema';

/**
 * held: a seat kept for a few minutes (or for an in-reach offer, until it expires); hold_ended: the
 * hold was released, expired or declined, nothing booked.
 */
export type AppointmentStatus = 'held' | 'booked' | 'cancelled' | 'hold_ended';
export type CancelledBy = 'client' | 'provider' | 'cdas';
/**
 * Why a hold ended: it lapsed unconfirmed, staff gave the seat back, or the client said no to the
 * in-reach offer it was held for (by SMS).
 */
export type HoldEndedReason = 'expired' | 'released' | 'declined';

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

  /** 1..capacity; unique per slot among live appointments (the database refuses a second). */
  @Column({ type: 'integer' })
  seat!: number;

  /**
   * The slot's capacity, kept equal to it by a foreign key onto slot (id, capacity), so the database
   * can check a live seat against it. Set with `slotId` whenever the appointment enters a slot.
   */
  @Column({ name: 'slot_capacity', type: 'integer' })
  slotCapacity!: number;

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

  /** While held: when the seat goes back if the booking is not confirmed. */
  @Column({ name: 'hold_expires_at', type: 'timestamptz', nullable: true })
  holdExpiresAt!: Date | null;

  /** Set when a hold ends: a lapsed hold is answered HOLD_EXPIRED when someone tries to confirm it. */
  @Column({ name: 'hold_ended_reason', type: 'text', nullable: true })
  holdEndedReason!: HoldEndedReason | null;

  /**
   * The in-reach offer (inreach.offer-made.v1) this seat was held for, kept once booked; unique, so a
   * redelivered offer never holds a second seat.
   */
  @Column({ name: 'offer_id', type: 'uuid', nullable: true })
  offerId!: string | null;

  /** Shown to the provider: do not discharge on non-attendance without contacting the keyworker. */
  @Column({ name: 'do_not_discharge', type: 'boolean' })
  doNotDischarge!: boolean;

  /** Booked into a seat that was reserved at the time (the clinic's reservation usage). */
  @Column({ name: 'under_reservation', type: 'boolean' })
  underReservation!: boolean;

  @Column({ name: 'rescheduled_count', type: 'integer' })
  rescheduledCount!: number;

  @Column({ type: 'text', nullable: true })
  attendance!: AttendanceOutcome | null;

  @Column({ name: 'attendance_recorded_by', type: 'text', nullable: true })
  attendanceRecordedBy!: string | null;

  /** The organisation that recorded it: the clinic or the CDAS. */
  @Column({ name: 'attendance_recorded_by_org', type: 'text', nullable: true })
  attendanceRecordedByOrg!: string | null;

  @Column({ name: 'attendance_recorded_at', type: 'timestamptz', nullable: true })
  attendanceRecordedAt!: Date | null;

  @Column({ name: 'attendance_note', type: 'text', nullable: true })
  attendanceNote!: string | null;

  /** Set by the timer job when the grace period after the end passed with no attendance recorded. */
  @Column({ name: 'outcome_overdue_at', type: 'timestamptz', nullable: true })
  outcomeOverdueAt!: Date | null;

  @Column({ type: 'integer' })
  version!: number;
}
