import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NeedCategory, NeedStatus } from '@careloop/contracts';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/** A physical-health need a CDAS worker identified for a client. */
@Entity({ schema: REFERRALS_SCHEMA, name: 'need' })
export class Need {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  /** No foreign key yet: the client table lands separately (see ClientDirectory). */
  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  category!: NeedCategory;

  @Column({ name: 'snomed_code', type: 'text', nullable: true })
  snomedCode!: string | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ type: 'text' })
  status!: NeedStatus;

  @Column({ name: 'identified_at', type: 'timestamptz' })
  identifiedAt!: Date;

  @Column({ name: 'identified_by', type: 'text' })
  identifiedBy!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
