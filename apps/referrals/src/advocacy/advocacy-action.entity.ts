import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { AccompaniedBy, AdvocacyActionType } from './advocacy-action-type';

/**
 * Something CDAS staff did for a client (rang the surgery, read a letter, went with them). Append-only:
 * the database refuses UPDATE and DELETE; a mistake is corrected by recording a new action.
 */
@Entity({ schema: REFERRALS_SCHEMA, name: 'advocacy_action' })
export class AdvocacyAction {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  /** The same client's referral in the same organisation, when the action was for one. */
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ name: 'action_type', type: 'text' })
  actionType!: AdvocacyActionType;

  /** Who went with the client; set only when `actionType` is `accompanied`. */
  @Column({ name: 'accompanied_by', type: 'text', nullable: true })
  accompaniedBy!: AccompaniedBy | null;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
