import { randomUUID } from 'node:crypto';
import { twilioSid } from '@careloop/testing';
import { SendReminder } from '../../src/sending/send-reminder';
import { Template } from '../../src/wording/template.entity';
import {
  aBookedEvent,
  aClientSnapshotEvent,
  aContact,
  aContactChangedEvent,
  aContactDataErasedEvent,
  aHeldEvent,
  aHoldEndedEvent,
  anOfferBookedEvent,
  anOfferHeldEvent,
  aTextableClient,
  RIVERSIDE_CDAS,
} from '../support/plan-fixtures';
import {
  at,
  MESSAGING_SERVICE,
  redelivered,
  useRemindersTextingThroughFakeTwilio,
} from './texting-through-fake-twilio';

/** Wednesday 2 December 2026, midday GMT: well outside quiet hours. */
const NOON = '2026-12-02T12:00:00Z';
/** The same evening, inside quiet hours (21:00-08:00 London). */
const LATE_EVENING = '2026-12-02T22:30:00Z';
/** When quiet hours end the next morning. */
const NEXT_MORNING = '2026-12-03T08:00:00Z';
/** The in-reach session: Wednesday 9 December 2026, 10:20 GMT. */
const SESSION = '2026-12-09T10:20:00Z';
/** The offer lapses at 17:00 on Friday 4 December. */
const EXPIRES = '2026-12-04T17:00:00Z';

const OFFER_TEXT =
  'Hi Sam, an appointment is free for you on Wed 9 Dec at 10:20 at Hillside Surgery, 4 Mill Lane. ' +
  'Reply YES by 17:00 Fri 4 Dec to take it, or NO if it does not suit.';

/**
 * In-reach offers texted by SMS: booking's hold for an offer (appointment.held.v1 with `offer`), its
 * booking or end, and the client's answer. Real Postgres, jobs on BullMQ on the real Redis, the real
 * Twilio adapter (the SDK) talking to a local fake Twilio, whose signed inbound webhook posts the
 * client's replies back to the service over HTTP.
 */
describe('in-reach offers by SMS', () => {
  const texting = useRemindersTextingThroughFakeTwilio({
    database: 'reminders_offers',
    redis: 'reminders-offers',
    startAt: NOON,
  });
  const { h, clock, stepOf, closed, aMobile, aTextable, runJobNow, bodiesTo, eventsAbout } = texting;

  /** Booking's hold for an offer to the client of a seat in SESSION until EXPIRES, made at `when`. */
  const anOffer = (clientId: string, when = NOON) =>
    anOfferHeldEvent({ clientId, startsAt: SESSION, holdExpiresAt: EXPIRES }, at(when));
  /** An offer made late in the evening (the clock set then): its text waits for the morning. */
  async function anOfferAtNight(clientId: string) {
    clock.set(LATE_EVENING);
    const held = anOffer(clientId, LATE_EVENING);
    const { appointmentId } = held.data;
    await h.publish(held);
    return { held, appointmentId, offer: await stepOf(appointmentId, 'offer') };
  }
  /** An offer made at noon, its text sent, then taken at 12:30 (booked): the appointment's id. */
  async function anOfferTextedThenTaken(clientId: string): Promise<string> {
    const held = anOffer(clientId);
    await h.publish(held);
    await closed(held.data.appointmentId, 'offer');
    clock.set('2026-12-02T12:30:00Z');
    await h.publish(anOfferBookedEvent(held, at('2026-12-02T12:30:00Z')));
    return held.data.appointmentId;
  }
  const plan = async (appointmentId: string) =>
    (await h.reminders(appointmentId)).map((r) => [r.appointment_version, r.step, r.status, r.status_reason]);
  const appointmentRow = async (appointmentId: string) =>
    (
      await h.dataSource.query<
        { status: string; version: number; offer_id: string | null; offer_expires_at: Date | null }[]
      >(
        `SELECT "status", "version", "offer_id", "offer_expires_at" FROM "reminders"."appointment"
          WHERE "appointment_id" = $1`,
        [appointmentId],
      )
    )[0];

  it("texts the offer at once, through Twilio, to the client's own mobile; a redelivered hold changes nothing", async () => {
    const { clientId, mobile } = await aTextable();
    const held = anOffer(clientId);
    const { appointmentId } = held.data;
    await h.publish(held);

    const offer = await closed(appointmentId, 'offer');
    expect(offer).toMatchObject({ status: 'sent', status_reason: null, due_at: new Date(NOON) });
    expect(texting.fake.requests.filter((r) => r.to === mobile)).toEqual([
      expect.objectContaining({
        body: OFFER_TEXT,
        messagingServiceSid: MESSAGING_SERVICE,
        answeredWith: 201,
      }),
    ]);
    expect(await appointmentRow(appointmentId)).toEqual({
      status: 'offered',
      version: 1,
      offer_id: held.data.offer!.offerId,
      offer_expires_at: new Date(EXPIRES),
    });
    expect(await eventsAbout(clientId)).toEqual([
      expect.objectContaining({
        type: 'reminder.sent.v1',
        data: expect.objectContaining({ appointmentId, step: 'offer', text: OFFER_TEXT, gateway: 'twilio' }),
      }),
    ]);

    await h.publish(...redelivered(held));
    expect(await plan(appointmentId)).toEqual([[1, 'offer', 'sent', null]]);
    expect(bodiesTo(mobile)).toEqual([OFFER_TEXT]);
  });

  it('never tells a client who did not agree a place that names the drug service', async () => {
    const { clientId, mobile } = await aTextable();
    const held = anOfferHeldEvent(
      {
        clientId,
        startsAt: SESSION,
        holdExpiresAt: EXPIRES,
        offer: { location: 'Clinic room 2, Riverside Recovery Hub, 14 Mill Lane' },
      },
      at(NOON),
    );
    await h.publish(held);

    expect(await closed(held.data.appointmentId, 'offer')).toMatchObject({ status: 'sent' });
    expect(bodiesTo(mobile)).toEqual([
      'Hi Sam, an appointment is free for you on Wed 9 Dec at 10:20 at a place we will confirm. ' +
        'Reply YES by 17:00 Fri 4 Dec to take it, or NO if it does not suit.',
    ]);
  });

  it("uses the organisation's own offer wording when it saved one", async () => {
    const { clientId, mobile } = await aTextable();
    await h.dataSource.getRepository(Template).save({
      orgId: RIVERSIDE_CDAS,
      step: 'offer' as const,
      body: 'Hi {name}, a place is free {when} at {where}. Text YES before {expires} to have it, or NO.',
      namesService: false,
      updatedBy: 'priya.shah',
      updatedAt: new Date(NOON),
    });
    const held = anOffer(clientId);
    try {
      await h.publish(held);
      expect(await closed(held.data.appointmentId, 'offer')).toMatchObject({ status: 'sent' });
    } finally {
      await h.dataSource.getRepository(Template).delete({ orgId: RIVERSIDE_CDAS, step: 'offer' });
    }
    expect(bodiesTo(mobile)).toEqual([
      'Hi Sam, a place is free Wed 9 Dec at 10:20 at Hillside Surgery, 4 Mill Lane. Text YES before 17:00 Fri 4 Dec to have it, or NO.',
    ]);
  });

  it('plans no text for a client who may not be texted, and says why', async () => {
    const clientId = randomUUID();
    const mobile = aMobile();
    // Registered with their own mobile, but no consent to texts.
    await h.publish(
      aClientSnapshotEvent(clientId, 1),
      aContactChangedEvent(clientId, [aContact('own_mobile', mobile)]),
    );
    const held = anOffer(clientId);
    await h.publish(held);

    const [offer] = await h.reminders(held.data.appointmentId);
    expect(offer).toMatchObject({ step: 'offer', status: 'skipped', status_reason: 'no_sms_consent' });
    expect(await h.job(offer!.id)).toBeUndefined();
    expect(await appointmentRow(held.data.appointmentId)).toMatchObject({ status: 'offered' });
    expect(bodiesTo(mobile)).toEqual([]);
  });

  it('leaves a client not registered here yet to the worker, which texts nobody it does not know', async () => {
    const held = anOfferHeldEvent(
      { clientId: randomUUID(), startsAt: SESSION, holdExpiresAt: EXPIRES },
      at(NOON),
    );
    await h.publish(held);

    expect(await closed(held.data.appointmentId, 'offer')).toMatchObject({
      status: 'skipped',
      status_reason: 'client_unknown',
    });
  });

  it('holds an offer made at night until 08:00, and sends it then', async () => {
    const { clientId, mobile } = await aTextable();
    const { held, offer } = await anOfferAtNight(clientId);
    expect(offer).toMatchObject({ status: 'scheduled', due_at: new Date(NEXT_MORNING) });
    expect(await h.job(offer.id)).toMatchObject({ state: 'scheduled', runAt: new Date(NEXT_MORNING) });
    expect(bodiesTo(mobile)).toEqual([]);

    clock.set(NEXT_MORNING);
    await runJobNow(offer.id);
    expect(await closed(held.data.appointmentId, 'offer')).toMatchObject({ status: 'sent' });
    expect(bodiesTo(mobile)).toEqual([OFFER_TEXT]);
  });

  it('skips an offer that lapses before the morning, and one that lapsed by the time its text was due', async () => {
    const { clientId, mobile } = await aTextable();
    clock.set(LATE_EVENING);
    const lapsingAtDawn = anOfferHeldEvent(
      { clientId, startsAt: SESSION, holdExpiresAt: '2026-12-03T07:00:00Z' },
      at(LATE_EVENING),
    );
    await h.publish(lapsingAtDawn);
    const [skipped] = await h.reminders(lapsingAtDawn.data.appointmentId);
    expect(skipped).toMatchObject({ status: 'skipped', status_reason: 'offer_expires_in_quiet_hours' });
    expect(await h.job(skipped!.id)).toBeUndefined();

    // Due at 08:00, lapsing at 09:00; its job runs late, at 09:30 (a backlog): under the lock it stops.
    const lapsingAtNine = anOfferHeldEvent(
      { clientId, startsAt: SESSION, holdExpiresAt: '2026-12-03T09:00:00Z' },
      at(LATE_EVENING),
    );
    await h.publish(lapsingAtNine);
    const late = await stepOf(lapsingAtNine.data.appointmentId, 'offer');
    expect(late.status).toBe('scheduled');
    clock.set('2026-12-03T09:30:00Z');
    await runJobNow(late.id);
    expect(await closed(lapsingAtNine.data.appointmentId, 'offer')).toMatchObject({
      status: 'skipped',
      status_reason: 'offer_expired',
    });
    expect(bodiesTo(mobile)).toEqual([]);
  });

  it('an offer booked before its text went: the booked plan follows and the offer text is never sent', async () => {
    const { clientId, mobile } = await aTextable();
    const { held, appointmentId, offer } = await anOfferAtNight(clientId);

    // The keyworker confirms the hold on the phone before the morning.
    clock.set('2026-12-02T23:00:00Z');
    const booked = anOfferBookedEvent(held, at('2026-12-02T23:00:00Z'));
    await h.publish(booked);

    expect(await appointmentRow(appointmentId)).toMatchObject({ status: 'booked', version: 2 });
    expect(await plan(appointmentId)).toEqual([
      [1, 'offer', 'superseded', 'offer_booked'],
      [2, 'confirmation', 'scheduled', null],
      [2, 'three_days_before', 'scheduled', null],
      [2, 'evening_before', 'scheduled', null],
      [2, 'two_hours_before', 'scheduled', null],
    ]);
    expect(await h.job(offer.id)).toBeUndefined();
    // Redelivered, or repeated with a new id: nothing more changes.
    await h.publish(...redelivered(booked));
    expect(await h.reminders(appointmentId)).toHaveLength(5);

    clock.set(NEXT_MORNING);
    const confirmation = await stepOf(appointmentId, 'confirmation', 2);
    expect(confirmation.due_at).toEqual(new Date(NEXT_MORNING));
    await runJobNow(confirmation.id);
    expect(await closed(appointmentId, 'confirmation', 2)).toMatchObject({ status: 'sent' });
    // A stray job of the offer finds it superseded.
    await expect(h.running.app.get(SendReminder).execute(offer.id, { finalAttempt: true })).resolves.toEqual({
      kind: 'nothing_to_do',
    });
    expect(bodiesTo(mobile)).toEqual([
      "Hi Sam, you're booked in for Wed 9 Dec at 10:20 at Hillside Surgery, 4 Mill Lane. Reply Y to confirm or N to change it.",
    ]);
  });

  it('an offer taken after its text went gets its confirmation too', async () => {
    const { clientId, mobile } = await aTextable();
    const appointmentId = await anOfferTextedThenTaken(clientId);

    expect(await closed(appointmentId, 'confirmation', 2)).toMatchObject({ status: 'sent' });
    expect((await plan(appointmentId)).slice(0, 2)).toEqual([
      [1, 'offer', 'sent', null],
      [2, 'confirmation', 'sent', null],
    ]);
    expect(bodiesTo(mobile)).toEqual([
      OFFER_TEXT,
      expect.stringMatching(/^Hi Sam, you're booked in for Wed 9 Dec/),
    ]);
  });

  it('an offer whose hold ended before its text went ends, and nothing is sent', async () => {
    const { clientId, mobile } = await aTextable();
    const { held, appointmentId, offer } = await anOfferAtNight(clientId);

    const ended = aHoldEndedEvent(held, 'released', at('2026-12-02T23:00:00Z'));
    await h.publish(ended);

    expect(await appointmentRow(appointmentId)).toMatchObject({ status: 'offer_ended', version: 1 });
    expect(await plan(appointmentId)).toEqual([[1, 'offer', 'cancelled', 'offer_released']]);
    expect(await h.job(offer.id)).toBeUndefined();
    await h.publish(...redelivered(ended));
    // Booking books no ended hold; a booking arriving all the same is old news.
    await h.publish(anOfferBookedEvent(held, at('2026-12-02T23:30:00Z')));
    expect(await plan(appointmentId)).toEqual([[1, 'offer', 'cancelled', 'offer_released']]);
    expect(await appointmentRow(appointmentId)).toMatchObject({ status: 'offer_ended' });

    clock.set(NEXT_MORNING);
    await expect(h.running.app.get(SendReminder).execute(offer.id, { finalAttempt: true })).resolves.toEqual({
      kind: 'nothing_to_do',
    });
    expect(bodiesTo(mobile)).toEqual([]);
  });

  it('a hold made by staff on the phone, and its end, are no offer: nothing is kept or planned', async () => {
    const appointmentId = randomUUID();
    const held = aHeldEvent({ appointmentId, clientId: randomUUID(), startsAt: SESSION });
    await h.publish(held, aHoldEndedEvent(held, 'expired'));
    expect(await appointmentRow(appointmentId)).toBeUndefined();
    expect(await h.reminders(appointmentId)).toEqual([]);
  });

  it('erasing the client cancels an offer text not yet sent', async () => {
    const { clientId, mobile } = await aTextable();
    const { held } = await anOfferAtNight(clientId);
    await h.publish(aContactDataErasedEvent(clientId, at('2026-12-02T23:00:00Z')));

    expect(await plan(held.data.appointmentId)).toEqual([[1, 'offer', 'cancelled', 'contact_erased']]);
    expect(bodiesTo(mobile)).toEqual([]);
  });

  describe("the client's answer", () => {
    const { reply, repliesOf } = texting;

    it('is about the held appointment: YES takes it, NO or "not that day" declines it, each reported once', async () => {
      const { clientId, mobile } = await aTextable();
      const held = anOffer(clientId);
      const { appointmentId } = held.data;
      await h.publish(held);
      await closed(appointmentId, 'offer');

      const yes = twilioSid('SM');
      expect(await reply(mobile, 'YES', yes)).toMatchObject({ status: 200 });
      await reply(mobile, 'No thanks');
      await reply(mobile, 'not that day sorry');
      // Twilio retries a delivery it thinks failed: the same message is reported once.
      await reply(mobile, 'YES', yes);

      expect(await repliesOf(clientId)).toEqual([
        ['confirm', appointmentId, 'YES'],
        ['rebook', appointmentId, 'No thanks'],
        ['rebook', appointmentId, 'not that day sorry'],
      ]);
    });

    /** Booked at 09:00 for Thursday 10:30 (its confirmation texted then), by a keyworker on the phone. */
    async function aBookingAtNine(clientId: string) {
      clock.set('2026-12-02T09:00:00Z');
      const booked = aBookedEvent({ clientId, startsAt: '2026-12-03T10:30:00Z' }, at('2026-12-02T09:00:00Z'));
      await h.publish(booked);
      await closed(booked.data.appointmentId, 'confirmation');
      return booked.data.appointmentId;
    }
    /** An offer made and texted at 10:00. */
    async function anOfferAtTen(clientId: string) {
      clock.set('2026-12-02T10:00:00Z');
      const held = anOffer(clientId, '2026-12-02T10:00:00Z');
      await h.publish(held);
      await closed(held.data.appointmentId, 'offer');
      return held;
    }
    const replyAt = async (iso: string, from: string, body: string) => {
      clock.set(iso);
      await reply(from, body);
    };

    it('to a reminder texted after a live offer, is neither a yes nor a no: the offer may be what it answers', async () => {
      const { clientId, mobile } = await aTextable();
      const held = await anOfferAtTen(clientId);
      // The evening-before reminder of another appointment, for Thursday, at 18:00.
      const booked = aBookedEvent({ clientId, startsAt: '2026-12-03T10:30:00Z' }, at('2026-12-02T10:00:00Z'));
      await h.publish(booked);
      const reminded = booked.data.appointmentId;
      clock.set('2026-12-02T18:00:00Z');
      await runJobNow((await stepOf(reminded, 'evening_before')).id);
      expect(await closed(reminded, 'evening_before')).toMatchObject({ status: 'sent' });
      expect(bodiesTo(mobile).at(-1)).toMatch(/^Hi Sam, .*Reply Y to confirm or N to change it\.$/);

      await replyAt('2026-12-02T18:05:00Z', mobile, 'YES');
      await replyAt('2026-12-02T18:06:00Z', mobile, 'No');
      // Once the offer has ended, a yes is about the reminder again.
      await h.publish(aHoldEndedEvent(held, 'expired', at('2026-12-02T18:10:00Z')));
      await replyAt('2026-12-02T18:15:00Z', mobile, 'Yes');

      expect(await repliesOf(clientId)).toEqual([
        ['other', reminded, 'YES'],
        ['other', reminded, 'No'],
        ['confirm', reminded, 'Yes'],
      ]);
    });

    it("on a shared phone, a yes after an offer to one of its clients takes nobody's offer", async () => {
      const sharedPhone = aMobile();
      const offeredTo = randomUUID();
      const replying = randomUUID();
      await h.publish(...aTextableClient(offeredTo, sharedPhone), ...aTextableClient(replying, sharedPhone));
      // The partner's own reminder, then the offer to the other: the latest text to the phone.
      await aBookingAtNine(replying);
      const held = await anOfferAtTen(offeredTo);

      await replyAt('2026-12-02T10:30:00Z', sharedPhone, 'yes');

      // Still for the keyworker of the client texted last, but nothing that takes the offer.
      expect(await repliesOf(offeredTo)).toEqual([['other', held.data.appointmentId, 'yes']]);
      expect(await repliesOf(replying)).toEqual([]);
      expect(await appointmentRow(held.data.appointmentId)).toMatchObject({ status: 'offered' });
    });

    it('a plain YES to the latest text, an offer, from a number nobody else has, still takes it', async () => {
      const { clientId, mobile } = await aTextable();
      // An earlier text about another appointment: the offer came after it.
      await aBookingAtNine(clientId);
      const held = await anOfferAtTen(clientId);

      await replyAt('2026-12-02T10:30:00Z', mobile, 'YES');

      expect(await repliesOf(clientId)).toEqual([['confirm', held.data.appointmentId, 'YES']]);
    });

    it('to the confirmation that followed a taken offer, is read as a reply to a reminder again', async () => {
      const { clientId, mobile } = await aTextable();
      const appointmentId = await anOfferTextedThenTaken(clientId);
      await closed(appointmentId, 'confirmation', 2);

      await reply(mobile, 'not that day');

      expect(await repliesOf(clientId)).toEqual([['other', appointmentId, 'not that day']]);
    });
  });
});
