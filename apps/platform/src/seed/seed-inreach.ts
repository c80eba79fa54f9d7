import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_INREACH } from './demo-inreach';
import { SeedRequestFailed, type SeedCall } from './seed-api';

/** How long in-reach may take to hear of a new site: a moment in process, longer while Kafka groups join. */
const SITE_ARRIVAL_TIMEOUT_MS = 30_000;
const SITE_ARRIVAL_POLL_MS = 50;

/** What the in-reach seed made that later steps name. */
export interface SeededInreach {
  /** The hepatitis C clinic: the demo's in-reach referral joins its waiting list. */
  serviceId: string;
}

/**
 * The CDAS's in-reach coordinator registers its hub with booking, then sets up the visiting hepatitis
 * C clinic in in-reach: service, room, fortnightly series, published. Booking makes the slots when the
 * sessions' events reach it; nothing here waits for that.
 */
export async function seedInreach(call: SeedCall): Promise<SeededInreach> {
  await call('PUT', '/organisations/me', 'seed-inreach:organisation', DEMO_INREACH.organisation);
  const site = await call('POST', '/sites', 'seed-inreach:site', DEMO_INREACH.site);
  const service = await onceSiteReachesInreach(() =>
    call('POST', '/inreach/services', 'seed-inreach:service', { ...DEMO_INREACH.service, siteId: site.id }),
  );
  const room = await call('POST', '/inreach/rooms', 'seed-inreach:room', {
    ...DEMO_INREACH.room,
    siteId: site.id,
  });
  const { series } = await call<{ series: { id: string } }>(
    'POST',
    `/inreach/services/${service.id}/series`,
    'seed-inreach:series',
    { ...DEMO_INREACH.series, roomId: room.id },
  );
  // Publishing again publishes nothing twice, so a restart's repeat is harmless.
  await call('POST', `/inreach/series/${series.id}/publish`, 'seed-inreach:publish');
  return { serviceId: service.id };
}

/**
 * In-reach learns the site from booking's site.registered.v1, which the outbox relay delivers just
 * after the site commits: until then the site is SITE_NOT_HOSTABLE (nothing saved), so try again.
 */
async function onceSiteReachesInreach<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SITE_ARRIVAL_TIMEOUT_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      const notYet = error instanceof SeedRequestFailed && error.code === 'SITE_NOT_HOSTABLE';
      if (!notYet || Date.now() > deadline) throw error;
      await sleep(SITE_ARRIVAL_POLL_MS);
    }
  }
}
