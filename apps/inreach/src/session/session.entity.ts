import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INREACH_SCHEMA } from '../inreach-schema';

export const SESSION_STATUSES = ['planned', 'published', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * Why a session was cancelled: by staff, by an exception on its series' date, or replaced when its
 * series was edited. A date cancelled by staff or an exception gets no new session from the series.
 */
export const CANCELLATION_CAUSES = ['cancelled', 'exception', 'series_changed'] as const;
export type CancellationCause = (typeof CANCELLATION_CAUSES)[number];

/**
 * One in-reach session: a room at a CDAS site, for a time, cut into bookable slots plus walk-ins.
 * `planned` is in-reach's alone; `published` has been announced to booking, which made its slots.
 */
@Entity({ schema: INREACH_SCHEMA, name: 'session' })
export class Session {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Null for a one-off session outside any series. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId!: string | null;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  /** The London date it is held on. */
  @Column({ name: 'session_date', type: 'date' })
  sessionDate!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'slot_minutes', type: 'integer' })
  slotMinutes!: number;

  @Column({ name: 'seats_per_slot', type: 'integer' })
  seatsPerSlot!: number;

  @Column({ name: 'walk_in_allowance', type: 'integer' })
  walkInAllowance!: number;

  @Column({ type: 'text' })
  status!: SessionStatus;

  @Column({ name: 'cancelled_because', type: 'text', nullable: true })
  cancelledBecause!: CancellationCause | null;

  /** In staff's words ("specialist on leave"); null when not cancelled. */
  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancelled_by', type: 'text', nullable: true })
  cancelledBy!: string | null;

  /**
   * When booking refused an offer of it for want of a seat (one in-reach counted as free is not: booking
   * knows of exceptions in-reach does not see). The offer job passes it over until a seat of it frees.
   */
  @Column({ name: 'offers_blocked_at', type: 'timestamptz', nullable: true })
  offersBlockedAt!: Date | null;

  /** When booking last freed a seat of it (its event's time): a refusal older than that blocks nothing. */
  @Column({ name: 'last_seat_freed_at', type: 'timestamptz', nullable: true })
  lastSeatFreedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
