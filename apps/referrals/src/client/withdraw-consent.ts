import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConsentPurpose } from '@careloop/contracts';
import type { Principal } from '@careloop/auth';
import { currentConsents, type CurrentConsents } from './client-consent.dto';
import { ClientConsent } from './client-consent.entity';
import { ClientRecords } from './client-records';
import { ClientError } from './client.errors';
import { ConsentLedger } from './consent-ledger';

/** Records that the client withdrew consent for a purpose; the earlier decision stays in the history. */
@Injectable()
export class WithdrawConsent {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
    private readonly ledger: ConsentLedger,
  ) {}

  async execute(principal: Principal, clientId: string, purpose: ConsentPurpose): Promise<CurrentConsents> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.records.find(manager, principal, clientId, { forUpdate: true });
      const current = currentConsents(await manager.findBy(ClientConsent, { clientId: client.id }));
      if (!current[purpose].given) {
        throw new ClientError('CLIENT_CONSENT_NOT_GIVEN', {
          detail: `The client has not given consent for ${purpose}`,
        });
      }
      return this.ledger.append(manager, principal, client, purpose, false);
    });
  }
}
