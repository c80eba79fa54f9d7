import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BOOKING_SCHEMA } from '../booking-schema';

/** Time a provider offers for booking; `booked` counts the seats taken, never above `capacity`. */
@Entity({ schema: BOOKING_SCHEMA, name: 'slot' })
export class Slot {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The provider organisation that published it. */
  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

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

  @Column({ type: 'integer' })
  booked!: number;

  @Column({ name: 'published_by', type: 'text' })
  publishedBy!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}
