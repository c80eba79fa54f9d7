import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReminderStep } from '@careloop/contracts';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/** An organisation's wording for one step; without one the safe default is used. */
@Entity({ schema: REMINDERS_SCHEMA, name: 'template' })
export class Template {
  @PrimaryColumn({ name: 'org_id', type: 'text' })
  orgId!: string;

  @PrimaryColumn({ type: 'text' })
  step!: ReminderStep;

  @Column({ type: 'text' })
  body!: string;

  /** Saved with words that name the service: used only for clients who agreed to that. */
  @Column({ name: 'names_service', type: 'boolean' })
  namesService!: boolean;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
