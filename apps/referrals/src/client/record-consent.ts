import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

/** Records that the client gives consent for a purpose (again, if they had before). */
@Injectable()
export class RecordConsent {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
    private readonly ledger: ConsentLedger,
  ) {}

  async execute(principal: Principal, clientId: string, purpose: ConsentPurpose): Promise<CurrentConsents> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.records.find(manager, principal, clientId, { forUpdate: true });
      return this.ledger.append(manager, principal, client, purpose, true);
    });
  }
}
