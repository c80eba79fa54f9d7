import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { TaskOutcome, TaskPriority, TaskStatus, TaskType } from './task-values';

/**
 * A piece of follow-up work for a client, opened by an event (one per `cause`) and worked by CDAS
 * staff: assigned to a person or to the team (the client's site), snoozed, completed with an outcome.
 * `version` goes up by one with every change; changes lock the row.
 */
@Entity({ schema: REFERRALS_SCHEMA, name: 'task' })
export class Task {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ name: 'appointment_id', type: 'uuid', nullable: true })
  appointmentId!: string | null;

  @Column({ type: 'text' })
  type!: TaskType;

  /** What opened it, e.g. `dna:<appointmentId>`: unique, so a redelivered event opens nothing more. */
  @Column({ type: 'text' })
  cause!: string;

  @Column({ type: 'text' })
  summary!: string;

  /** What the opener added for the worker (a rebook search, the reply's text). */
  @Column({ type: 'jsonb' })
  detail!: Record<string, unknown>;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text' })
  priority!: TaskPriority;

  /** The client's CDAS site when the task was opened: the team that owns it. */
  @Column({ name: 'team_site_id', type: 'text' })
  teamSiteId!: string;

  /** A member of staff, or null when the task is the team's. */
  @Column({ name: 'assignee_user_id', type: 'text', nullable: true })
  assigneeUserId!: string | null;

  @Column({ type: 'text' })
  status!: TaskStatus;

  @Column({ name: 'snoozed_until', type: 'timestamptz', nullable: true })
  snoozedUntil!: Date | null;

  @Column({ name: 'snooze_reason', type: 'text', nullable: true })
  snoozeReason!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: TaskOutcome | null;

  @Column({ name: 'outcome_note', type: 'text', nullable: true })
  outcomeNote!: string | null;

  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** The id of the event that opened the task. */
  @Column({ name: 'caused_by', type: 'text' })
  causedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
