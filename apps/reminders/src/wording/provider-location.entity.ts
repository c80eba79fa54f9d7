import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/**
 * How an organisation wants a provider's location written in texts (plain, nothing sensitive). Keyed
 * by the provider's organisation and name together; by name alone (no organisation) for appointments
 * from events that carry none (see ProviderKey).
 */
@Entity({ schema: REMINDERS_SCHEMA, name: 'provider_location' })
export class ProviderLocation {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The CDAS whose texts it words. */
  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  /** The provider's organisation (a trust, a drug service); null for a text kept by name alone. */
  @Column({ name: 'provider_org_id', type: 'text', nullable: true })
  providerOrgId!: string | null;

  /** As appointments name the provider: the clinic or service ("Fracture clinic"). */
  @Column({ name: 'provider_name', type: 'text' })
  providerName!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
