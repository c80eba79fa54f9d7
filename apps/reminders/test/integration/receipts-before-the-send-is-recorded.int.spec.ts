import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import type { EntityManager, QueryRunner } from 'typeorm';
import { eventually, freePort, startFakeTwilio, twilioSid, type FakeTwilio } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { SMS_GATEWAY, type SmsGateway } from '../../src/gateway/sms-gateway';
import { REMINDERS_QUEUE, reminderJobId } from '../../src/plan/reminder-jobs';
import { ReceiptsModule } from '../../src/receipts/receipts.module';
import { SendReminder } from '../../src/sending/send-reminder';
import { SendingModule } from '../../src/sending/sending.module';
import { smsMessages } from '../../src/sending/sms-messages';
import {
  aBookedEvent,
  aTextableClient,
  remindersPlansWith,
  RIVERSIDE_CDAS,
  type ReminderRow,
} from '../support/plan-fixtures';
import { eventsAbout as outboxEventsAbout } from '../support/reminders-outbox';
import { sendReminderFrom } from '../support/send-reminder-from';
import { useRemindersPlans } from '../support/use-reminders-plans';

const AUTH_TOKEN = 'fake-twilio-auth-token-0123456789';
/** Friday 20 March 2026, midday GMT: well outside quiet hours. */
const NOON = '2026-03-20T12:00:00Z';

interface TextRow {
  id: string;
  reminder_id: string;
  gateway_message_id: string | null;
  status: string;
  error_code: string | null;
}

/**
 * Twilio's status callback can reach us before its answer to the send, so before the sender has
 * recorded the message SID. Our message id rides on the callback URL, so the receipt still finds its
 * text. The real sender, the Twilio SDK against the fake Twilio, and the webhook over HTTP at the
 * public URL the fake signs, on real Postgres.
 */
describe('delivery receipts that overtake the gateway’s answer', () => {
  let fake: FakeTwilio;
  let publicBaseUrl: string;
  const clock = new ManualClock(NOON);

  beforeAll(async () => {
    fake = await startFakeTwilio({ authToken: AUTH_TOKEN });
  });

  const h = useRemindersPlans({
    database: 'reminders_receipts_early',
    clock,
    module: remindersPlansWith(SendingModule, ReceiptsModule),
    env: async () => {
      const port = await freePort();
      publicBaseUrl = `http://127.0.0.1:${port}`;
      return {
        PORT: String(port),
        SMS_GATEWAY: 'twilio',
        TWILIO_ACCOUNT_SID: fake.accountSid,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_MESSAGING_SERVICE_SID: twilioSid('MG'),
        TWILIO_API_BASE_URL: fake.baseUrl,
        PUBLIC_BASE_URL: publicBaseUrl,
      };
    },
  });
  afterAll(() => fake?.close());

  beforeEach(() => clock.set(NOON));

  let numbers = 0;
  /** A registered client with consent and their own mobile, from Ofcom's drama range. */
  async function aClient(): Promise<{ clientId: string; mobile: string }> {
    const clientId = randomUUID();
    const mobile = `+4477009002${String(numbers++).padStart(2, '0')}`;
    await h.publish(...aTextableClient(clientId, mobile));
    return { clientId, mobile };
  }

  const stepOf = async (appointmentId: string, step: string): Promise<ReminderRow> => {
    const row = (await h.reminders(appointmentId)).find((r) => r.step === step);
    if (!row) throw new Error(`No ${step} reminder for appointment ${appointmentId}`);
    return row;
  };
  const closed = (appointmentId: string, step: string) =>
    eventually(async () => {
      const row = await stepOf(appointmentId, step);
      expect(row.status).not.toBe('scheduled');
      return row;
    });
  const textOf = async (reminderId: string): Promise<TextRow | undefined> =>
    (
      await h.dataSource.query<TextRow[]>(
        `SELECT "id", "reminder_id", "gateway_message_id", "status", "error_code"
           FROM "reminders"."sms_message" WHERE "reminder_id" = $1`,
        [reminderId],
      )
    )[0];
  /** Each event's type, and its step (sent), outcome (failed) or step and text (delivered). */
  const eventsAbout = async (clientId: string) =>
    (await outboxEventsAbout(h.dataSource, clientId)).map((e) =>
      e.type === 'reminder.delivered.v1'
        ? [e.type, e.data['step'], e.data['messageId']]
        : [e.type, e.data['step'] ?? e.data['outcome']],
    );
  const requestsTo = (mobile: string) => fake.requests.filter((r) => r.to === mobile);

  /** A status callback signed as Twilio signs it, over the public URL with its query. */
  async function postSignedReceipt(pathAndQuery: string, fields: Record<string, string>) {
    const url = `${publicBaseUrl}${pathAndQuery}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, fields),
      },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '' };
  }

  /** A client's confirmation, sent and recorded: its text and the SID Twilio gave it. */
  async function aSentConfirmation() {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    const text = (await textOf(confirmation.id))!;
    return { clientId, mobile, text, sid: requestsTo(mobile)[0]!.messageSid! };
  }

  /**
   * A client's confirmation sent, and their three-days-before reminder due now (Sunday 22 March 10:00,
   * the clock set then) with its job taken away, so only the test's own runs touch it.
   */
  async function aThreeDaysBeforeDueNow() {
    const { clientId, mobile } = await aClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);
    await closed(booked.data.appointmentId, 'confirmation');
    const threeDaysBefore = await stepOf(booked.data.appointmentId, 'three_days_before');
    await h.scheduler.cancel(REMINDERS_QUEUE, reminderJobId(threeDaysBefore.id));
    clock.set(threeDaysBefore.due_at);
    return { clientId, mobile, booked, threeDaysBefore };
  }

  it('a delivered receipt posted before Twilio answers the send still lands: the text ends delivered', async () => {
    const { clientId, mobile } = await aClient();
    fake.callbackBeforeResponseNext('delivered');
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);

    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    expect(confirmation).toMatchObject({ status: 'sent' });
    const [request] = requestsTo(mobile);
    expect(await request!.callbackBeforeResponse).toMatchObject({ status: 200 });
    const text = await textOf(confirmation.id);
    // The callback URL named our text; Twilio's later answer (queued) did not undo the delivery.
    expect(request!.statusCallback).toBe(`${publicBaseUrl}/webhooks/twilio/status?messageId=${text!.id}`);
    expect(text).toMatchObject({ status: 'delivered', gateway_message_id: request!.messageSid });
    expect(requestsTo(mobile)).toHaveLength(1);
    // Raised by the receipt once the sender's record committed; Twilio's answer said queued.
    expect(await eventsAbout(clientId)).toEqual([
      ['reminder.sent.v1', 'confirmation'],
      ['reminder.delivered.v1', 'confirmation', text!.id],
    ]);
  });

  it('an undelivered receipt that overtakes the answer tells the keyworker, once', async () => {
    const { clientId, mobile } = await aClient();
    fake.callbackBeforeResponseNext('undelivered', { errorCode: 30003 });
    const booked = aBookedEvent({ clientId, startsAt: '2026-03-25T10:00:00Z' });
    await h.publish(booked);

    const confirmation = await closed(booked.data.appointmentId, 'confirmation');
    expect(await requestsTo(mobile)[0]!.callbackBeforeResponse).toMatchObject({ status: 200 });
    expect(await textOf(confirmation.id)).toMatchObject({ status: 'undelivered', error_code: '30003' });
    expect(await eventsAbout(clientId)).toEqual([
      ['reminder.sent.v1', 'confirmation'],
      ['reminder.delivery-failed.v1', 'undelivered'],
    ]);
  });

  it('a message id that is not one of ours in form: 400, nothing changed', async () => {
    const { text, sid } = await aSentConfirmation();

    const answer = await postSignedReceipt('/webhooks/twilio/status?messageId=not-a-text', {
      MessageSid: sid,
      MessageStatus: 'failed',
      ErrorCode: '30008',
    });

    expect(answer).toMatchObject({ status: 400, contentType: expect.stringMatching(/problem\+json/) });
    expect(await textOf(text.reminder_id)).toEqual(text);
  });

  it('a receipt naming our text with another message SID is ignored, with 200', async () => {
    const { clientId, text } = await aSentConfirmation();

    const answer = await postSignedReceipt(`/webhooks/twilio/status?messageId=${text.id}`, {
      MessageSid: twilioSid('SM'),
      MessageStatus: 'failed',
      ErrorCode: '30008',
    });

    expect(answer.status).toBe(200);
    expect(await textOf(text.reminder_id)).toEqual(text);
    expect(await eventsAbout(clientId)).toEqual([['reminder.sent.v1', 'confirmation']]);
  });

  it('a run that died after Twilio took the text: the receipt records it, the next run closes it as sent', async () => {
    const { clientId, mobile, booked, threeDaysBefore } = await aThreeDaysBeforeDueNow();

    // Twilio takes the text, then the run's record of it is lost (rolled back): the row stays sending.
    await expect(
      senderLosingItsRecord().execute(threeDaysBefore.id, { finalAttempt: false }),
    ).rejects.toThrow('database lost');
    const [, request] = requestsTo(mobile);
    expect(await textOf(threeDaysBefore.id)).toMatchObject({ status: 'sending', gateway_message_id: null });

    expect(await fake.sendStatusCallback(request!.messageSid!, 'delivered')).toMatchObject({ status: 200 });
    const text = await textOf(threeDaysBefore.id);
    expect(text).toMatchObject({ status: 'delivered', gateway_message_id: request!.messageSid });

    expect(await sender().execute(threeDaysBefore.id, { finalAttempt: false })).toEqual({
      kind: 'sent',
      messageId: text!.id,
    });
    expect(await stepOf(booked.data.appointmentId, 'three_days_before')).toMatchObject({
      status: 'sent',
      status_reason: null,
    });
    expect(requestsTo(mobile)).toHaveLength(2); // the confirmation, and this text once
    expect(await eventsAbout(clientId)).toEqual([
      ['reminder.sent.v1', 'confirmation'],
      ['reminder.delivered.v1', 'three_days_before', text!.id],
      ['reminder.sent.v1', 'three_days_before'],
    ]);
  });

  it('a gateway that answers delivered at once raises reminder.delivered.v1 on its answer; its receipt then raises nothing', async () => {
    const { clientId, mobile, booked, threeDaysBefore } = await aThreeDaysBeforeDueNow();

    // Twilio's SDK against the fake, as the service sends, but its answer says delivered.
    const gateway = answeringDelivered(h.running.app.get<SmsGateway>(SMS_GATEWAY));
    const result = await sendReminderFrom(h.running, { gateway }).execute(threeDaysBefore.id, {
      finalAttempt: false,
    });
    const text = await textOf(threeDaysBefore.id);
    expect(result).toEqual({ kind: 'sent', messageId: text!.id });
    expect(text).toMatchObject({ status: 'delivered' });
    const [, request] = requestsTo(mobile);
    clock.advance(60_000);
    expect(await fake.sendStatusCallback(request!.messageSid!, 'delivered')).toMatchObject({ status: 200 });
    expect(await fake.sendStatusCallback(request!.messageSid!, 'sent')).toMatchObject({ status: 200 });

    expect(await textOf(threeDaysBefore.id)).toEqual(text);
    const events = await outboxEventsAbout(h.dataSource, clientId);
    expect(events.map((e) => [e.type, e.data['step'], e.data['messageId']])).toEqual([
      ['reminder.sent.v1', 'confirmation', expect.any(String)],
      ['reminder.sent.v1', 'three_days_before', text!.id],
      ['reminder.delivered.v1', 'three_days_before', text!.id],
    ]);
    expect(events[2]).toMatchObject({
      orgId: RIVERSIDE_CDAS,
      actor: { kind: 'system', id: 'twilio' },
      data: {
        messageId: text!.id,
        clientId,
        appointmentId: booked.data.appointmentId,
        step: 'three_days_before',
        at: threeDaysBefore.due_at.toISOString(),
      },
    });
  });

  it("the sender's record of Twilio's answer never moves a receipt's status back", async () => {
    const { text } = await aSentConfirmation();
    // As if the delivered receipt had been applied before the sender recorded Twilio's answer.
    await h.dataSource.query(
      `UPDATE "reminders"."sms_message" SET "status" = 'delivered', "gateway_message_id" = NULL WHERE "id" = $1`,
      [text.id],
    );

    await h.dataSource.transaction((manager) =>
      smsMessages.recordAccepted(
        manager,
        text.id,
        { gatewayMessageId: text.gateway_message_id!, status: 'queued' },
        clock.now(),
      ),
    );

    expect(await textOf(text.reminder_id)).toMatchObject({
      status: 'delivered',
      gateway_message_id: text.gateway_message_id,
    });
  });

  /** SendReminder as the module builds it. */
  function sender(): SendReminder {
    return h.running.app.get(SendReminder);
  }

  /** SendReminder whose second transaction (the gateway call and its record) rolls back after the call. */
  function senderLosingItsRecord(): SendReminder {
    class LosingSendReminder extends SendReminder {
      private transactions = 0;

      protected override transaction<T>(
        runner: QueryRunner,
        work: (manager: EntityManager) => Promise<T>,
      ): Promise<T> {
        if (++this.transactions !== 2) return super.transaction(runner, work);
        return super.transaction(runner, async (manager) => {
          await work(manager);
          throw new Error('database lost');
        });
      }
    }
    return sendReminderFrom(h.running, { Type: LosingSendReminder });
  }
});

/** `inner`, answering `delivered` at once as the development inbox does (Twilio's answer says queued). */
function answeringDelivered(inner: SmsGateway): SmsGateway {
  return {
    name: inner.name,
    send: async (message) => ({ ...(await inner.send(message)), status: 'delivered' }),
  };
}
