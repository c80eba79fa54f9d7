import { randomUUID } from 'node:crypto';
import { post, put } from './http';

/**
 * The organisation of `token`'s holder registers itself in booking under its name, with one site;
 * resolves to the site's id.
 */
export async function registerBookingSite(
  env: { booking: { url: string } },
  token: string,
  organisation: string,
  site: { name: string; address: string },
): Promise<string> {
  const named = await put(`${env.booking.url}/organisations/me`, { token, body: { name: organisation } });
  expect(named.status).toBe(200);
  const created = await post<{ id: string }>(`${env.booking.url}/sites`, {
    token,
    headers: { 'Idempotency-Key': randomUUID() },
    body: site,
  });
  expect(created.status).toBe(201);
  return created.body.id;
}
