import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BOOKING_SCHEMA } from '../booking-schema';

export const PROVIDER_KINDS = ['cdas', 'gp_practice', 'hospital', 'specialist_service'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** An organisation that offers or books slots; its id is the organisation id in staff tokens. */
@Entity({ schema: BOOKING_SCHEMA, name: 'organisation' })
export class Organisation {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: ProviderKind;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
