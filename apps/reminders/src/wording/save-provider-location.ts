import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { ProviderLocation } from './provider-location.entity';
import { loadProviderLocationViews } from './provider-location-views';
import { lintLocationText } from './template-lint';
import type { SaveProviderLocationBody, SavedProviderLocationView, WordingRefusal } from './wording.dto';
import { WordingError } from './wording.errors';

/**
 * Sets how texts describe where a provider is, in place of the appointment's own location, for every
 * client of the organisation: so it may never name the service. Not audited (no client data); who
 * changed it and when are kept on the row.
 */
@Injectable()
export class SaveProviderLocation {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, input: SaveProviderLocationBody): Promise<SavedProviderLocationView> {
    const sent = lintLocationText(input.text);
    if (sent.problems.length > 0) {
      const refusal: WordingRefusal = { problems: sent.problems, warnings: sent.warnings };
      throw new WordingError('LOCATION_TEXT_REFUSED', {
        detail: sent.problems.map((problem) => problem.message).join('; '),
        extensions: { ...refusal },
      });
    }
    const text = input.text.trim();
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      await manager.upsert(
        ProviderLocation,
        {
          orgId: principal.orgId,
          providerName: input.providerName,
          text,
          updatedBy: principal.userId,
          updatedAt: now,
        },
        ['orgId', 'providerName'],
      );
      const [view] = await loadProviderLocationViews(manager, principal.orgId, now, input.providerName);
      return { ...view!, warnings: lintLocationText(text).warnings };
    });
  }
}
