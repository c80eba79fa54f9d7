import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RegisteredOrganisationKind } from '@careloop/contracts';
import { INREACH_SCHEMA } from '../inreach-schema';

/** A site as booking announced it (site.registered.v1): in-reach's copy, with its organisation. */
@Entity({ schema: INREACH_SCHEMA, name: 'site' })
export class Site {
  @PrimaryColumn({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'org_name', type: 'text' })
  orgName!: string;

  /** Only sites of a `cdas` organisation host in-reach; the others are kept but refused as hosts. */
  @Column({ name: 'org_kind', type: 'text' })
  orgKind!: RegisteredOrganisationKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  address!: string;

  /** When booking registered it (the event's occurredAt). */
  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}
