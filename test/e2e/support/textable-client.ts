import type { Client } from 'pg';
import type { Principal } from '@careloop/auth';
import { eventually } from '@careloop/testing';
import { get, post } from './http';
import { ACROSS_KAFKA } from './service-env';

/**
 * A client reminders may text, set up as the keyworker does it over HTTP, for the environments that
 * run referrals, booking and reminders. No API shows what reminders knows of a client: the helpers
 * read its table until the events have crossed Kafka.
 */

/** What the helpers use of an environment: the keyworker, their token, the services they call. */
interface KeyworkerDesk {
  referrals: { url: string };
  booking: { url: string };
  sql: Pick<Client, 'query'>;
  keyworker: Principal;
  tokens: { keyworker: string };
}

/**
 * The keyworker registers Joanne Smith, known as Jo, at their site with her own mobile, safe to text,
 * and her consent to SMS reminders, then waits until reminders knows all of it and booking knows her
 * (it learns clients from referrals' events). Resolves to the client id.
 */
export async function registerTextableClient(env: KeyworkerDesk, mobile: string): Promise<string> {
  const asKeyworker = { token: env.tokens.keyworker };
  const registered = await post<{ id: string }>(`${env.referrals.url}/clients`, {
    ...asKeyworker,
    body: {
      name: { given: 'Joanne', family: 'Smith' },
      preferredName: 'Jo',
      dateOfBirth: '1978-04-02',
      siteId: env.keyworker.siteIds[0],
    },
  });
  expect(registered.status).toBe(201);
  const clientId = registered.body.id;
  await agreeToTexts(env, clientId, mobile, 'Jo');
  await eventually(async () => {
    const search = await get(`${env.booking.url}/slots?clientId=${clientId}`, asKeyworker);
    expect(search.status).toBe(200);
  }, ACROSS_KAFKA);
  return clientId;
}

/**
 * The keyworker records the client's own mobile, safe to text, and their consent to SMS reminders,
 * then waits until reminders has both, and the preferred name the client was registered with (a text
 * greets them by it): a text goes only then.
 */
export async function agreeToTexts(
  env: Omit<KeyworkerDesk, 'booking'>,
  clientId: string,
  mobile: string,
  preferredName: string | null = null,
): Promise<void> {
  const asKeyworker = { token: env.tokens.keyworker };
  const contact = await post<{ phone: string; safeToText: boolean }>(
    `${env.referrals.url}/clients/${clientId}/contacts`,
    {
      ...asKeyworker,
      body: { purpose: 'own_mobile', phone: mobile, safeToText: true, verified: true },
    },
  );
  expect(contact.status).toBe(201);
  expect(contact.body).toMatchObject({ phone: mobile, safeToText: true });
  const consented = await post<Record<string, { given: boolean }>>(
    `${env.referrals.url}/clients/${clientId}/consents`,
    { ...asKeyworker, body: { purpose: 'sms_reminders' } },
  );
  expect(consented.status).toBe(201);
  expect(consented.body['sms_reminders']?.given).toBe(true);
  await eventually(async () => {
    const known = await env.sql.query(
      `SELECT "preferred_name", "mobile", "mobile_safe_to_text", "sms_consent"
         FROM "reminders"."client" WHERE "client_id" = $1`,
      [clientId],
    );
    expect(known.rows).toEqual([
      { preferred_name: preferredName, mobile, mobile_safe_to_text: true, sms_consent: true },
    ]);
  }, ACROSS_KAFKA);
}
