import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferralStatusValue } from '@careloop/contracts';
import { INREACH_SCHEMA } from '../inreach-schema';
import type { EntryStatus } from './entry-status';

export type Urgency = 'routine' | 'soon' | 'urgent';

/**
 * A client on an in-reach service's waiting list: one per referral to the service (referral.created.v1
 * with inreachServiceId), following the referral's status (entryStatusOf). A copy of referrals' facts,
 * so no foreign keys: its events arrive in any order relative to in-reach's own rows.
 */
@Entity({ schema: INREACH_SCHEMA, name: 'waiting_list_entry' })
export class WaitingListEntry {
  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  /** The referring CDAS: the service's host. */
  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  urgency!: Urgency;

  @Column({ name: 'referral_status', type: 'text' })
  referralStatus!: ReferralStatusValue;

  @Column({ type: 'text' })
  status!: EntryStatus;

  /** When the referral was made (its created event's occurredAt). */
  @Column({ name: 'referred_at', type: 'timestamptz' })
  referredAt!: Date;

  /**
   * When the client first started waiting (the referral sent); kept when they wait again after a
   * cancelled appointment, so they do not go to the back of the list. Null while a draft.
   */
  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true })
  joinedAt!: Date | null;

  /** When the referral's last applied status was set: an older change arriving late changes nothing. */
  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
