import { DEMO_SUPPLY } from './demo-supply';
import type { SeedCall } from './seed-api';

/** The hospital's clinic admin publishes its recurring, CDAS-reserved availability in booking. */
export async function seedSupply(call: SeedCall): Promise<void> {
  await call('PUT', '/organisations/me', 'seed-supply:organisation', DEMO_SUPPLY.organisation);
  const site = await call('POST', '/sites', 'seed-supply:site', DEMO_SUPPLY.site);
  const schedule = await call('POST', '/schedules', 'seed-supply:schedule', {
    ...DEMO_SUPPLY.schedule,
    siteId: site.id,
  });
  await call('POST', `/schedules/${schedule.id}/availability-rules`, 'seed-supply:rule', DEMO_SUPPLY.rule);
}
