import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NeedStatus } from '@careloop/contracts';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/** One step in a need's history; the first has no `fromStatus` (the need was recorded). */
@Entity({ schema: REFERRALS_SCHEMA, name: 'need_status_change' })
export class NeedStatusChange {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'need_id', type: 'uuid' })
  needId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: NeedStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: NeedStatus;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  /** Insertion order, so two changes in the same millisecond still read back in order. */
  @Column({ type: 'bigint', insert: false, update: false, select: false })
  seq!: string;
}
