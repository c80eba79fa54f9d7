import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReservedFor } from '@careloop/contracts';
import { BOOKING_SCHEMA } from '../booking-schema';

export const SLOT_STATUSES = ['open', 'withdrawn'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

/**
 * Time a provider offers on one of its schedules; `taken` counts held and booked seats, never above
 * `capacity`. Provider name, service type and location are copied from the schedule and site when the
 * slot is published, so a slot reads the same later whatever is renamed.
 */
@Entity({ schema: BOOKING_SCHEMA, name: 'slot' })
export class Slot {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The provider organisation that published it. */
  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'schedule_id', type: 'uuid' })
  scheduleId!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  /** The recurring availability rule that made it, if any (one slot per rule and start). */
  @Column({ name: 'rule_id', type: 'uuid', nullable: true })
  ruleId!: string | null;

  @Column({ name: 'service_type', type: 'text' })
  serviceType!: string;

  @Column({ name: 'provider_name', type: 'text' })
  providerName!: string;

  /** Plain location text, as shown to the client. */
  @Column({ type: 'text' })
  location!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'integer' })
  capacity!: number;

  /** Seats held or booked. */
  @Column({ type: 'integer' })
  taken!: number;

  @Column({ type: 'text' })
  status!: SlotStatus;

  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true })
  withdrawnReason!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  /** Who may book it while reserved; null when it was never reserved. */
  @Column({ name: 'reserved_for', type: 'jsonb', nullable: true })
  reservedFor!: ReservedFor | null;

  /** When an unused reservation goes back to general booking (by the timer job), if ever. */
  @Column({ name: 'release_at', type: 'timestamptz', nullable: true })
  releaseAt!: Date | null;

  /** Set when the reservation ended: the slot is open to everyone from then on. */
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  /**
   * The in-reach session it was cut from (one slot per session and start), if any. Such a slot is
   * reserved for the host CDAS for good: that reservation is who the session is for, not a clinic's
   * reserved capacity, so it is never released, re-reserved or counted in reservation usage.
   */
  @Column({ name: 'inreach_session_id', type: 'uuid', nullable: true })
  inreachSessionId!: string | null;

  @Column({ name: 'published_by', type: 'text' })
  publishedBy!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}
