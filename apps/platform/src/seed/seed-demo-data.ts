import { DEMO_USERS } from '@careloop/auth';
import { toLondonWallClock } from '@careloop/time';
import { DEMO_REFERRALS } from './demo-referrals';
import { DEMO_SUPPLY } from './demo-supply';

type Call = (method: 'POST' | 'PUT', path: string, seedKey: string, body: unknown) => Promise<{ id: string }>;

/**
 * Seeds through the public API as demo staff would, so the demo exercises the real path (auth,
 * validation, outbox, events): a hospital clinic publishes its recurring, CDAS-reserved availability;
 * a keyworker registers each demo client, records their need, then refers them. Stable
 * Idempotency-Keys make a restart on a kept data directory a replay, not a second copy.
 */
export async function seedDemoData(baseUrl: string): Promise<void> {
  await seedSupply(await signedIn(baseUrl, DEMO_SUPPLY.clinicAdmin));

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

async function seedSupply(call: Call): Promise<void> {
  await call('PUT', '/organisations/me', 'seed-supply:organisation', DEMO_SUPPLY.organisation);
  const site = await call('POST', '/sites', 'seed-supply:site', DEMO_SUPPLY.site);
  const schedule = await call('POST', '/schedules', 'seed-supply:schedule', {
    ...DEMO_SUPPLY.schedule,
    siteId: site.id,
  });
  await call('POST', `/schedules/${schedule.id}/availability-rules`, 'seed-supply:rule', {
    ...DEMO_SUPPLY.rule,
    validFrom: toLondonWallClock(new Date()).date,
  });
}

async function signedIn(baseUrl: string, username: string): Promise<Call> {
  const tokenResponse = await fetch(`${baseUrl}/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!tokenResponse.ok) throw new Error(`Seed could not sign in as ${username}: ${tokenResponse.status}`);
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };

  return async (method, path, seedKey, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': seedKey,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`Seed ${seedKey} failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
}
