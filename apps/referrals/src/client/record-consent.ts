import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConsentPurpose } from '@careloop/contracts';
import type { Principal } from '@careloop/auth';
import type { CurrentConsents } from './client-consent.dto';
import { ClientRecords } from './client-records';
import { ConsentLedger } from './consent-ledger';

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
