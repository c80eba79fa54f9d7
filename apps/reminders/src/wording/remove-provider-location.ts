import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { providerLocationWhere, type ProviderKey } from './provider-key';
import { ProviderLocation } from './provider-location.entity';

/** Removes a provider's location text: texts use each appointment's own location again. Repeating it is harmless. */
@Injectable()
export class RemoveProviderLocation {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, provider: ProviderKey): Promise<void> {
    await this.dataSource.manager.delete(ProviderLocation, providerLocationWhere(principal.orgId, provider));
  }
}
