import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { siteRegisteredV1 } from '@careloop/contracts';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toSiteView, type CreateSiteBody, type SiteView } from './organisation.dto';
import { OrganisationError } from './organisation.errors';
import { registeredOrganisation } from './registered-organisation';
import { Site } from './site.entity';

/**
 * Adds a site to the caller's registered organisation. Site names are unique per organisation (a
 * database constraint), so two concurrent requests for one name make one site and one clear 409.
 * The site and site.registered.v1 commit together (in-reach learns a CDAS's sites from it); a 409 or
 * a replayed Idempotency-Key announces nothing, as nothing was made.
 */
@Injectable()
export class CreateSite {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    principal: Principal,
    body: CreateSiteBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<SiteView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        BOOKING_SCHEMA,
        { caller: principal, operation: 'create-site', key: idempotencyKey, body },
        () => this.create(manager, principal, body),
      ),
    );
  }

  private async create(
    manager: EntityManager,
    principal: Principal,
    body: CreateSiteBody,
  ): Promise<SiteView> {
    const organisation = await registeredOrganisation(manager, principal);
    const site = manager.create(Site, {
      id: randomUUID(),
      orgId: principal.orgId,
      name: body.name,
      address: body.address,
      createdBy: principal.userId,
      createdAt: this.clock.now(),
    });
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "booking"."site" ("id", "org_id", "name", "address", "created_by", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT "site_name_per_org" DO NOTHING RETURNING "id"`,
      [site.id, site.orgId, site.name, site.address, site.createdBy, site.createdAt],
    );
    if (inserted.length === 0) {
      throw new OrganisationError('SITE_NAME_TAKEN', {
        detail: `There is already a site called "${body.name}"`,
      });
    }
    await this.outbox.add(manager, siteRegisteredV1, {
      subjectId: site.id,
      orgId: organisation.id,
      actor: { kind: 'user', id: principal.userId },
      occurredAt: site.createdAt,
      data: {
        siteId: site.id,
        orgId: organisation.id,
        orgName: organisation.name,
        orgKind: organisation.kind,
        name: site.name,
        address: site.address,
      },
    });
    return toSiteView(site);
  }
}
