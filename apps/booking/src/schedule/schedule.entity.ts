import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BOOKING_SCHEMA } from '../booking-schema';

export const SCHEDULE_KINDS = ['clinic', 'practitioner', 'service'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** The diary of a clinic, a practitioner or a service type at one site; slots belong to one. */
@Entity({ schema: BOOKING_SCHEMA, name: 'schedule' })
export class Schedule {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @Column({ type: 'text' })
  kind!: ScheduleKind;

  /** Shown as the provider: "Respiratory clinic", "Dr Sam Patel". */
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'service_type', type: 'text' })
  serviceType!: string;

  /** The in-reach service whose sessions it holds, at its host CDAS's site (one schedule per service). */
  @Column({ name: 'inreach_service_id', type: 'uuid', nullable: true })
  inreachServiceId!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
