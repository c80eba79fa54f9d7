import { randomInt, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { eventually } from '@careloop/testing';
import { get, post } from '../support/http';
import {
  INREACH_OFFERS_START_TIMEOUT_MS,
  INREACH_OFFERS_STOP_TIMEOUT_MS,
  startInreachOffersEnvironment,
  type InreachOffersEnvironment,
} from '../support/inreach-offers-env';
import { nthTextTo } from '../support/reminders-loop-env';
import { readReferral } from '../support/referral-view';
import { scenarioIn } from '../support/scenario';
import { ACROSS_KAFKA } from '../support/service-env';
import { agreeToTexts } from '../support/textable-client';
import {
  asTimelineWrites,
  createRoom,
  createService,
  createWeeklySeries,
  daySheetOf,
  expectProblem,
  inreachReferral,
  offersOf,
  postReferral,
  PROVIDER,
  publishSession,
  readAppointment,
  recordNeed,
  referToInreach,
  registerClient,
  registerHostSite,
  ROOM_NAME,
  sessionsOf,
  smsSentTo,
  SITE_ADDRESS,
  SITE_NAME,
  timelineOf,
  waitingListOf,
  ZONE,
  type OfferView,
  type SessionView,
} from './inreach-api';

/**
 * An offer crosses in-reach's job (every second here), Kafka to booking, booking's hold, Kafka back to
 * in-reach and to reminders, and a text: generous, but polled.
 */
const OFFER_ROUND = { timeoutMs: 60_000, intervalMs: 250 };

/** Words an offer text must never carry: it could tell whoever reads the phone what the client is treated for. */
const SENSITIVE = /drug|alcohol|substance|recovery|addiction|hepatitis|hepatology|liver/i;

/**
 * In-reach waiting lists and offers across processes: booking, in-reach, reminders and referrals run
 * separately over real Kafka, Postgres and Redis, driven over HTTP only, reminders texting through the
 * real Twilio SDK to a fake Twilio that posts the clients' replies back, signed. Two clients wait for a
 * one-seat hepatitis C clinic; the urgent one is offered the seat by text, says no, and the seat passes
 * to the other, who says yes and is booked; the first is offered the next session.
 */
describe('in-reach: a waiting list offers a freed seat by text, across running services', () => {
  let env: InreachOffersEnvironment | undefined;
  let siteId: string;

  beforeAll(async () => {
    env = await startInreachOffersEnvironment();
    siteId = await registerHostSite(env);
  }, INREACH_OFFERS_START_TIMEOUT_MS);

  afterAll(async () => {
    await env?.stop();
  }, INREACH_OFFERS_STOP_TIMEOUT_MS);

  const scenario = scenarioIn(
    () => env,
    (e) => [e.booking, e.inreach, e.reminders, e.referrals],
    80,
  );

  const reply = async (e: InreachOffersEnvironment, mobile: string, body: string) =>
    expect(await e.replyFrom(mobile, body)).toMatchObject({
      status: 200,
      contentType: expect.stringMatching(/^text\/xml/),
    });
  /** The one offer of the service to the client in that status, once in-reach shows it. */
  const offerIn = (e: InreachOffersEnvironment, serviceId: string, clientId: string, status: string) =>
    eventually(async () => {
      const found = (await offersOf(e, `serviceId=${serviceId}&status=${status}`)).filter(
        (o) => o.clientId === clientId,
      );
      expect(found).toHaveLength(1);
      return found[0]!;
    }, OFFER_ROUND);
  /** "Wed 9 Dec at 10:00": how a text writes a time (London wall clock). */
  const asTextWrites = (instant: string) =>
    DateTime.fromISO(instant, { zone: ZONE }).setLocale('en-US').toFormat("ccc d LLL 'at' HH:mm");
  /** An offer text: to the client by name, the session's time, YES by the expiry or NO, nothing sensitive. */
  const expectSafeOffer = (
    text: string,
    offer: OfferView,
    session: SessionView,
    given: string,
    serviceType: string,
  ) => {
    expect(text).toMatch(new RegExp(`^Hi ${given}, `));
    expect(text).toContain(asTextWrites(session.startsAt));
    // "Reply YES by 22:00 Tue 8 Dec ...": the time first, as said aloud; seconds cut, never later.
    const deadline = DateTime.fromISO(offer.expiresAt, { zone: ZONE }).setLocale('en-US');
    expect(text).toContain(`YES by ${deadline.toFormat('HH:mm ccc d LLL')}`);
    expect(text).toMatch(/\bNO\b/);
    expect(text).not.toMatch(SENSITIVE);
    for (const name of [serviceType, PROVIDER, SITE_NAME]) expect(text).not.toContain(name);
  };

  scenario(
    'offers the seat to the urgent client, passes it on when they say no, books the next client who says yes',
    300_000,
    async (e) => {
      // 1. A weekly hepatitis C clinic of one seat (one 30-minute slot per 30-minute session), two
      // sessions from two days ahead, still planned: each is published when the journey needs it.
      const serviceType = `hepatitis_c_${randomUUID().slice(0, 8)}`;
      const service = await createService(e, siteId, { name: 'Hepatitis C treatment', serviceType });
      const roomId = await createRoom(e, siteId, ROOM_NAME);
      const { dates } = await createWeeklySeries(e, service.id, roomId, {
        weeks: 2,
        startTime: '10:00',
        endTime: '10:30',
      });
      const sessions = await sessionsOf(e, service.id, dates);
      const [first, next] = dates.map((date) => sessions.find((s) => s.date === date)!);
      expect([first, next].map((s) => [s?.status, s?.bookableSlots, s?.seatsPerSlot])).toEqual([
        ['planned', 1, 1],
        ['planned', 1, 1],
      ]);

      // 2. Two clients who agreed to texts on their own safe mobiles (Ofcom's drama range, clear of the
      // sender and each other): Ben referred routinely first, then Anna urgently.
      const mobileA = `+447700900${randomInt(200, 600)}`;
      const mobileB = `+447700900${randomInt(600, 1000)}`;
      const anna = await registerClient(e, 'Anna', serviceType);
      const ben = await registerClient(e, 'Ben', serviceType);
      await agreeToTexts(e, anna, mobileA);
      await agreeToTexts(e, ben, mobileB);
      const referralB = await referToInreach(e, ben, service.id, 'routine');
      const referralA = await referToInreach(e, anna, service.id, 'urgent');

      // Both wait, the urgent client first although she joined later; nobody is offered anything yet.
      await eventually(async () => {
        const waiting = await waitingListOf(e, service.id);
        expect(waiting.map((w) => [w.position, w.clientId, w.referralId, w.urgency, w.currentOffer])).toEqual(
          [
            [1, anna, referralA.id, 'urgent', null],
            [2, ben, referralB.id, 'routine', null],
          ],
        );
      }, ACROSS_KAFKA);
      expect(await offersOf(e, `serviceId=${service.id}`)).toEqual([]);

      // 3. The first session is published: its one seat is offered to Anna and held for her in booking.
      await publishSession(e, first!.id);
      const offerA = await offerIn(e, service.id, anna, 'open');
      // The keyworker's task: who, which session, where, until when, and the hold to confirm or release.
      expect(offerA).toMatchObject({
        client: { givenName: 'Anna', familyName: 'Smith' },
        referralId: referralA.id,
        keyworkerId: e.keyworker.userId,
        service: { id: service.id },
        session: { id: first!.id, startsAt: first!.startsAt },
        place: { siteName: SITE_NAME, roomName: ROOM_NAME, address: SITE_ADDRESS },
        appointmentId: expect.any(String),
      });
      // 48 hours, but never later than 12 hours before the session.
      expect(Date.parse(offerA.expiresAt)).toBeLessThanOrEqual(Date.parse(first!.startsAt) - 12 * 3_600_000);
      const heldA = await readAppointment(e, offerA.appointmentId!);
      expect(heldA).toMatchObject({
        status: 'held',
        clientId: anna,
        referralId: referralA.id,
        startsAt: first!.startsAt,
      });
      expect(Date.parse(heldA.holdExpiresAt!)).toBe(Date.parse(offerA.expiresAt));
      // Ben, routine, is not offered anything while the only seat is held.
      expect((await offersOf(e, `serviceId=${service.id}`)).map((o) => o.clientId)).toEqual([anna]);

      // Anna gets one text, safely worded, asking YES or NO for the session's time.
      const offerTextA = await nthTextTo(e, mobileA, 1, OFFER_ROUND);
      expectSafeOffer(offerTextA, offerA, first!, 'Anna', serviceType);
      expect(e.textsTo(mobileB)).toHaveLength(0);

      // 4. Anna says no: her offer ends declined, the hold ends, and the seat goes to Ben.
      await reply(e, mobileA, 'No thanks');
      await offerIn(e, service.id, anna, 'declined');
      expect(await readAppointment(e, offerA.appointmentId!)).toMatchObject({ status: 'hold_ended' });
      const offerB = await offerIn(e, service.id, ben, 'open');
      expect(offerB).toMatchObject({
        referralId: referralB.id,
        session: { id: first!.id },
        appointmentId: expect.any(String),
      });
      expect(offerB.appointmentId).not.toBe(offerA.appointmentId);
      const offerTextB = await nthTextTo(e, mobileB, 1, OFFER_ROUND);
      expectSafeOffer(offerTextB, offerB, first!, 'Ben', serviceType);

      // Ben says yes: booked by his reply, his referral booked, his offer accepted.
      await reply(e, mobileB, 'YES');
      const bookedB = await eventually(async () => {
        const read = await readAppointment(e, offerB.appointmentId!);
        expect(read.status).toBe('booked');
        return read;
      }, OFFER_ROUND);
      expect(bookedB).toMatchObject({
        clientId: ben,
        referralId: referralB.id,
        startsAt: first!.startsAt,
        holdExpiresAt: null,
        bookedBy: 'system:sms-reply',
      });
      await eventually(
        async () => expect((await readReferral(e, referralB.id)).status).toBe('booked'),
        ACROSS_KAFKA,
      );
      await offerIn(e, service.id, ben, 'accepted');

      // Ben then gets the booking's confirmation, and the care record shows both texts as sent.
      const confirmationB = await nthTextTo(e, mobileB, 2, OFFER_ROUND);
      expect(confirmationB).toMatch(/^Hi Ben,/);
      expect(confirmationB).toContain(asTextWrites(first!.startsAt));
      expect(confirmationB).not.toMatch(SENSITIVE);
      await eventually(async () => {
        const sent = await smsSentTo(e, ben);
        expect(sent.map((s) => [s.step, s.text, s.appointmentId]).sort()).toEqual([
          ['confirmation', confirmationB, offerB.appointmentId],
          ['offer', offerTextB, offerB.appointmentId],
        ]);
      }, ACROSS_KAFKA);

      // The care record shows each client's offer and what became of it.
      const offered = `appointment with ${PROVIDER} (${serviceType}) on ${asTimelineWrites(first!.startsAt)}`;
      await eventually(async () => {
        const offerEntries = async (clientId: string) =>
          (await timelineOf(e, clientId))
            .filter((entry) => entry.kind === 'inreach_offer')
            .map((entry) => [entry.summary.replace(/ at .*, held until .*$/, ''), entry.refs.appointmentId]);
        expect(await offerEntries(anna)).toEqual([
          [`Offer declined by the client (SMS reply): ${offered}`, offerA.appointmentId],
          [`Offered ${offered}`, offerA.appointmentId],
        ]);
        expect(await offerEntries(ben)).toEqual([
          [`Offer taken: ${offered} booked`, offerB.appointmentId],
          [`Offered ${offered}`, offerB.appointmentId],
        ]);
      }, ACROSS_KAFKA);

      // The clinic's day sheet for the session lists Ben.
      await eventually(async () => {
        const sheet = await daySheetOf(e, first!.id);
        expect(sheet.booked.map((b) => [b.appointmentId, b.clientId, b.client?.givenName])).toEqual([
          [offerB.appointmentId, ben, 'Ben'],
        ]);
      }, ACROSS_KAFKA);

      // 5. Anna still waits, Ben is booked; the next session is published and offered to Anna.
      // The waiting list holds only those still waiting: Anna, with no live offer, and no longer Ben.
      await eventually(async () => {
        const waiting = await waitingListOf(e, service.id);
        expect(waiting.map((w) => [w.position, w.clientId, w.currentOffer])).toEqual([[1, anna, null]]);
      }, ACROSS_KAFKA);
      await publishSession(e, next!.id);
      const nextOfferA = await offerIn(e, service.id, anna, 'open');
      expect(nextOfferA).toMatchObject({ referralId: referralA.id, session: { id: next!.id } });
      expect(await readAppointment(e, nextOfferA.appointmentId!)).toMatchObject({
        status: 'held',
        clientId: anna,
        startsAt: next!.startsAt,
      });
      expectSafeOffer(await nthTextTo(e, mobileA, 2, OFFER_ROUND), nextOfferA, next!, 'Anna', serviceType);
      // Nothing more for Ben: his offer text and his confirmation only.
      expect(e.textsTo(mobileB)).toHaveLength(2);
    },
  );

  scenario(
    "refuses a referral to another organisation's in-reach service, or to an unknown one, and adds no one",
    120_000,
    async (e) => {
      // Another CDAS runs an in-reach service at its own site; its own worker can refer to it (which also
      // shows referrals has heard of the service).
      const otherSite = await registerHostSite(e, e.tokens.otherCoordinator);
      const otherServiceType = `wound_care_${randomUUID().slice(0, 8)}`;
      const otherService = await createService(
        e,
        otherSite,
        { name: 'Wound care', serviceType: otherServiceType },
        e.tokens.otherCoordinator,
      );
      const asOtherKeyworker = e.tokens.otherKeyworker;
      const theirs = await eventuallyCreated(
        e,
        asOtherKeyworker,
        otherService.id,
        e.otherKeyworker.siteIds[0]!,
      );

      // Riverside's keyworker refers their own client there, and to a service nobody registered.
      const clientId = await registerClient(e, 'Carla', otherServiceType);
      const needId = await recordNeed(e, clientId);
      for (const serviceId of [otherService.id, randomUUID()]) {
        const refused = await postReferral(e, clientId, inreachReferral(needId, serviceId, 'urgent'));
        // Another organisation's service is refused exactly like an unknown one: nothing is said of it.
        const problem = expectProblem(refused, 422, 'INREACH_SERVICE_UNKNOWN');
        expect(problem.errors?.map((error) => error.path)).toEqual(['inreachServiceId']);
      }

      // Nothing was created: no referral, the need still open, and the other service's waiting list
      // holds only the other CDAS's own client.
      const referrals = await get<{ total: number }>(`${e.referrals.url}/referrals?clientId=${clientId}`, {
        token: e.tokens.keyworker,
      });
      expect(referrals.body.total).toBe(0);
      const need = await get<{ status: string }>(`${e.referrals.url}/needs/${needId}`, {
        token: e.tokens.keyworker,
      });
      expect(need.body.status).toBe('open');
      await eventually(async () => {
        const waiting = await waitingListOf(e, otherService.id, e.tokens.otherCoordinator);
        expect(waiting.map((w) => [w.clientId, w.referralId])).toEqual([
          [theirs.clientId, theirs.referralId],
        ]);
      }, ACROSS_KAFKA);
    },
  );

  /**
   * The other CDAS's worker registers a client and refers them to their own in-reach service, retried
   * until referrals has heard of the service (a 422 until then changes nothing).
   */
  async function eventuallyCreated(
    e: InreachOffersEnvironment,
    token: string,
    serviceId: string,
    clientSiteId: string,
  ): Promise<{ clientId: string; referralId: string }> {
    const client = await post<{ id: string }>(`${e.referrals.url}/clients`, {
      token,
      body: { name: { given: 'Dana', family: 'Jones' }, dateOfBirth: '1981-09-14', siteId: clientSiteId },
    });
    expect(client.status).toBe(201);
    const clientId = client.body.id;
    const needId = await recordNeed(e, clientId, token);
    const referral = await eventually(async () => {
      const created = await postReferral(e, clientId, inreachReferral(needId, serviceId, 'soon'), token);
      expect(created.status).toBe(201);
      return created.body;
    }, ACROSS_KAFKA);
    return { clientId, referralId: referral.id };
  }
});
