import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { CLOCK, type Clock } from '@careloop/time';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { providerKeyOf, type ProviderKey } from './provider-key';
import { loadProviderLocationViews } from './provider-location-views';
import { lintLocationText } from './template-lint';
import type { SaveProviderLocationBody, SavedProviderLocationView, WordingRefusal } from './wording.dto';
import { WordingError } from './wording.errors';

/**
 * Sets how texts describe where a provider (a clinic, within its organisation) is, in place of the
 * appointment's own location, for every client of the organisation: so it may never name the service.
 * A text by name alone serves only appointments without an organisation, so it is refused when the
 * name's upcoming appointments all carry one (it would apply to nothing). Not audited (no client
 * data); who changed it and when are kept on the row.
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
    const provider = providerKeyOf(input);
    return this.dataSource.transaction(async (manager) => {
      if (provider.providerOrgId === null)
        await refuseUnusedNameOnlyText(manager, principal.orgId, provider, now);
      await manager.query(
        `INSERT INTO "${REMINDERS_SCHEMA}"."provider_location"
           ("org_id", "provider_org_id", "provider_name", "text", "updated_by", "updated_at")
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ("org_id", "provider_org_id", "provider_name")
         DO UPDATE SET "text" = EXCLUDED."text", "updated_by" = EXCLUDED."updated_by",
                       "updated_at" = EXCLUDED."updated_at"`,
        [principal.orgId, provider.providerOrgId, provider.providerName, text, principal.userId, now],
      );
      const [view] = await loadProviderLocationViews(manager, principal.orgId, now, provider);
      return { ...view!, warnings: lintLocationText(text).warnings };
    });
  }
}

/**
 * Booking gives every appointment an organisation, so a text saved by name alone for a clinic whose
 * upcoming appointments all carry one would silently never be used: say which providerOrgId to use.
 */
async function refuseUnusedNameOnlyText(
  manager: EntityManager,
  orgId: string,
  provider: ProviderKey,
  now: Date,
): Promise<void> {
  const [upcoming] = (await manager.query(
    `SELECT bool_or("provider_org_id" IS NULL) AS "without_org",
            array_agg(DISTINCT "provider_org_id") FILTER (WHERE "provider_org_id" IS NOT NULL) AS "org_ids"
       FROM "${REMINDERS_SCHEMA}"."appointment"
      WHERE "org_id" = $1 AND "provider_name" = $2 AND "status" IN ('booked', 'offered') AND "starts_at" > $3`,
    [orgId, provider.providerName, now],
  )) as { without_org: boolean | null; org_ids: string[] | null }[];
  const orgIds = [...(upcoming?.org_ids ?? [])].sort();
  if (upcoming?.without_org !== false || orgIds.length === 0) return;
  const quoted = orgIds.map((id) => `"${id}"`).join(' or ');
  throw new WordingError('PROVIDER_ORG_ID_NEEDED', {
    detail:
      `Upcoming appointments with "${provider.providerName}" all come from providerOrgId ${quoted}; ` +
      'a text without providerOrgId would apply to none of them. Save it with providerOrgId.',
    extensions: { providerName: provider.providerName, providerOrgIds: orgIds },
  });
}
