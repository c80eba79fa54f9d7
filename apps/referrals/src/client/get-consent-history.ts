import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { toConsentRecordView, type ConsentRecordView } from './client-consent.dto';
import { ClientConsent } from './client-consent.entity';
import { ClientRecords } from './client-records';

/** Every consent decision recorded for a client, oldest first; the read is audited. */
@Injectable()
export class GetConsentHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
  ) {}

  async execute(principal: Principal, clientId: string): Promise<ConsentRecordView[]> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.records.find(manager, principal, clientId);
      const history = await manager.find(ClientConsent, {
        where: { clientId: client.id },
        order: { seq: 'ASC' },
      });
      await this.records.record(manager, principal, {
        action: 'read',
        clientId: client.id,
        subjectType: 'client_consent',
      });
      return history.map(toConsentRecordView);
    });
  }
}
