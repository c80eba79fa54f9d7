import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConsentPurpose } from '@careloop/contracts';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { currentConsents, type CurrentConsents } from './client-consent.dto';
import { ClientConsent } from './client-consent.entity';
import { ClientEvents } from './client-events';
import { ClientRecords } from './client-records';
import type { Client } from './client.entity';

/**
 * Appends one consent decision (given or withdrawn) for a client, audits it and publishes the
 * current state of every purpose. Shared by RecordConsent and WithdrawConsent.
 */
@Injectable()
export class ConsentLedger {
  constructor(
    private readonly records: ClientRecords,
    private readonly events: ClientEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async append(
    manager: EntityManager,
    principal: Principal,
    client: Client,
    purpose: ConsentPurpose,
    given: boolean,
  ): Promise<CurrentConsents> {
    const now = this.clock.now();
    const record = manager.create(ClientConsent, {
      id: randomUUID(),
      clientId: client.id,
      orgId: client.orgId,
      purpose,
      given,
      recordedBy: principal.userId,
      recordedAt: now,
    });
    await manager.insert(ClientConsent, record);
    await this.records.record(manager, principal, {
      action: 'create',
      clientId: client.id,
      subjectType: 'client_consent',
      subjectId: record.id,
      details: { purpose, given },
    });
    await this.events.consentChanged(manager, principal, client, now);
    return currentConsents(await manager.findBy(ClientConsent, { clientId: client.id }));
  }
}
