import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentPurpose } from '@careloop/contracts';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/** One consent decision (given or withdrawn). Append-only: the latest per purpose is the current state. */
@Entity({ schema: REFERRALS_SCHEMA, name: 'client_consent' })
export class ClientConsent {
  @PrimaryColumn('uuid')
  id!: string;

  /** Append order (database identity); decides "latest" when two records share a timestamp. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ type: 'text' })
  purpose!: ConsentPurpose;

  @Column({ type: 'boolean' })
  given!: boolean;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
