import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { ClientRecords } from './client-records';
import type { ClientView } from './client-view';

/** Reads one client of the caller's organisation with contacts and consent; the read is audited. */
@Injectable()
export class GetClient {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: ClientRecords,
  ) {}

  async execute(principal: Principal, clientId: string): Promise<ClientView> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.records.find(manager, principal, clientId);
      await this.records.record(manager, principal, { action: 'read', clientId: client.id });
      return this.records.view(manager, client);
    });
  }
}
