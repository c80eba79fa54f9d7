import type { EntityManager } from 'typeorm';
import { inreachServiceRegisteredV1, type Actor } from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import type { InreachService } from './inreach-service.entity';

/**
 * inreach.service-registered.v1 for the service, through the outbox in the caller's transaction (keyed
 * by the service), so referrals may refer clients to it. registeredAt is when it was made, whenever it
 * is announced; referrals keeps the first registration it hears of, so announcing twice is harmless.
 */
export async function announceService(
  manager: EntityManager,
  outbox: Outbox,
  service: Pick<
    InreachService,
    'id' | 'hostOrgId' | 'siteId' | 'name' | 'serviceType' | 'providerName' | 'createdAt'
  >,
  by: { actor: Actor; occurredAt: Date },
): Promise<void> {
  await outbox.add(manager, inreachServiceRegisteredV1, {
    subjectId: service.id,
    orgId: service.hostOrgId,
    actor: by.actor,
    occurredAt: by.occurredAt,
    data: {
      serviceId: service.id,
      hostOrgId: service.hostOrgId,
      siteId: service.siteId,
      name: service.name,
      serviceType: service.serviceType,
      providerName: service.providerName,
      registeredAt: service.createdAt.toISOString(),
    },
  });
}
