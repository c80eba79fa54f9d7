import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BOOKING_SCHEMA } from '../booking-schema';

/** Time a schedule is not available (bank holiday, leave, training): no free slot may fall in it. */
@Entity({ schema: BOOKING_SCHEMA, name: 'availability_exception' })
export class AvailabilityException {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'schedule_id', type: 'uuid' })
  scheduleId!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
