import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import type { EventEnvelope } from '@careloop/contracts';
import { eventually } from '@careloop/testing';
import { RecordNeed } from '../../src/need/record-need';
import { CreateReferral } from '../../src/referral/create-referral';
import { GetReferral } from '../../src/referral/get-referral';
import type { ReferralsOverKafka } from '../support/referrals-over-kafka';
import { republished } from './inreach-care-events';
import { anOfferHold, aServiceRegistered } from './inreach-offer-events';
import { startReferralsOverInreachKafka, timelineEntriesOf } from './inreach-over-kafka';
import { aPrincipal, aReferralBody, insertClient } from './referral-fixture';

interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; message: string; in?: string }[];
}

const WITHIN_KAFKA = { timeoutMs: 30_000 };

/**
 * The referrals service as it runs, on real Postgres, a real Kafka broker and real tokens: in-reach's
 * services reach the projection that in-reach referrals are checked against (POST over HTTP), and
 * booking's holds for in-reach offers, their bookings and their ends reach the client's timeline, once
 * each however often they are delivered, for the client's organisation only.
 */
describe('in-reach services and offers over real Kafka', () => {
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  const elsewhere = aPrincipal({ orgId: `org-${randomUUID()}` });
  let env: ReferralsOverKafka;

  beforeAll(async () => {
    env = await startReferralsOverInreachKafka('ref-inreach-offers');
  }, 90_000);
  afterAll(() => env?.close(), 60_000);

  const query = <T>(sql: string, params: unknown[]) => env.db.dataSource.query(sql, params) as Promise<T[]>;
  /** Whether referrals has handled the event (its id is in the inbox, whatever its effect was). */
  const handled = async (...events: EventEnvelope[]) =>
    eventually(async () => {
      const rows = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM referrals.inbox WHERE event_id = ANY($1::uuid[])`,
        [events.map((e) => e.id)],
      );
      expect(rows[0]!.n).toBe(events.length);
    }, WITHIN_KAFKA);
  const deadLettered = (...events: EventEnvelope[]) =>
    eventually(() => {
      const found = events.map((e) => env.deadLetters.find((d) => d.eventId === e.id)?.code);
      expect(found.every((c) => c !== undefined)).toBe(true);
      return found;
    }, WITHIN_KAFKA);
  const offerEntries = (who: Principal, clientId: string) =>
    timelineEntriesOf(env, who, clientId, ['inreach_offer']);
  const aNeed = async (clientId: string) =>
    (await env.running.app.get(RecordNeed).execute(worker, clientId, { category: 'hepatitis_c' }, undefined))
      .result.id;

  it('keeps each registered service once, and refers to it over HTTP; anything else is a 422 that writes nothing', async () => {
    const ours = aServiceRegistered(worker.orgId, { name: 'Hepatitis C treatment' });
    const theirs = aServiceRegistered(elsewhere.orgId, { name: 'Wound care drop-in' });
    const forged = aServiceRegistered(elsewhere.orgId, { envelopeOrgId: worker.orgId });
    await env.publish(ours, theirs, forged);
    expect(await deadLettered(forged)).toEqual(['ORGANISATION_MISMATCH']);
    await handled(ours, theirs);

    // Delivered again, and registered again under a new event id with another name: the first stays.
    const renamed = republished(ours);
    renamed.data = { ...ours.data, name: 'Renamed clinic' };
    await env.publish(ours, renamed);
    await handled(renamed);
    expect(
      await query(
        `SELECT name, host_org_id FROM referrals.inreach_service WHERE service_id = ANY($1::uuid[])`,
        [[ours.data.serviceId, forged.data.serviceId]],
      ),
    ).toEqual([{ name: 'Hepatitis C treatment', host_org_id: worker.orgId }]);

    const clientId = await insertClient(env.db, worker.orgId);
    const needId = await aNeed(clientId);
    const refer = (body: Record<string, unknown>, key = randomUUID()) =>
      env.post<Problem & { id: string }>(worker, `/clients/${clientId}/referrals`, body, {
        'idempotency-key': key,
      });
    const inreach = {
      needId,
      destinationKind: 'inreach',
      urgency: 'soon',
      reason: 'Hepatitis C antibody positive; needs RNA test and treatment',
      inreachServiceId: ours.data.serviceId,
    };

    for (const [body, code, path] of [
      [
        { ...inreach, inreachServiceId: theirs.data.serviceId },
        'INREACH_SERVICE_UNKNOWN',
        'inreachServiceId',
      ],
      [{ ...inreach, inreachServiceId: randomUUID() }, 'INREACH_SERVICE_UNKNOWN', 'inreachServiceId'],
      [
        { ...inreach, destinationKind: 'gp', destinationName: 'Hillside Surgery' },
        'INREACH_SERVICE_NOT_ALLOWED',
        'inreachServiceId',
      ],
    ] as const) {
      const refused = await refer(body);
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 422, code, errors: [{ path, in: 'body' }] });
    }
    const noName = await refer({ ...inreach, inreachServiceId: undefined });
    expect([noName.status, noName.body.code, noName.body.errors?.map((e) => e.path)]).toEqual([
      400,
      'VALIDATION_FAILED',
      ['destinationName'],
    ]);
    const referralsOf = () =>
      query<{ id: string }>(`SELECT id FROM referrals.referral WHERE client_id = $1`, [clientId]);
    expect(await referralsOf()).toEqual([]);

    const key = randomUUID();
    const created = await refer(inreach, key);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      destinationKind: 'inreach',
      destinationName: 'Hepatitis C treatment',
      inreachServiceId: ours.data.serviceId,
      status: 'sent',
    });
    const again = await refer(inreach, key);
    expect([again.status, again.body.id]).toEqual([201, created.body.id]);
    const read = await env.get<{ inreachServiceId: string }>(worker, `/referrals/${created.body.id}`);
    expect(read.body.inreachServiceId).toBe(ours.data.serviceId);
    expect(await referralsOf()).toEqual([{ id: created.body.id }]);
  });

  it('shows each offer made, taken, declined, released and expired once, even delivered twice', async () => {
    const service = aServiceRegistered(worker.orgId);
    await env.publish(service);
    await handled(service);
    const clientId = await insertClient(env.db, worker.orgId);
    const body = aReferralBody(await aNeed(clientId), {
      destinationKind: 'inreach',
      destinationName: undefined,
      inreachServiceId: service.data.serviceId,
    });
    const referral = (await env.running.app.get(CreateReferral).execute(worker, clientId, body, undefined))
      .result;
    const offer = (o: { startsAt?: string; expiresAt?: string; offerId?: null } = {}) =>
      anOfferHold(worker.orgId, clientId, { referralId: referral.id, ...o });

    const taken = offer();
    const declined = offer({ startsAt: '2026-11-19T10:40:00Z', expiresAt: '2026-11-17T17:00:00Z' });
    const expired = offer({ expiresAt: '2026-11-01T12:00:00Z' });
    const released = offer();
    const staffHold = offer({ offerId: null });
    const events = {
      takenHeld: taken.held('2026-11-01T17:00:00Z'),
      takenBooked: taken.booked('2026-11-02T08:15:00Z'),
      declinedHeld: declined.held('2026-11-15T17:00:00Z'),
      declinedEnded: declined.ended('declined', '2026-11-16T09:30:00Z', {
        kind: 'system',
        id: 'system:sms-reply',
      }),
      expiredHeld: expired.held('2026-10-30T17:00:00Z'),
      expiredEnded: expired.ended('expired', '2026-11-01T12:00:00Z'),
      releasedHeld: released.held('2026-10-29T17:00:00Z'),
      releasedEnded: released.ended('released', '2026-10-30T09:00:00Z', {
        kind: 'user',
        id: 'user-keyworker',
      }),
      staffHeld: staffHold.held('2026-10-28T11:00:00Z'),
      staffEnded: staffHold.ended('released', '2026-10-28T11:10:00Z'),
    };
    await env.publish(...Object.values(events));
    await handled(...Object.values(events));

    // Delivered again, and reported again by booking under new ids: then one new event on each key
    // that shows everything before it on that partition was handled.
    const heldAgain = republished(events.takenHeld);
    const endedAgain = republished(events.declinedEnded);
    await env.publish(events.takenHeld, events.takenBooked, republished(events.takenBooked), heldAgain);
    await env.publish(events.declinedHeld, events.declinedEnded, endedAgain);
    await handled(heldAgain, endedAgain);

    const what = (startsAt = 'Thu 5 Nov 2026, 10:20') =>
      `appointment with St Elsewhere Hepatology (hepatitis C treatment) on ${startsAt}`;
    const held = (e: EventEnvelope, until: string, startsAt?: string) => ({
      kind: 'inreach_offer',
      id: e.id,
      occurredAt: new Date(e.occurredAt).toISOString(),
      summary: `Offered ${what(startsAt)} at Clinic room 2, 14 Mill Lane, Exampletown, held until ${until}`,
      refs: { appointmentId: (e.data as { appointmentId: string }).appointmentId, referralId: referral.id },
      by: 'system:inreach-offer',
    });
    const step = (e: EventEnvelope, summary: string, by: string) => ({
      kind: 'inreach_offer',
      id: e.id,
      occurredAt: new Date(e.occurredAt).toISOString(),
      summary,
      refs: { appointmentId: (e.data as { appointmentId: string }).appointmentId, referralId: referral.id },
      by,
    });
    expect(await offerEntries(worker, clientId)).toEqual([
      step(
        events.declinedEnded,
        `Offer declined by the client (SMS reply): ${what('Thu 19 Nov 2026, 10:40')}`,
        'system:sms-reply',
      ),
      held(events.declinedHeld, 'Tue 17 Nov 2026, 17:00', 'Thu 19 Nov 2026, 10:40'),
      step(events.takenBooked, `Offer taken: ${what()} booked`, 'system:sms-reply'),
      held(events.takenHeld, 'Tue 3 Nov 2026, 17:00'),
      step(events.expiredEnded, `Offer expired without an answer: ${what()}`, 'system:booking'),
      held(events.expiredHeld, 'Sun 1 Nov 2026, 12:00'),
      step(events.releasedEnded, `Offer released: ${what()}`, 'user-keyworker'),
      held(events.releasedHeld, 'Tue 3 Nov 2026, 17:00'),
    ]);

    // The offer taken is a booking like any other: the referral is booked for it.
    const read = await env.running.app.get(GetReferral).execute(worker, referral.id);
    expect(read.status).toBe('booked');
    expect(
      read.history!.filter((h) => h.action === 'appointment-booked').map((h) => h.appointmentId),
    ).toEqual(expect.arrayContaining([taken.appointmentId]));
  });

  it('still shows an offer ending whose hold never arrived, and shows offers to the client organisation only', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const neighbour = await insertClient(env.db, worker.orgId);
    const theirs = await insertClient(env.db, elsewhere.orgId);
    const lost = anOfferHold(worker.orgId, clientId);
    const lostEnd = lost.ended('expired', '2026-11-03T17:00:00Z');
    await env.publish(lostEnd);
    await handled(lostEnd);
    expect((await offerEntries(worker, clientId)).map((e) => [e.id, e.summary])).toEqual([
      [lostEnd.id, 'Offer expired without an answer: the in-reach appointment offered'],
    ]);

    // Their client in an event for this organisation; the end of an offer made to another client.
    const theirHold = anOfferHold(worker.orgId, theirs).held();
    const mine = anOfferHold(worker.orgId, clientId);
    const mineHeld = mine.held();
    const declined = mine.ended('declined');
    const endedForNeighbour = { ...declined, data: { ...declined.data, clientId: neighbour } };
    await env.publish(theirHold, mineHeld, endedForNeighbour);
    expect(await deadLettered(theirHold, endedForNeighbour)).toEqual([
      'CLIENT_NOT_FOUND',
      'APPOINTMENT_MISMATCH',
    ]);
    expect(await offerEntries(worker, neighbour)).toEqual([]);
    expect((await offerEntries(worker, clientId)).map((e) => e.id)).toEqual([lostEnd.id, mineHeld.id]);
    const otherOrg = await env.get<{ code: string }>(elsewhere, `/clients/${clientId}/timeline`);
    expect([otherOrg.status, otherOrg.body.code]).toEqual([404, 'CLIENT_NOT_FOUND']);
  });
});
