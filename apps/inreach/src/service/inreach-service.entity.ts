import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INREACH_SCHEMA } from '../inreach-schema';

/**
 * What a visiting organisation offers at a CDAS site, e.g. "Hepatitis C treatment" by the hospital's
 * hepatology team. The host is the CDAS (the caller's organisation); its sessions come from series.
 */
@Entity({ schema: INREACH_SCHEMA, name: 'inreach_service' })
export class InreachService {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'host_org_id', type: 'text' })
  hostOrgId!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The booking service type its slots carry, e.g. `hepatitis_c`. */
  @Column({ name: 'service_type', type: 'text' })
  serviceType!: string;

  /** The visiting organisation, as staff know it. */
  @Column({ name: 'provider_name', type: 'text' })
  providerName!: string;

  @Column({ name: 'provider_org_id', type: 'text', nullable: true })
  providerOrgId!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /**
   * When inreach.service-registered.v1 went out for it (so referrals may refer to it); null for a
   * service made before in-reach announced services, until in-reach next starts (AnnounceServices).
   */
  @Column({ name: 'announced_at', type: 'timestamptz', nullable: true })
  announcedAt!: Date | null;
}
