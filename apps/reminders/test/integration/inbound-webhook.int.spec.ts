import type { Principal } from '@careloop/auth';
import { ManualClock } from '@careloop/time';
import { InboundModule } from '../../src/inbound/inbound.module';
import { findReplyingClient } from '../../src/inbound/replying-client';
import {
  aClient,
  aMessageSid,
  aMobile,
  aReminderText,
  eventsAbout,
  useTwilioWebhooksOverHttp,
  type ClientRow,
  type Signing,
} from '../support/twilio-webhooks-over-http';

const INBOUND = '/webhooks/twilio/inbound';
const DEV_REPLIES = '/dev/sms-inbox/replies';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const NOW = new Date('2026-03-02T18:30:00Z');
const TWILIO_NUMBER = '+447700900999';
const daysBefore = (instant: Date, days: number) => new Date(instant.getTime() - days * 86_400_000);

/** Client replies arriving through Twilio's signed inbound webhook, on real Postgres over HTTP. */
describe('inbound texts over HTTP', () => {
  const clock = new ManualClock(NOW);
  const reminders = useTwilioWebhooksOverHttp({
    database: 'reminders_inbound',
    modules: [InboundModule],
    clock,
  });
  const ds = () => reminders.dataSource;

  const reply = (from: string, body: string, messageSid = aMessageSid()) => ({
    MessageSid: messageSid,
    AccountSid: `AC${'0'.repeat(32)}`,
    From: from,
    To: TWILIO_NUMBER,
    Body: body,
    NumMedia: '0',
  });

  const storedReplies = (messageSid: string) =>
    ds().query<
      {
        client_id: string | null;
        appointment_id: string | null;
        intent: string;
        body: string;
        from: string;
      }[]
    >(
      `SELECT "client_id", "appointment_id", "intent", "body", "from" FROM "reminders"."inbound_message"
        WHERE "gateway" = 'twilio' AND "gateway_message_id" = $1`,
      [messageSid],
    );
  const replyCount = async () =>
    (await ds().query<{ n: number }[]>(`SELECT count(*)::int AS "n" FROM "reminders"."inbound_message"`))[0]!
      .n;
  const optedOutAt = async (client: ClientRow) =>
    (
      await ds().query<{ opted_out_at: Date | null }[]>(
        `SELECT "opted_out_at" FROM "reminders"."client" WHERE "client_id" = $1`,
        [client.clientId],
      )
    )[0]!.opted_out_at;

  it('keeps a signed reply, reads it and tells the keyworker, about the latest reminder that reached the client', async () => {
    const client = await aClient(ds());
    await aReminderText(ds(), client, { sentAt: new Date('2026-02-27T10:00:00Z'), status: 'delivered' });
    const latest = await aReminderText(ds(), client, {
      sentAt: new Date('2026-03-01T18:00:00Z'),
      status: 'delivered',
    });
    // Texted after it, but it never reached the phone: not what the client is answering.
    await aReminderText(ds(), client, { sentAt: new Date('2026-03-02T10:00:00Z'), status: 'undelivered' });
    const form = reply(client.mobile!, "Yes I'll be there 👍");

    const answer = await reminders.post(INBOUND, form);

    expect(answer).toEqual({ status: 200, contentType: 'text/xml; charset=utf-8', text: EMPTY_TWIML });
    expect(await storedReplies(form.MessageSid)).toEqual([
      {
        client_id: client.clientId,
        appointment_id: latest.appointmentId,
        intent: 'confirm',
        body: "Yes I'll be there 👍",
        from: client.mobile,
      },
    ]);
    const events = await eventsAbout(ds(), client.clientId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'sms.reply-received.v1',
        orgId: client.orgId,
        actor: { kind: 'client', id: client.clientId },
        data: {
          replyId: expect.any(String),
          clientId: client.clientId,
          appointmentId: latest.appointmentId,
          intent: 'confirm',
          text: "Yes I'll be there 👍",
          receivedAt: NOW.toISOString(),
        },
      }),
    ]);
    // The appointment is booking's: a reply changes nothing of it here.
    expect(
      await ds().query(`SELECT "status" FROM "reminders"."appointment" WHERE "appointment_id" = $1`, [
        latest.appointmentId,
      ]),
    ).toEqual([{ status: 'booked' }]);
  });

  it('sends every reply to the keyworker, a "can\'t make it" and an unreadable one too', async () => {
    const client = await aClient(ds());
    await reminders.post(INBOUND, reply(client.mobile!, "Sorry can't make it"));
    await reminders.post(INBOUND, reply(client.mobile!, 'yes but can I bring my dog?'));

    const events = await eventsAbout(ds(), client.clientId);
    expect(events.map((e) => [e.type, e.data['intent'], e.data['appointmentId']])).toEqual([
      ['sms.reply-received.v1', 'rebook', null],
      ['sms.reply-received.v1', 'other', null],
    ]);
  });

  it('takes a repeated message id once: the same answer again, one row, one event', async () => {
    const client = await aClient(ds());
    const form = reply(client.mobile!, 'N');

    const first = await reminders.post(INBOUND, form);
    const again = await reminders.post(INBOUND, { ...form, Body: 'Y' });

    expect(again).toEqual(first);
    expect(await storedReplies(form.MessageSid)).toEqual([
      expect.objectContaining({ intent: 'rebook', body: 'N' }),
    ]);
    expect(await eventsAbout(ds(), client.clientId)).toHaveLength(1);
  });

  it('mirrors a carrier opt-out into the client: no more reminders, and consent withdrawn through an event', async () => {
    const client = await aClient(ds());
    await reminders.post(INBOUND, reply(client.mobile!, 'Stop'));

    expect(await optedOutAt(client)).toEqual(NOW);
    const events = await eventsAbout(ds(), client.clientId);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['sms.reply-received.v1', expect.objectContaining({ intent: 'opt_out', text: 'Stop' })],
      [
        'client.sms-opted-out.v1',
        { clientId: client.clientId, keyword: 'STOP', receivedAt: NOW.toISOString() },
      ],
    ]);

    // A later STOP is reported again, as the client's latest word, but the opt-out time stands.
    clock.advance(60_000);
    await reminders.post(INBOUND, reply(client.mobile!, 'UNSUBSCRIBE'));
    expect(await optedOutAt(client)).toEqual(NOW);
    expect((await eventsAbout(ds(), client.clientId)).map((e) => e.type)).toEqual([
      'sms.reply-received.v1',
      'client.sms-opted-out.v1',
      'sms.reply-received.v1',
      'client.sms-opted-out.v1',
    ]);
    clock.set(NOW);
  });

  it('keeps a reply from a number no client has, or several share with none texted there lately, and tells nobody', async () => {
    const stranger = aMobile();
    const shared = aMobile();
    const one = await aClient(ds(), { mobile: shared });
    const other = await aClient(ds(), { mobile: shared, orgId: 'org-hillside-cdas' });
    // Too long ago to say who holds the phone now, or sent to another number of theirs.
    await aReminderText(ds(), one, { sentAt: daysBefore(NOW, 15), status: 'delivered' });
    await aReminderText(ds(), other, { sentAt: daysBefore(NOW, 1), status: 'delivered', to: aMobile() });
    const fromStranger = reply(stranger, 'Yes');
    const fromShared = reply(shared, 'STOP');

    expect((await reminders.post(INBOUND, fromStranger)).status).toBe(200);
    expect((await reminders.post(INBOUND, fromShared)).status).toBe(200);

    expect(await storedReplies(fromStranger.MessageSid)).toEqual([
      expect.objectContaining({ client_id: null, appointment_id: null, intent: 'confirm' }),
    ]);
    expect(await storedReplies(fromShared.MessageSid)).toEqual([
      expect.objectContaining({ client_id: null, intent: 'opt_out' }),
    ]);
    for (const client of [one, other]) {
      expect(await eventsAbout(ds(), client.clientId)).toEqual([]);
      expect(await optedOutAt(client)).toBeNull();
    }
  });

  describe('a number several clients share (a couple, a hostel phone)', () => {
    it('gives the reply to the client texted there last, on their timeline, and to nobody else', async () => {
      const shared = aMobile();
      const sam = await aClient(ds(), { mobile: shared });
      const partner = await aClient(ds(), { mobile: shared });
      await aReminderText(ds(), partner, { sentAt: daysBefore(NOW, 3), status: 'delivered' });
      const latest = await aReminderText(ds(), sam, {
        sentAt: new Date('2026-03-02T17:00:00Z'),
        status: 'delivered',
      });
      // Texted later still, but it never reached the phone: nobody is answering it.
      await aReminderText(ds(), partner, { sentAt: new Date('2026-03-02T18:00:00Z'), status: 'undelivered' });
      const form = reply(shared, 'Yes see you then');

      expect((await reminders.post(INBOUND, form)).status).toBe(200);

      expect(await storedReplies(form.MessageSid)).toEqual([
        expect.objectContaining({ client_id: sam.clientId, appointment_id: latest.appointmentId }),
      ]);
      expect(await eventsAbout(ds(), sam.clientId)).toEqual([
        expect.objectContaining({
          type: 'sms.reply-received.v1',
          orgId: sam.orgId,
          data: expect.objectContaining({
            clientId: sam.clientId,
            appointmentId: latest.appointmentId,
            intent: 'confirm',
            text: 'Yes see you then',
          }),
        }),
      ]);
      expect(await eventsAbout(ds(), partner.clientId)).toEqual([]);
    });

    it("opts out only the client texted there last, even when the other is another service's", async () => {
      const hostelPhone = aMobile();
      const ours = await aClient(ds(), { mobile: hostelPhone });
      const theirs = await aClient(ds(), { mobile: hostelPhone, orgId: 'org-hilltop-cdas' });
      await aReminderText(ds(), ours, { sentAt: daysBefore(NOW, 2), status: 'delivered' });
      await aReminderText(ds(), theirs, { sentAt: daysBefore(NOW, 1), status: 'sent' });

      await reminders.post(INBOUND, reply(hostelPhone, 'STOP'));

      expect(await optedOutAt(theirs)).toEqual(NOW);
      expect((await eventsAbout(ds(), theirs.clientId)).map((e) => [e.type, e.orgId])).toEqual([
        ['sms.reply-received.v1', 'org-hilltop-cdas'],
        ['client.sms-opted-out.v1', 'org-hilltop-cdas'],
      ]);
      expect(await optedOutAt(ours)).toBeNull();
      expect(await eventsAbout(ds(), ours.clientId)).toEqual([]);
    });

    it('tells nobody when both were texted there at the same moment', async () => {
      const shared = aMobile();
      const one = await aClient(ds(), { mobile: shared });
      const other = await aClient(ds(), { mobile: shared });
      const sentAt = daysBefore(NOW, 1);
      await aReminderText(ds(), one, { sentAt, status: 'delivered' });
      await aReminderText(ds(), other, { sentAt, status: 'delivered' });
      const form = reply(shared, 'Yes');

      await reminders.post(INBOUND, form);

      expect(await storedReplies(form.MessageSid)).toEqual([expect.objectContaining({ client_id: null })]);
      expect(await eventsAbout(ds(), one.clientId)).toEqual([]);
      expect(await eventsAbout(ds(), other.clientId)).toEqual([]);
    });

    // The development inbox passes the replying member of staff's organisation (RecordInboundMessage).
    it("looks only among one organisation's clients when told to, however recent the other's text", async () => {
      const shared = aMobile();
      const ours = await aClient(ds(), { mobile: shared });
      const theirs = await aClient(ds(), { mobile: shared, orgId: 'org-hilltop-cdas' });
      const ourText = await aReminderText(ds(), ours, { sentAt: daysBefore(NOW, 2), status: 'delivered' });
      await aReminderText(ds(), theirs, { sentAt: daysBefore(NOW, 1), status: 'delivered' });

      const scoped = await findReplyingClient(ds().manager, { from: shared, now: NOW, orgId: ours.orgId });
      const unscoped = await findReplyingClient(ds().manager, { from: shared, now: NOW });

      expect(scoped).toEqual({
        kind: 'matched',
        clientId: ours.clientId,
        orgId: ours.orgId,
        appointmentId: ourText.appointmentId,
        answering: 'evening_before',
        doubt: null,
      });
      expect(unscoped).toMatchObject({ kind: 'matched', clientId: theirs.clientId });
      expect(
        await findReplyingClient(ds().manager, { from: shared, now: NOW, orgId: 'org-elsewhere-cdas' }),
      ).toEqual({ kind: 'none' });
    });
  });

  describe('a yes or no that an offer casts doubt on', () => {
    const offerHeldUntil = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

    it('is other when an offer still open was texted before the reminder answered', async () => {
      const client = await aClient(ds());
      await aReminderText(ds(), client, {
        sentAt: new Date('2026-03-02T10:00:00Z'),
        status: 'delivered',
        offerExpiresAt: offerHeldUntil(24),
      });
      const reminder = await aReminderText(ds(), client, {
        sentAt: new Date('2026-03-02T18:00:00Z'),
        status: 'delivered',
      });
      const form = reply(client.mobile!, 'Yes');

      await reminders.post(INBOUND, form);

      expect(await storedReplies(form.MessageSid)).toEqual([
        expect.objectContaining({ appointment_id: reminder.appointmentId, intent: 'other' }),
      ]);
      expect(await findReplyingClient(ds().manager, { from: client.mobile!, now: NOW })).toMatchObject({
        appointmentId: reminder.appointmentId,
        doubt: 'another_live_offer',
      });
    });

    it('is not, for an offer whose hold lapsed, or whose text never reached the phone', async () => {
      const client = await aClient(ds());
      await aReminderText(ds(), client, {
        sentAt: new Date('2026-03-01T10:00:00Z'),
        status: 'delivered',
        offerExpiresAt: offerHeldUntil(-1),
      });
      await aReminderText(ds(), client, {
        sentAt: new Date('2026-03-02T10:00:00Z'),
        status: 'undelivered',
        offerExpiresAt: offerHeldUntil(24),
      });
      const reminder = await aReminderText(ds(), client, {
        sentAt: new Date('2026-03-02T18:00:00Z'),
        status: 'delivered',
      });
      const yes = reply(client.mobile!, 'Yes');
      const no = reply(client.mobile!, "Can't make it");

      await reminders.post(INBOUND, yes);
      await reminders.post(INBOUND, no);

      expect(await storedReplies(yes.MessageSid)).toEqual([
        expect.objectContaining({ appointment_id: reminder.appointmentId, intent: 'confirm' }),
      ]);
      expect(await storedReplies(no.MessageSid)).toEqual([
        expect.objectContaining({ appointment_id: reminder.appointmentId, intent: 'rebook' }),
      ]);
    });

    it('on a shared phone whose latest text was an offer, is other, but a STOP still opts that client out', async () => {
      const shared = aMobile();
      const offered = await aClient(ds(), { mobile: shared });
      const partner = await aClient(ds(), { mobile: shared });
      await aReminderText(ds(), partner, { sentAt: new Date('2026-03-02T09:00:00Z'), status: 'delivered' });
      const offer = await aReminderText(ds(), offered, {
        sentAt: new Date('2026-03-02T10:00:00Z'),
        status: 'delivered',
        offerExpiresAt: offerHeldUntil(24),
      });
      const yes = reply(shared, 'yes');

      await reminders.post(INBOUND, yes);
      await reminders.post(INBOUND, reply(shared, 'STOP'));

      expect(await storedReplies(yes.MessageSid)).toEqual([
        expect.objectContaining({
          client_id: offered.clientId,
          appointment_id: offer.appointmentId,
          intent: 'other',
        }),
      ]);
      expect((await eventsAbout(ds(), offered.clientId)).map((e) => [e.type, e.data['intent']])).toEqual([
        ['sms.reply-received.v1', 'other'],
        ['sms.reply-received.v1', 'opt_out'],
        ['client.sms-opted-out.v1', undefined],
      ]);
      expect(await eventsAbout(ds(), partner.clientId)).toEqual([]);
    });
  });

  describe('refuses what Twilio did not sign, and changes nothing', () => {
    const refusals: [string, (form: Record<string, string>) => Signing][] = [
      ['unsigned', () => 'unsigned'],
      ['signed with another auth token', () => ({ token: 'another-auth-token-0123456789' })],
      // A proxy in front: the URL we are reached at is not the one Twilio was given and signed.
      ['signed for the URL the service listens at', () => ({ url: `${reminders.localUrl}${INBOUND}` })],
      [
        'forged: signed over other fields (the text changed on the way)',
        (form) => ({ params: { ...form, Body: 'Yes' } }),
      ],
    ];

    it.each(refusals)('%s', async (_, signing) => {
      const client = await aClient(ds());
      const form = reply(client.mobile!, 'STOP');

      const answer = await reminders.post(INBOUND, form, signing(form));

      expect(answer.status).toBe(403);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.text)).toMatchObject({ status: 403, code: 'TWILIO_SIGNATURE_INVALID' });
      expect(await storedReplies(form.MessageSid)).toEqual([]);
      expect(await eventsAbout(ds(), client.clientId)).toEqual([]);
      expect(await optedOutAt(client)).toBeNull();
    });
  });

  it('answers a signed request without the fields of an inbound text with a 400, storing nothing', async () => {
    const before = await replyCount();
    const answer = await reminders.post(INBOUND, { From: aMobile(), Body: 'Yes' });

    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.text)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'MessageSid', in: 'body' })],
    });
    expect(await replyCount()).toBe(before);
  });

  describe('the development inbox: a person replies as the client', () => {
    const keyworker: Principal = {
      userId: 'user-keyworker',
      name: 'Alex Morgan',
      roles: ['drug_worker'],
      orgId: 'org-riverside-cdas',
      orgKind: 'cdas',
      siteIds: [],
    };

    it('takes the reply down the same path as a Twilio one', async () => {
      const client = await aClient(ds());
      const answer = await reminders.postAs(keyworker, DEV_REPLIES, {
        from: client.mobile!.replace('+44', '0'),
        body: 'stop',
      });

      expect(answer.status).toBe(201);
      const view = JSON.parse(answer.text) as { id: string };
      expect(view).toEqual({ id: expect.any(String), intent: 'opt_out', client: 'matched' });
      expect(
        await ds().query(`SELECT "gateway", "client_id" FROM "reminders"."inbound_message" WHERE "id" = $1`, [
          view.id,
        ]),
      ).toEqual([{ gateway: 'dev_inbox', client_id: client.clientId }]);
      expect(await optedOutAt(client)).toEqual(NOW);
      expect((await eventsAbout(ds(), client.clientId)).map((e) => e.type)).toEqual([
        'sms.reply-received.v1',
        'client.sms-opted-out.v1',
      ]);
    });

    it('refuses a reply from something that is not a UK mobile, keeping nothing', async () => {
      const before = await replyCount();
      const answer = await reminders.postAs(keyworker, DEV_REPLIES, { from: '0161 496 0000', body: 'Yes' });

      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: 'from' })],
      });
      expect(await replyCount()).toBe(before);
    });

    it("refuses to reply as another organisation's client, keeping nothing and opting nobody out", async () => {
      const theirs = await aClient(ds(), { orgId: 'org-hilltop-cdas' });
      const before = await replyCount();

      const answer = await reminders.postAs(keyworker, DEV_REPLIES, { from: theirs.mobile!, body: 'STOP' });

      expect(answer.status).toBe(404);
      expect(await replyCount()).toBe(before);
      expect(await optedOutAt(theirs)).toBeNull();
      expect(await eventsAbout(ds(), theirs.clientId)).toEqual([]);
    });

    it("refuses a number none of the organisation's clients has", async () => {
      const before = await replyCount();

      const answer = await reminders.postAs(keyworker, DEV_REPLIES, { from: aMobile(), body: 'Yes' });

      expect(answer.status).toBe(404);
      expect(await replyCount()).toBe(before);
    });

    it('is for drug service staff only', async () => {
      const client = await aClient(ds());
      const before = await replyCount();

      const answer = await reminders.postAs(
        { ...keyworker, roles: ['admin'], orgKind: 'gp_practice' },
        DEV_REPLIES,
        { from: client.mobile!, body: 'STOP' },
      );

      expect(answer.status).toBe(403);
      expect(await replyCount()).toBe(before);
      expect(await optedOutAt(client)).toBeNull();
    });

    it('needs a signed-in member of staff', async () => {
      const answer = await reminders.post(DEV_REPLIES, { from: aMobile(), body: 'Yes' }, 'unsigned');
      expect(answer.status).toBe(401);
    });
  });
});
