import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/** How an organisation wants a provider's location written in texts (plain, nothing sensitive). */
@Entity({ schema: REMINDERS_SCHEMA, name: 'provider_location' })
export class ProviderLocation {
  @PrimaryColumn({ name: 'org_id', type: 'text' })
  orgId!: string;

  @PrimaryColumn({ name: 'provider_name', type: 'text' })
  providerName!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
