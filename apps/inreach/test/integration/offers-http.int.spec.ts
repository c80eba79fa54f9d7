import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import { ManualClock } from '@careloop/time';
import type { OfferListView } from '../../src/offer/offer.dto';
import type { WaitingListView } from '../../src/waiting-list/waiting-list.dto';
import { aClinicWithSessions, published } from '../support/clinic-day';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import { deliveredToInreach } from '../support/day-sheet-events';
import { aCdasOrgId, aCoordinator, aDrugWorker, aKnownSite, aServiceBody } from '../support/inreach-fixtures';
import { aHold, anAppointmentHeldEvent } from '../support/offer-events';
import {
  aReferredClient,
  matcherOf,
  OFFER_MODULES,
  offersOf,
  type ReferredClient,
} from '../support/waiting-clinic';

/**
 * What keyworkers read over HTTP: their organisation's offers and a service's waiting list in offer
 * order, both audited as reads of client data, neither showing another organisation anything.
 * Monday 2 March 2026: the clinic's sessions are on Wednesdays, 10:00-11:00 (three seats).
 */
describe('offers and waiting lists over HTTP', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const clinic = useCoordinatorAtASite({ database: 'inreach_offers_http', clock, modules: OFFER_MODULES });
  const { api, orgId: riverside, coordinator } = clinic;
  const me = aDrugWorker(riverside);
  let serviceId: string;
  let sessionId: string;
  let sessionStartsAt: string;
  let otherServiceId: string;
  let clients: Record<'urgent' | 'wednesdays' | 'mine' | 'longWait' | 'recent', ReferredClient>;

  beforeAll(async () => {
    const hepC = await aClinicWithSessions(clinic, { series: { startTime: '10:00', endTime: '11:00' } });
    serviceId = hepC.serviceId;
    const session = await published(clinic, hepC.on('2026-03-11'));
    sessionId = session.id;
    sessionStartsAt = session.startsAt;
    const referred = (options: Parameters<typeof aReferredClient>[3]) =>
      aReferredClient(api, riverside, serviceId, options);
    clients = {
      urgent: await referred({
        referredAt: '2026-02-27T09:00:00Z',
        urgency: 'urgent',
        given: 'Una',
        family: 'Urquhart',
      }),
      longWait: await referred({ referredAt: '2026-01-05T09:00:00Z', given: 'Lee', family: 'Long' }),
      wednesdays: await referred({
        referredAt: '2026-02-25T09:00:00Z',
        days: ['wed'],
        given: 'Wes',
        family: 'Wood',
      }),
      mine: await referred({
        referredAt: '2026-02-20T09:00:00Z',
        urgency: 'soon',
        keyworkerId: me.userId,
        given: 'Mo',
        family: 'Mine',
      }),
      recent: await referred({ referredAt: '2026-03-01T09:00:00Z', given: 'Ray', family: 'Recent' }),
    };
    await matcherOf(api).run(clock.now());
    // Booking holds the urgent client's seat.
    const toUrgent = (await offersOf(api.dataSource, serviceId)).find(
      (o) => o.client_id === clients.urgent.client.clientId,
    )!;
    await deliveredToInreach(
      api,
      anAppointmentHeldEvent(
        aHold({
          orgId: riverside,
          clientId: toUrgent.client_id,
          referralId: toUrgent.referral_id,
          sessionId,
          startsAt: sessionStartsAt,
          endsAt: new Date(Date.parse(sessionStartsAt) + 20 * 60_000).toISOString(),
          holdExpiresAt: toUrgent.expires_at.toISOString(),
          offerId: toUrgent.id,
        }),
      ),
    );
    otherServiceId = (await clinic.aServiceWithRoom()).serviceId;
  });

  const offers = (who: Principal, query = '') =>
    api.call<OfferListView>(who, 'GET', `/inreach/offers${query}`);
  const waitingList = (who: Principal, id = serviceId, query = '') =>
    api.call<WaitingListView>(who, 'GET', `/inreach/services/${id}/waiting-list${query}`);
  const auditedReads = (userId: string) =>
    api.dataSource.query(
      `SELECT action, subject_type, subject_id, client_id, details FROM inreach.audit_log
        WHERE actor_user_id = $1 ORDER BY client_id`,
      [userId],
    ) as Promise<
      {
        subject_type: string;
        subject_id: string;
        client_id: string | null;
        details: Record<string, unknown>;
      }[]
    >;

  it('lists the organisation’s offers with who, when, where, until when and the held appointment', async () => {
    const answer = await offers(coordinator);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    const toUrgent = answer.body.items.find((o) => o.clientId === clients.urgent.client.clientId);
    expect(toUrgent).toMatchObject({
      status: 'open',
      client: { givenName: 'Una', familyName: 'Urquhart', preferredName: null },
      referralId: clients.urgent.referral.referralId,
      keyworkerId: 'alex.morgan',
      service: { id: serviceId, providerName: 'St Elsewhere Hepatology' },
      session: { id: sessionId, startsAt: sessionStartsAt, status: 'published' },
      place: { address: '12 High Street, Riverside' },
      offeredAt: '2026-03-02T08:00:00.000Z',
      expiresAt: '2026-03-04T08:00:00.000Z',
      appointmentId: expect.any(String),
      slotStartsAt: sessionStartsAt,
      endedAt: null,
    });
    // The three best placed: urgent, soon, then the routine client waiting more than 28 days.
    expect(answer.body.items.map((o) => o.clientId).sort()).toEqual(
      [clients.urgent, clients.mine, clients.longWait].map((c) => c.client.clientId).sort(),
    );
    expect(answer.body.items.map((o) => o.status).sort()).toEqual(['open', 'requested', 'requested']);
  });

  it('filters by status, keyworker (me for the caller’s own clients) and service, a page at a time', async () => {
    expect((await offers(coordinator, '?status=open')).body.items.map((o) => o.clientId)).toEqual([
      clients.urgent.client.clientId,
    ]);
    expect((await offers(coordinator, '?status=accepted')).body).toMatchObject({ items: [], total: 0 });
    expect((await offers(coordinator, `?serviceId=${otherServiceId}`)).body.total).toBe(0);
    expect((await offers(coordinator, `?serviceId=${serviceId}&keyworkerId=alex.morgan`)).body.total).toBe(2);
    const mine = await offers(me, '?keyworkerId=me');
    expect(mine.body.items.map((o) => [o.clientId, o.keyworkerId])).toEqual([
      [clients.mine.client.clientId, me.userId],
    ]);
    expect((await offers(coordinator, `?keyworkerId=${me.userId}`)).body.total).toBe(1);

    const page1 = await offers(coordinator, '?limit=2');
    const page2 = await offers(coordinator, '?limit=2&offset=2');
    expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.body.items).toHaveLength(2);
    expect(page2.body.items).toHaveLength(1);
    expect(new Set([...page1.body.items, ...page2.body.items].map((o) => o.id)).size).toBe(3);
  });

  it('shows the waiting list in offer order, with why each client stands there and their live offer', async () => {
    const answer = await waitingList(me);
    expect(answer.status).toBe(200);
    expect(answer.body.service).toEqual({ id: serviceId, name: expect.any(String) });
    // All three seats are held or asked for: the order is worked out for the session all the same.
    expect(answer.body.rankedFor).toEqual({ sessionId, startsAt: sessionStartsAt, freeSeats: 0 });
    expect(answer.body.total).toBe(5);
    expect(
      answer.body.items.map((i) => [i.position, i.client?.givenName, i.urgency, i.longWait, i.usualDay]),
    ).toEqual([
      [1, 'Una', 'urgent', false, false],
      [2, 'Mo', 'soon', false, false],
      [3, 'Lee', 'routine', true, false],
      [4, 'Wes', 'routine', false, true],
      [5, 'Ray', 'routine', false, false],
    ]);
    expect(answer.body.items[2]).toMatchObject({
      clientId: clients.longWait.client.clientId,
      referralId: clients.longWait.referral.referralId,
      keyworkerId: 'alex.morgan',
      waitingSince: '2026-01-05T09:00:00.000Z',
      waitingDays: 55, // 5 January 09:00 to 2 March 08:00
      currentOffer: {
        status: 'requested',
        sessionId,
        expiresAt: '2026-03-04T08:00:00.000Z',
        appointmentId: null,
      },
    });
    expect(answer.body.items[0]!.currentOffer).toMatchObject({
      status: 'open',
      appointmentId: expect.any(String),
    });
    expect(answer.body.items[3]!.currentOffer).toBeNull();
    // Those with a live offer are offered nothing else meanwhile; the others may be.
    expect(answer.body.items.map((i) => [i.client?.givenName, i.offerable, i.notOfferableBecause])).toEqual([
      ['Una', false, 'live_offer'],
      ['Mo', false, 'live_offer'],
      ['Lee', false, 'live_offer'],
      ['Wes', true, null],
      ['Ray', true, null],
    ]);

    const page = await waitingList(me, serviceId, '?limit=2&offset=3');
    expect(page.body.items.map((i) => [i.position, i.client?.givenName])).toEqual([
      [4, 'Wes'],
      [5, 'Ray'],
    ]);
  });

  it('audits each read: one entry per client shown, one for an empty list', async () => {
    const reader = aDrugWorker(riverside);
    await offers(reader, '?status=open');
    await waitingList(reader, serviceId, '?limit=2');
    await waitingList(reader, otherServiceId);
    const entries = await auditedReads(reader.userId);
    expect(entries.filter((e) => e.subject_type === 'inreach_offer')).toEqual([
      expect.objectContaining({
        client_id: clients.urgent.client.clientId,
        details: expect.objectContaining({ purpose: 'offers' }),
      }),
    ]);
    expect(
      entries
        .filter((e) => e.subject_type === 'inreach_waiting_list' && e.subject_id === serviceId)
        .map((e) => e.client_id)
        .sort(),
    ).toEqual([clients.urgent, clients.mine].map((c) => c.client.clientId).sort());
    expect(entries.filter((e) => e.subject_id === otherServiceId)).toEqual([
      expect.objectContaining({ client_id: null, details: expect.objectContaining({ fields: [] }) }),
    ]);
  });

  it('answers bad query parameters with 400 problem+json and reads nothing', async () => {
    const reader = aDrugWorker(riverside);
    for (const query of [
      '?status=maybe',
      '?limit=0',
      '?limit=500',
      '?offset=-1',
      '?serviceId=nope',
      '?colour=red',
    ]) {
      const answer = await offers(reader, query);
      expect(answer.status).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ errors: [expect.objectContaining({ in: 'query' })] });
    }
    expect((await waitingList(reader, serviceId, '?limit=x')).status).toBe(400);
    expect(await waitingList(reader, 'not-a-uuid')).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'id', in: 'path' }] },
    });
    expect(await auditedReads(reader.userId)).toEqual([]);
  });

  it('shows another organisation nothing: no offers, and its waiting list is a 404 like a missing one', async () => {
    const stranger = aCoordinator(aCdasOrgId());
    const strangerSite = await aKnownSite(api.dataSource, { orgId: stranger.orgId });
    await api.call(stranger, 'POST', '/inreach/services', aServiceBody(strangerSite.siteId));
    expect((await offers(stranger)).body).toMatchObject({ items: [], total: 0 });
    expect((await offers(stranger, `?serviceId=${serviceId}`)).body.total).toBe(0);
    for (const id of [serviceId, randomUUID()]) {
      expect(await waitingList(stranger, id)).toMatchObject({
        status: 404,
        body: { code: 'SERVICE_NOT_FOUND' },
      });
    }
    // A hospital's staff (the visiting organisation) read neither: in-reach lists are the CDAS's.
    const nurse = aCoordinator('org-st-elsewhere', { orgKind: 'hospital', roles: ['nurse'] });
    expect((await offers(nurse)).status).toBe(403);
    expect((await waitingList(nurse)).status).toBe(403);
  });
});
