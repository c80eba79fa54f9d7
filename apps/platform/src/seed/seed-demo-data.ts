import { DEMO_USERS } from '@careloop/auth';
import { DEMO_REFERRALS } from './demo-referrals';

/**
 * Seeds through the public API as a demo keyworker would, so the demo exercises the real path (auth,
 * validation, outbox, events): registers each demo client, records their need, then refers them.
 * Stable Idempotency-Keys make a restart on a kept data directory a replay, not a second copy.
 */
export async function seedDemoData(baseUrl: string): Promise<void> {
  const keyworker = DEMO_USERS.find((u) => u.roles.includes('drug_worker'))!;
  const tokenResponse = await fetch(`${baseUrl}/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: keyworker.username }),
  });
  if (!tokenResponse.ok) throw new Error(`Seed could not sign in: ${tokenResponse.status}`);
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };

  const post = async (path: string, seedKey: string, body: unknown): Promise<{ id: string }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
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

  for (const demo of DEMO_REFERRALS) {
    const client = await post('/clients', `${demo.seedKey}:client`, {
      ...demo.client,
      siteId: keyworker.siteIds[0],
    });
    const need = await post(`/clients/${client.id}/needs`, `${demo.seedKey}:need`, demo.need);
    await post(`/clients/${client.id}/referrals`, demo.seedKey, {
      ...demo.referral,
      needId: need.id,
      send: true,
    });
  }
}
