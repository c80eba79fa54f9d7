import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { ProviderLocation } from './provider-location.entity';

/** Removes a provider's location text: texts use each appointment's own location again. Repeating it is harmless. */
@Injectable()
export class RemoveProviderLocation {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, providerName: string): Promise<void> {
    await this.dataSource.manager.delete(ProviderLocation, { orgId: principal.orgId, providerName });
  }
}
