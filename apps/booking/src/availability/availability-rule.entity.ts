import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReservedFor } from '@careloop/contracts';
import { BOOKING_SCHEMA } from '../booking-schema';

/**
 * Recurring availability on a schedule, e.g. every Tuesday 09:00-12:00 in 20-minute slots, in
 * Europe/London wall-clock time. Slots are made from it up to a rolling horizon (`materialised_until`).
 */
@Entity({ schema: BOOKING_SCHEMA, name: 'availability_rule' })
export class AvailabilityRule {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'schedule_id', type: 'uuid' })
  scheduleId!: string;

  /** RFC 5545 recurrence (the subset we accept), e.g. `FREQ=WEEKLY;BYDAY=TU`. */
  @Column({ type: 'text' })
  rrule!: string;

  /** HH:mm, Europe/London. */
  @Column({ name: 'start_time', type: 'text' })
  startTime!: string;

  @Column({ name: 'end_time', type: 'text' })
  endTime!: string;

  @Column({ name: 'slot_minutes', type: 'integer' })
  slotMinutes!: number;

  @Column({ type: 'integer' })
  capacity!: number;

  /** First and last London dates it applies to (yyyy-mm-dd). */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  /** Reservation every slot it makes carries, if any. */
  @Column({ name: 'reserved_for', type: 'jsonb', nullable: true })
  reservedFor!: ReservedFor | null;

  @Column({ name: 'release_before_minutes', type: 'integer', nullable: true })
  releaseBeforeMinutes!: number | null;

  /** Last London date whose slots have been made. */
  @Column({ name: 'materialised_until', type: 'date', nullable: true })
  materialisedUntil!: string | null;

  /** Set when the provider ended the rule: no more slots are made from it. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
