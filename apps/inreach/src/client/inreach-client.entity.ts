import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Weekday } from '@careloop/contracts';
import { INREACH_SCHEMA } from '../inreach-schema';

/**
 * A CDAS client as the day sheet shows them (from client.registered/updated v1, the highest version
 * kept): who they are and who their keyworker is, and the weekdays they usually attend the CDAS (a
 * session on one of them is offered to them first). No contacts, flags or attendance times: the
 * visiting clinician needs to know who is coming, nothing more.
 */
@Entity({ schema: INREACH_SCHEMA, name: 'client' })
export class InreachClient {
  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  /** The CDAS that registered the client. */
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

  /** London weekdays (`mon`...`sun`) of the client's usual attendance pattern, each once. */
  @Column({ name: 'attendance_days', type: 'text', array: true })
  attendanceDays!: Weekday[];

  /** When the kept version was announced (its event's occurredAt). */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
