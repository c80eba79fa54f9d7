import { DEMO_USERS } from '@careloop/auth';
import { DEMO_INREACH } from './demo-inreach';
import { DEMO_REFERRALS } from './demo-referrals';
import { DEMO_SUPPLY } from './demo-supply';
import { signedIn } from './seed-api';
import { seedInreach } from './seed-inreach';
import { seedSupply } from './seed-supply';

/**
 * Seeds through the public API as demo staff would, so the demo exercises the real path (auth,
 * validation, outbox, events): a hospital clinic publishes its recurring, CDAS-reserved availability;
 * the CDAS publishes a visiting hepatitis C clinic held in its own building; a keyworker registers each
 * demo client, records their need, then refers them. Stable Idempotency-Keys and fixed dates make a
 * restart on a kept data directory a replay, not a second copy.
 */
export async function seedDemoData(baseUrl: string): Promise<void> {
  await seedSupply(await signedIn(baseUrl, DEMO_SUPPLY.clinicAdmin));
  await seedInreach(await signedIn(baseUrl, DEMO_INREACH.coordinator));

  const keyworker = DEMO_USERS.find((u) => u.roles.includes('drug_worker'))!;
  const call = await signedIn(baseUrl, keyworker.username);
  for (const demo of DEMO_REFERRALS) {
    const client = await call('POST', '/clients', `${demo.seedKey}:client`, {
      ...demo.client,
      siteId: keyworker.siteIds[0],
    });
    const need = await call('POST', `/clients/${client.id}/needs`, `${demo.seedKey}:need`, demo.need);
    await call('POST', `/clients/${client.id}/referrals`, demo.seedKey, {
      ...demo.referral,
      needId: need.id,
      send: true,
    });
  }
}
