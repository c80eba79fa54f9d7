import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContactPurpose } from '@careloop/contracts';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/** A phone number through which a client can be reached; erased (hard-deleted) on request. */
@Entity({ schema: REFERRALS_SCHEMA, name: 'client_contact' })
export class ClientContact {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ type: 'text' })
  purpose!: ContactPurpose;

  /** E.164, +44... */
  @Column({ type: 'text' })
  phone!: string;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @Column({ name: 'safe_to_text', type: 'boolean' })
  safeToText!: boolean;

  @Column({ name: 'verified_by', type: 'text', nullable: true })
  verifiedBy!: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Bumped by every change; a replacement must name the version it read. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
