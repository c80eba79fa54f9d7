import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Organisation } from './organisation.entity';
import { OrganisationError } from './organisation.errors';

/** The caller's organisation as booking knows it; sites and schedules need it registered first. */
export async function registeredOrganisation(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId'>,
): Promise<Organisation> {
  const organisation = await manager.findOneBy(Organisation, { id: principal.orgId });
  if (!organisation) {
    throw new OrganisationError('ORGANISATION_NOT_REGISTERED', {
      detail: `Organisation ${principal.orgId} is not registered with booking yet: PUT /organisations/me first`,
    });
  }
  return organisation;
}
