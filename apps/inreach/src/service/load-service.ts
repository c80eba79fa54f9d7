import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { InreachService } from './inreach-service.entity';
import { ServiceError } from './service.errors';

/** One of the caller's organisation's in-reach services; another organisation's is answered as missing. */
export async function loadOwnService(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId'>,
  id: string,
): Promise<InreachService> {
  const service = await manager.findOneBy(InreachService, { id, hostOrgId: principal.orgId });
  if (!service) throw new ServiceError('SERVICE_NOT_FOUND', { detail: `No in-reach service ${id}` });
  return service;
}
