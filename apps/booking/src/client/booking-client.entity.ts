import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttendanceWindow, ClientFlags } from '@careloop/contracts';
import { BOOKING_SCHEMA } from '../booking-schema';

/**
 * What booking keeps of a client from the referrals service's client events (latest version wins):
 * enough to check a booking, rank slots and show a clinic the minimum. Never contacts or consent.
 */
@Entity({ schema: BOOKING_SCHEMA, name: 'client' })
export class BookingClient {
  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  /** The CDAS whose client it is. */
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

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Column({ name: 'nhs_number', type: 'text', nullable: true })
  nhsNumber!: string | null;

  @Column({ name: 'keyworker_id', type: 'text' })
  keyworkerId!: string;

  @Column({ name: 'attendance_pattern', type: 'jsonb' })
  attendancePattern!: AttendanceWindow[];

  @Column({ type: 'jsonb' })
  flags!: ClientFlags;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
