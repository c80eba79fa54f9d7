import { DEMO_USERS } from '@careloop/auth';
import { DEMO_REFERRALS } from './demo-referrals';

/**
 * Seeds through the public API as a demo keyworker would, so the demo exercises the real path (auth,
 * validation, outbox, events). Stable Idempotency-Keys make a restart on a kept data directory a replay,
 * not a second copy.
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
  for (const referral of DEMO_REFERRALS) {
    const response = await fetch(`${baseUrl}/referrals`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': referral.seedKey,
      },
      body: JSON.stringify(referral.body),
    });
    if (!response.ok) throw new Error(`Seed referral ${referral.seedKey} failed: ${response.status}`);
  }
}
