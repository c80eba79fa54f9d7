import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';

export type DestinationKind = 'gp' | 'outpatient' | 'inreach' | 'other';
export type Urgency = 'routine' | 'soon' | 'urgent';

@Entity({ schema: REFERRALS_SCHEMA, name: 'referral' })
export class Referral {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'destination_kind', type: 'text' })
  destinationKind!: DestinationKind;

  @Column({ name: 'destination_name', type: 'text' })
  destinationName!: string;

  @Column({ type: 'text' })
  urgency!: Urgency;

  @Column({ type: 'text' })
  reason!: string;

  /** Walking skeleton: a referral is created already sent; the full lifecycle comes with the referrals work. */
  @Column({ type: 'text' })
  status!: 'sent';

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
