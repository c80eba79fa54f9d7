import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Accompaniment } from '@careloop/contracts';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { ReferralStatus } from './lifecycle/referral-status';

export type DestinationKind = 'gp' | 'outpatient' | 'inreach' | 'other';
export type Urgency = 'routine' | 'soon' | 'urgent';

/** A referral of a client, for one of their needs, followed to its outcome. `version` rises with every change. */
@Entity({ schema: REFERRALS_SCHEMA, name: 'referral' })
export class Referral {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'need_id', type: 'uuid' })
  needId!: string;

  @Column({ name: 'destination_kind', type: 'text' })
  destinationKind!: DestinationKind;

  @Column({ name: 'destination_name', type: 'text' })
  destinationName!: string;

  /** An in-reach referral's service (hosted by the referral's organisation); null otherwise. */
  @Column({ name: 'inreach_service_id', type: 'uuid', nullable: true })
  inreachServiceId!: string | null;

  @Column({ type: 'text' })
  urgency!: Urgency;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb' })
  accompaniment!: Accompaniment;

  @Column({ type: 'text' })
  status!: ReferralStatus;

  /** When the referral entered its current status: what "overdue" is measured from. */
  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
