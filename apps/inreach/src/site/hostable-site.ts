import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Site } from './site.entity';
import { SiteError } from './site.errors';

/**
 * The site, when it is one of the caller's own CDAS sites as booking announced them. A site in-reach
 * has not heard of, another organisation's and a non-CDAS site are refused alike, naming the field, so
 * the answer says nothing about other organisations' sites.
 */
export async function hostableSite(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId'>,
  siteId: string,
  field = 'siteId',
): Promise<Site> {
  const site = await manager.findOneBy(Site, { siteId });
  if (!site || site.orgId !== principal.orgId || site.orgKind !== 'cdas') {
    throw new SiteError('SITE_NOT_HOSTABLE', {
      detail: `Site ${siteId} is not one of your drug and alcohol service's sites known to in-reach`,
      extensions: { errors: [{ path: field, message: 'must be one of your own CDAS sites', in: 'body' }] },
    });
  }
  return site;
}
