import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { loadProviderLocationViews } from './provider-location-views';
import type { ProviderLocationView } from './wording.dto';

/** The caller's organisation's providers and how texts describe where each is. */
@Injectable()
export class ListProviderLocations {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal): Promise<ProviderLocationView[]> {
    return loadProviderLocationViews(this.dataSource.manager, principal.orgId, this.clock.now());
  }
}
