import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BOOKING_SCHEMA } from '../booking-schema';

/** A place where an organisation sees people: a surgery, a hospital's outpatients, a CDAS building. */
@Entity({ schema: BOOKING_SCHEMA, name: 'site' })
export class Site {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** As the client will read it in a reminder. */
  @Column({ type: 'text' })
  address!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
