import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, inreachServiceRegisteredV1 } from '@careloop/contracts';
import { InreachService } from './inreach-service.entity';
import { InreachServiceError } from './inreach-service.errors';

type ServiceRegisteredEvent = EventEnvelope<EventData<typeof inreachServiceRegisteredV1>>;

/**
 * Keeps an in-reach service this organisation's workers may refer to, in the consumer's transaction.
 * The first registration stays: the same service registered again (a republished event) changes
 * nothing, so a referral never finds its service renamed or moved to another host under it.
 */
@Injectable()
export class RecordInreachService {
  async execute(manager: EntityManager, event: ServiceRegisteredEvent): Promise<void> {
    const { orgId, data } = event;
    // The host publishes its own services: one published for anyone else is not trusted.
    if (data.hostOrgId !== orgId) {
      throw new InreachServiceError('ORGANISATION_MISMATCH', {
        detail: `Service ${data.serviceId} of host ${data.hostOrgId} published for ${orgId}`,
      });
    }
    await manager
      .createQueryBuilder()
      .insert()
      .into(InreachService)
      .values({
        serviceId: data.serviceId,
        hostOrgId: data.hostOrgId,
        siteId: data.siteId,
        name: data.name,
        serviceType: data.serviceType,
        providerName: data.providerName,
        registeredAt: new Date(data.registeredAt),
      })
      .orIgnore()
      .execute();
  }
}
