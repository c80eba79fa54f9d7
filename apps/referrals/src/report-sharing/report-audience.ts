import { SetMetadata } from '@nestjs/common';
import type { OrganisationKind } from '@careloop/auth';

export const REPORT_AUDIENCE_KEY = 'careloop:referrals:report-audience';

/**
 * The kinds of organisation whose staff may use a reports route (403 for any other, whatever their
 * roles; `@Roles` still applies). Checked by ReportAudienceGuard, before the query is read, so a GP
 * practice's or hospital's staff get 403 for any request.
 */
export const ReportAudience = (...kinds: OrganisationKind[]) => SetMetadata(REPORT_AUDIENCE_KEY, kinds);

/** Why staff of an organisation that is neither a drug service nor a commissioner read no report. */
export const NOT_A_REPORT_READER =
  "Referrals reports are for the drug and alcohol service's managers and the commissioners it shares them with";

const EXPORT = "GET /reports/referrals/export?orgId=<the service's organisation id>";

/** Why staff of a `kind` of organisation may not use a route for `audience`; null when they may. */
export function audienceRefusal(
  kind: OrganisationKind | undefined,
  audience: readonly OrganisationKind[],
): string | null {
  if (kind !== undefined && audience.includes(kind)) return null;
  if (kind === 'commissioner') {
    return (
      "This is for the drug and alcohol service's own managers. A commissioner receives the figures a " +
      `service shares with it as the disclosure-controlled export: ${EXPORT} (GET /reports/shares/received lists them)`
    );
  }
  if (kind === 'cdas' && audience.includes('commissioner')) {
    return (
      'This lists the reports services share with a commissioning organisation; your service ' +
      'shares its own at GET /reports/shares'
    );
  }
  return NOT_A_REPORT_READER;
}
