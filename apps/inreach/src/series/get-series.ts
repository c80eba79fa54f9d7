import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { loadOwnSeries, seriesView } from './load-series';
import type { SeriesView } from './series.dto';

/** One of the caller's organisation's series, with its exceptions. */
@Injectable()
export class GetSeries {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, id: string): Promise<SeriesView> {
    const manager = this.dataSource.manager;
    return seriesView(manager, await loadOwnSeries(manager, principal, id));
  }
}
