import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { announceService } from './announce-service';

export const ANNOUNCE_ACTOR: Actor = { kind: 'system', id: 'system:inreach-services' };

interface UnannouncedRow {
  id: string;
  host_org_id: string;
  site_id: string;
  name: string;
  service_type: string;
  provider_name: string;
  created_at: Date;
}

/**
 * At boot, announces (inreach.service-registered.v1) every service never announced: those made before
 * in-reach announced services, which referrals would otherwise refuse to refer to. One transaction
 * marks them announced and adds their events to the outbox; the UPDATE's row locks make two processes
 * starting together announce each service once (the second finds it announced), and a restart
 * announces nothing again.
 */
@Injectable()
export class AnnounceServicesAtBoot implements OnApplicationBootstrap {
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: AnnounceServicesAtBoot.name });
  }

  async onApplicationBootstrap(): Promise<void> {
    const announced = await this.announceUnannounced();
    if (announced > 0) this.logger.info({ announced }, 'in-reach services made earlier announced');
  }

  /** Announces the services never announced; returns how many. */
  announceUnannounced(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const services = (await manager.query(
        `WITH announced AS (
           UPDATE "inreach"."inreach_service" SET "announced_at" = $1 WHERE "announced_at" IS NULL
           RETURNING "id", "host_org_id", "site_id", "name", "service_type", "provider_name", "created_at")
         SELECT * FROM announced ORDER BY "created_at", "id"`,
        [now],
      )) as UnannouncedRow[];
      for (const s of services) {
        await announceService(
          manager,
          this.outbox,
          {
            id: s.id,
            hostOrgId: s.host_org_id,
            siteId: s.site_id,
            name: s.name,
            serviceType: s.service_type,
            providerName: s.provider_name,
            createdAt: s.created_at,
          },
          { actor: ANNOUNCE_ACTOR, occurredAt: now },
        );
      }
      return services.length;
    });
  }
}
