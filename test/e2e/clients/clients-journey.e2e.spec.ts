import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { aClient, expectProblem, send, useReferralsService, type ClientView } from './clients-harness';

/**
 * The client context of the referrals service over HTTP, as its own process on Postgres and Kafka:
 * register, read, change with optimistic versions, search, contacts, consent and erasure.
 */
describe("clients over HTTP: a client's record from registration to erasure", () => {
  const service = useReferralsService();
  const { url, tokens, scenario } = service;

  scenario('register → read → update (stale refused) → search → contacts → consent → erase', async () => {
    const key = randomUUID();
    const created = await send<ClientView>(
      'POST',
      url('/clients'),
      tokens.keyworker,
      aClient({ nhsNumber: '943 476 5919' }),
      {
        'idempotency-key': key,
      },
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.headers.get('location')).toBe(`/clients/${id}`);
    expect(created.body).toMatchObject({ version: 1, nhsNumber: '9434765919', contacts: [] });
    const retried = await send<ClientView>(
      'POST',
      url('/clients'),
      tokens.keyworker,
      aClient({ nhsNumber: '943 476 5919' }),
      {
        'idempotency-key': key,
      },
    );
    expect({
      status: retried.status,
      replayed: retried.headers.get('idempotent-replayed'),
      id: retried.body.id,
    }).toEqual({
      status: 201,
      replayed: 'true',
      id,
    });

    const read = await send<ClientView>('GET', url(`/clients/${id}`), tokens.manager);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const updated = await send<ClientView>('PATCH', url(`/clients/${id}`), tokens.keyworker, {
      version: 1,
      preferredName: 'Jo',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    const stale = await send('PATCH', url(`/clients/${id}`), tokens.keyworker, {
      version: 1,
      preferredName: 'Joey',
    });
    expect(expectProblem(stale, 409, 'CLIENT_VERSION_CONFLICT')).toMatchObject({ currentVersion: 2 });

    const found = await send<{ items: { id: string }[]; total: number }>(
      'GET',
      url('/clients?name=jo%20SMI&limit=5'),
      tokens.keyworker,
    );
    expect(found.status).toBe(200);
    expect(found.body.items.map((i) => i.id)).toEqual([id]);
    expect(found.body.total).toBe(1);

    const mobile = await send<{ contactId: string; phone: string }>(
      'POST',
      url(`/clients/${id}/contacts`),
      tokens.keyworker,
      {
        purpose: 'own_mobile',
        phone: '07700 900123',
        safeToText: true,
        verified: true,
      },
    );
    expect(mobile.status).toBe(201);
    expect(mobile.body.phone).toBe('+447700900123');
    const hostel = await send<{ contactId: string; version: number }>(
      'POST',
      url(`/clients/${id}/contacts`),
      tokens.keyworker,
      {
        purpose: 'hostel',
        phone: '0161 496 0000',
        label: 'St Anne’s',
      },
    );
    expect(hostel.status).toBe(201);
    const changed = await send(
      'PUT',
      url(`/clients/${id}/contacts/${hostel.body.contactId}`),
      tokens.keyworker,
      {
        purpose: 'hostel',
        phone: '0161 496 0001',
        label: 'St Anne’s office',
        version: hostel.body.version,
      },
    );
    expect(changed.status).toBe(200);
    // A colleague working from the first read is refused, not silently applied over the change.
    const staleContact = await send(
      'PUT',
      url(`/clients/${id}/contacts/${hostel.body.contactId}`),
      tokens.keyworker,
      { purpose: 'hostel', phone: '0161 496 0000', label: 'St Anne’s', version: hostel.body.version },
    );
    expect(staleContact.status).toBe(409);
    expect(staleContact.body).toMatchObject({ code: 'CLIENT_CONTACT_VERSION_CONFLICT' });
    expect(
      (await send('DELETE', url(`/clients/${id}/contacts/${hostel.body.contactId}`), tokens.keyworker))
        .status,
    ).toBe(204);

    expect(
      (await send('POST', url(`/clients/${id}/consents`), tokens.keyworker, { purpose: 'sms_reminders' }))
        .status,
    ).toBe(201);
    const withdrawn = await send<Record<string, { given: boolean }>>(
      'POST',
      url(`/clients/${id}/consents/sms_reminders/withdrawal`),
      tokens.keyworker,
    );
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body['sms_reminders']?.given).toBe(false);
    const history = await send<{ given: boolean }[]>('GET', url(`/clients/${id}/consents`), tokens.manager);
    expect(history.body.map((h) => h.given)).toEqual([true, false]);

    const erased = await send('POST', url(`/clients/${id}/contact-data-erasure`), tokens.keyworker, {
      reason: 'Client request',
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ clientId: id, contactsErased: 1 });
    expect((await send<ClientView>('GET', url(`/clients/${id}`), tokens.keyworker)).body.contacts).toEqual(
      [],
    );

    // Every event reached Kafka through the relay, in order, keyed by the client.
    const types = await eventually(
      async () => {
        const rows = await service.sql.query<{ event_type: string; published: boolean }>(
          `SELECT event_type, published_at IS NOT NULL AS published FROM referrals.outbox WHERE message_key = $1 ORDER BY seq`,
          [id],
        );
        expect(rows.rows.every((r) => r.published)).toBe(true);
        return rows.rows.map((r) => r.event_type);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(types).toEqual([
      'client.registered.v1',
      'client.updated.v1',
      'client.contact-changed.v1',
      'client.contact-changed.v1',
      'client.contact-changed.v1',
      'client.contact-changed.v1',
      'client.consent-changed.v1',
      'client.consent-changed.v1',
      'client.contact-data-erased.v1',
      'client.contact-changed.v1',
    ]);
  });
});
