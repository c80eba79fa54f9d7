import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/**
 * A drug service's (CDAS's) referrals report shared with a commissioning organisation: while it is
 * live (not revoked) the commissioner's managers may export the service's figures, disclosure
 * controlled. Revoking keeps the row, so the service sees who shared, with whom and until when; the
 * database keeps one live share per pair.
 */
@Entity({ schema: REFERRALS_SCHEMA, name: 'report_share' })
export class ReportShare {
  @PrimaryColumn('uuid')
  id!: string;

  /** The CDAS whose figures are shared. */
  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  /** The commissioning organisation, as its staff's tokens name it (`org_id`). */
  @Column({ name: 'commissioner_org_id', type: 'text' })
  commissionerOrgId!: string;

  @Column({ name: 'shared_by', type: 'text' })
  sharedBy!: string;

  @Column({ name: 'shared_at', type: 'timestamptz' })
  sharedAt!: Date;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
