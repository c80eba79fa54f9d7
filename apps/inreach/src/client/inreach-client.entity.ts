import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INREACH_SCHEMA } from '../inreach-schema';

/**
 * A CDAS client as the day sheet shows them (from client.registered/updated v1, the highest version
 * kept): who they are and who their keyworker is. No contacts, flags or attendance pattern: the
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

  /** When the kept version was announced (its event's occurredAt). */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
