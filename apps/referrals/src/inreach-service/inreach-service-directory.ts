import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InreachService } from './inreach-service.entity';

/** What referrals ask about in-reach services: only the caller's organisation's count. */
@Injectable()
export class InreachServiceDirectory {
  /** The service when the organisation hosts it; null when unknown or another organisation's. */
  async hostedBy(manager: EntityManager, orgId: string, serviceId: string): Promise<InreachService | null> {
    return manager.findOneBy(InreachService, { serviceId, hostOrgId: orgId });
  }
}
