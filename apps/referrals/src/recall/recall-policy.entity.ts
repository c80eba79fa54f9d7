import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { CheckType } from './check-type';

/** An organisation's own setting for one check; absent rows fall back to DEFAULT_POLICY. */
@Entity({ schema: REFERRALS_SCHEMA, name: 'recall_policy' })
export class RecallPolicy {
  @PrimaryColumn({ name: 'org_id', type: 'text' })
  orgId!: string;

  @PrimaryColumn({ name: 'check_type', type: 'text' })
  checkType!: CheckType;

  @Column({ type: 'boolean' })
  applies!: boolean;

  @Column({ name: 'interval_months', type: 'integer' })
  intervalMonths!: number;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
