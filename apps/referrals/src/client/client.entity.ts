import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Weekday } from '@careloop/contracts';
import { REFERRALS_SCHEMA } from '../referrals-schema';

export interface AttendanceWindow {
  day: Weekday;
  /** HH:mm, Europe/London wall-clock time. */
  from: string;
  to: string;
}

/** A client of a CDAS. `version` goes up by one with every change to the record (optimistic locking). */
@Entity({ schema: REFERRALS_SCHEMA, name: 'client' })
export class Client {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'given_name', type: 'text' })
  givenName!: string;

  @Column({ name: 'family_name', type: 'text' })
  familyName!: string;

  @Column({ name: 'preferred_name', type: 'text', nullable: true })
  preferredName!: string | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Column({ name: 'nhs_number', type: 'text', nullable: true })
  nhsNumber!: string | null;

  @Column({ name: 'keyworker_id', type: 'text' })
  keyworkerId!: string;

  @Column({ name: 'site_id', type: 'text' })
  siteId!: string;

  @Column({ name: 'gp_practice_ods', type: 'text', nullable: true })
  gpPracticeOds!: string | null;

  @Column({ name: 'no_fixed_abode', type: 'boolean' })
  noFixedAbode!: boolean;

  @Column({ name: 'recently_released_from_prison', type: 'boolean' })
  recentlyReleasedFromPrison!: boolean;

  @Column({ name: 'interpreter_needed', type: 'boolean' })
  interpreterNeeded!: boolean;

  @Column({ name: 'interpreter_language', type: 'text', nullable: true })
  interpreterLanguage!: string | null;

  @Column({ name: 'attendance_pattern', type: 'jsonb' })
  attendancePattern!: AttendanceWindow[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
