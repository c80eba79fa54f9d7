import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { ContactMethod, ContactOutcome } from './task-values';

/** A try at reaching the client for a task. Append-only: the database refuses UPDATE and DELETE. */
@Entity({ schema: REFERRALS_SCHEMA, name: 'task_contact_attempt' })
export class TaskContactAttempt {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  method!: ContactMethod;

  @Column({ type: 'text' })
  outcome!: ContactOutcome;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'made_at', type: 'timestamptz' })
  madeAt!: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
