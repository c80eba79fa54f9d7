import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_SCHEMA } from '../inreach-schema';
import { hostableSite } from '../site/hostable-site';
import { announceService } from './announce-service';
import { InreachService } from './inreach-service.entity';
import { toServiceView, type CreateServiceBody, type ServiceView } from './service.dto';
import { ServiceError } from './service.errors';

/**
 * Sets up an in-reach service at one of the caller's CDAS sites: the caller's organisation hosts it.
 * Names are unique per site (a database constraint), so a repeated create is one service and a 409.
 * inreach.service-registered.v1 goes through the outbox in the same transaction (keyed by the service),
 * so referrals can refer clients to it; a 409 or an Idempotency-Key replay announces nothing.
 */
@Injectable()
export class CreateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    principal: Principal,
    body: CreateServiceBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<ServiceView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        INREACH_SCHEMA,
        { caller: principal, operation: 'create-inreach-service', key: idempotencyKey, body },
        () => this.create(manager, principal, body),
      ),
    );
  }

  private async create(
    manager: EntityManager,
    principal: Principal,
    body: CreateServiceBody,
  ): Promise<ServiceView> {
    const site = await hostableSite(manager, principal, body.siteId);
    const service = manager.create(InreachService, {
      id: randomUUID(),
      hostOrgId: principal.orgId,
      siteId: site.siteId,
      name: body.name,
      serviceType: body.serviceType,
      providerName: body.providerName,
      providerOrgId: body.providerOrgId ?? null,
      createdBy: principal.userId,
      createdAt: this.clock.now(),
    });
    service.announcedAt = service.createdAt;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "inreach"."inreach_service" ("id", "host_org_id", "site_id", "name", "service_type",
         "provider_name", "provider_org_id", "created_by", "created_at", "announced_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT ON CONSTRAINT "inreach_service_name_per_site" DO NOTHING RETURNING "id"`,
      [
        service.id,
        service.hostOrgId,
        service.siteId,
        service.name,
        service.serviceType,
        service.providerName,
        service.providerOrgId,
        service.createdBy,
        service.createdAt,
      ],
    );
    if (inserted.length === 0) {
      throw new ServiceError('SERVICE_NAME_TAKEN', {
        detail: `${site.name} already hosts an in-reach service called "${body.name}"`,
      });
    }
    await announceService(manager, this.outbox, service, {
      actor: { kind: 'user', id: principal.userId },
      occurredAt: service.createdAt,
    });
    return toServiceView(service, site);
  }
}
