import type { EntityManager } from 'typeorm';
import { appointmentsSummaryBy } from './attendance-summary';
import type { ServiceTypeRow } from './referrals-report.dto';
import type { ReportScope } from './report-scope';

/**
 * The period's appointments per service type, its spellings taken as one as the filter takes them
 * (`COPD review` and `copd Review`: one row, by lower case), named by the first of its spellings in
 * byte order, so the same name on every run. Ordered by the lower case in byte order ("C" collation),
 * so the order is the same on every Postgres, embedded or not.
 */
export async function byServiceType(manager: EntityManager, scope: ReportScope): Promise<ServiceTypeRow[]> {
  const rows = await appointmentsSummaryBy(manager, scope, 'lower(a."service_type")', {
    label: 'min(a."service_type" COLLATE "C")',
    order: 'lower(a."service_type") COLLATE "C"',
  });
  return rows.map(({ group, summary }) => ({ serviceType: group ?? '', appointments: summary }));
}
