import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INREACH_SCHEMA } from '../inreach-schema';

/**
 * A service's recurring session in one room, e.g. every other Wednesday 10:00-13:00 (Europe/London)
 * in 20-minute slots of one seat, with two walk-ins. Sessions are made from it up to the horizon
 * (`materialised_until`); `published` means they are published to booking as they are made.
 */
@Entity({ schema: INREACH_SCHEMA, name: 'session_series' })
export class SessionSeries {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  /** RFC 5545 recurrence, the subset booking accepts, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=WE`. */
  @Column({ type: 'text' })
  rrule!: string;

  /** HH:mm, Europe/London. */
  @Column({ name: 'start_time', type: 'text' })
  startTime!: string;

  @Column({ name: 'end_time', type: 'text' })
  endTime!: string;

  /** First and last London dates it applies to (yyyy-mm-dd). */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ name: 'slot_minutes', type: 'integer' })
  slotMinutes!: number;

  @Column({ name: 'seats_per_slot', type: 'integer' })
  seatsPerSlot!: number;

  /** Clients who may be seen without a booking; not bookable. */
  @Column({ name: 'walk_in_allowance', type: 'integer' })
  walkInAllowance!: number;

  @Column({ type: 'boolean' })
  published!: boolean;

  /** Last London date whose sessions have been made; null before the first. */
  @Column({ name: 'materialised_until', type: 'date', nullable: true })
  materialisedUntil!: string | null;

  /** Goes up with every change, so an edit can say which version it was made against. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
