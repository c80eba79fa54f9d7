import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INREACH_SCHEMA } from '../inreach-schema';

/** A room at a CDAS site where visiting clinics are held; it holds one session at a time. */
@Entity({ schema: INREACH_SCHEMA, name: 'room' })
export class Room {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  /** Unique at its site: "Clinic room 2". */
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
