import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/**
 * This service's projection of in-reach's services (inreach.service-registered.v1): what a worker may
 * name as an in-reach referral's destination. The first registration of a service is kept.
 */
@Entity({ schema: REFERRALS_SCHEMA, name: 'inreach_service' })
export class InreachService {
  @PrimaryColumn({ name: 'service_id', type: 'uuid' })
  serviceId!: string;

  /** The drug and alcohol service hosting it: only its workers refer to it. */
  @Column({ name: 'host_org_id', type: 'text' })
  hostOrgId!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  /** What staff call the clinic, e.g. "Hepatitis C treatment". */
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'service_type', type: 'text' })
  serviceType!: string;

  @Column({ name: 'provider_name', type: 'text' })
  providerName!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}
