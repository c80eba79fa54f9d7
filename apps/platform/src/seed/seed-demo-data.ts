import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_USERS } from '@careloop/auth';
import { DEMO_INREACH } from './demo-inreach';
import { DEMO_REFERRALS } from './demo-referrals';
import { DEMO_REPORT_SHARE } from './demo-report-share';
import { DEMO_SUPPLY } from './demo-supply';
import { SeedRequestFailed, signedIn } from './seed-api';
import { seedInreach } from './seed-inreach';
import { seedReportShare } from './seed-report-share';
import { seedSupply } from './seed-supply';

/**
 * Seeds through the public API as demo staff would, so the demo exercises the real path (auth,
 * validation, outbox, events): a hospital clinic publishes its recurring, CDAS-reserved availability;
 * the CDAS publishes a visiting hepatitis C clinic held in its own building; a keyworker registers each
 * demo client, records their need, then refers them (the hepatitis C referral to that clinic's
 * waiting list); the service manager shares the CDAS's referrals report with the council commissioning
 * it. Stable Idempotency-Keys and fixed dates make a restart on a kept data directory a replay, not a
 * second copy.
 */
export async function seedDemoData(baseUrl: string): Promise<void> {
  await seedSupply(await signedIn(baseUrl, DEMO_SUPPLY.clinicAdmin));
  const inreach = await seedInreach(await signedIn(baseUrl, DEMO_INREACH.coordinator));

  const keyworker = DEMO_USERS.find((u) => u.roles.includes('drug_worker'))!;
  const call = await signedIn(baseUrl, keyworker.username);
  for (const demo of DEMO_REFERRALS) {
    const client = await call('POST', '/clients', `${demo.seedKey}:client`, {
      ...demo.client,
      siteId: keyworker.siteIds[0],
    });
    const need = await call('POST', `/clients/${client.id}/needs`, `${demo.seedKey}:need`, demo.need);
    const toService = demo.referral.destinationKind === 'inreach';
    const service = toService ? { inreachServiceId: inreach.serviceId } : {};
    // Its own key: a data directory seeded before referrals named the service kept the old body under
    // the plain key, which a replay with the service id would be refused for.
    const key = toService ? `${demo.seedKey}:inreach-service` : demo.seedKey;
    await onceServiceReachesReferrals(() =>
      call('POST', `/clients/${client.id}/referrals`, key, {
        ...demo.referral,
        ...service,
        needId: need.id,
        send: true,
      }),
    );
  }
  await seedReportShare(await signedIn(baseUrl, DEMO_REPORT_SHARE.manager));
}

/** How long referrals may take to hear of a new in-reach service: as for a new site (seed-inreach). */
const SERVICE_ARRIVAL_TIMEOUT_MS = 30_000;
const SERVICE_ARRIVAL_POLL_MS = 50;

/**
 * Referrals learns the in-reach service from in-reach's inreach.service-registered.v1, just after the
 * service commits: until then a referral naming it is INREACH_SERVICE_UNKNOWN (nothing saved, the
 * Idempotency-Key not used up), so try again.
 */
async function onceServiceReachesReferrals<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SERVICE_ARRIVAL_TIMEOUT_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      const notYet = error instanceof SeedRequestFailed && error.code === 'INREACH_SERVICE_UNKNOWN';
      if (!notYet || Date.now() > deadline) throw error;
      await sleep(SERVICE_ARRIVAL_POLL_MS);
    }
  }
}
