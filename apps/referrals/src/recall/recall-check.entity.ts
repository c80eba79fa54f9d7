import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { CheckType } from './check-type';

/** A recalled check done for a client: which, on what London date, by whom. No clinical detail. */
@Entity({ schema: REFERRALS_SCHEMA, name: 'recall_check' })
export class RecallCheck {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  /** No foreign key yet: the client table lands separately (see ClientDirectory). */
  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'check_type', type: 'text' })
  checkType!: CheckType;

  /** `YYYY-MM-DD`, a London calendar date. */
  @Column({ name: 'done_on', type: 'date' })
  doneOn!: string;

  @Column({ name: 'done_by', type: 'text' })
  doneBy!: string;

  @Column({ name: 'result_summary', type: 'text', nullable: true })
  resultSummary!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
