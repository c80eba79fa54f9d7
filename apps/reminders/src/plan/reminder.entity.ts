import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReminderStep } from '@careloop/contracts';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/**
 * scheduled: waiting for its time; sent: its SMS was handed to the gateway; skipped: not sent, and
 * why (no consent, no safe number, opted out, past); cancelled: the appointment was cancelled;
 * superseded: the appointment changed and a new plan replaced it; unknown: a send whose fate is unknown
 * after a crash, for a person to check (never resent automatically).
 */
export type ReminderStatus = 'scheduled' | 'sent' | 'skipped' | 'cancelled' | 'superseded' | 'unknown';

/** One step of one appointment version's plan. The job that sends it carries only this id. */
@Entity({ schema: REMINDERS_SCHEMA, name: 'reminder' })
export class Reminder {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'appointment_id', type: 'uuid' })
  appointmentId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ type: 'text' })
  step!: ReminderStep;

  @Column({ name: 'appointment_version', type: 'integer' })
  appointmentVersion!: number;

  /** When to send (already moved out of quiet hours). */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text' })
  status!: ReminderStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
