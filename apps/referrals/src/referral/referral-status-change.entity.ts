import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { ActionSource, ReferralActionType } from './lifecycle/referral-action';
import type { ReferralStatus } from './lifecycle/referral-status';

/** One step in a referral's history; the first has no `fromStatus` (the referral was created). */
@Entity({ schema: REFERRALS_SCHEMA, name: 'referral_status_change' })
export class ReferralStatusChange {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: ReferralStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: ReferralStatus;

  /** A lifecycle action, or `create` for the first line. */
  @Column({ type: 'text' })
  action!: ReferralActionType | 'create';

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'appointment_id', type: 'uuid', nullable: true })
  appointmentId!: string | null;

  /** A user id, or `system:booking` for a change that followed booking's event. */
  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @Column({ type: 'text' })
  source!: ActionSource;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  /** Insertion order, so two changes in the same millisecond still read back in order. */
  @Column({ type: 'bigint', insert: false, update: false, select: false })
  seq!: string;
}
