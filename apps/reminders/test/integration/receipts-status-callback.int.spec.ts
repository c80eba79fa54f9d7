import { ManualClock } from '@careloop/time';
import { ReceiptsModule } from '../../src/receipts/receipts.module';
import {
  aClient,
  aMessageSid,
  aReminderText,
  eventsAbout,
  useTwilioWebhooksOverHttp,
  type ClientRow,
  type TextRow,
} from '../support/twilio-webhooks-over-http';

const STATUS = '/webhooks/twilio/status';
const SENT_AT = new Date('2026-03-01T18:00:00Z');
const NOW = new Date('2026-03-01T18:00:05Z');

/** Twilio's signed status callbacks moving our texts' statuses, on real Postgres over HTTP. */
describe('delivery receipts over HTTP', () => {
  const clock = new ManualClock(NOW);
  const reminders = useTwilioWebhooksOverHttp({
    database: 'reminders_receipts',
    modules: [ReceiptsModule],
    clock,
  });
  const ds = () => reminders.dataSource;
  beforeEach(() => clock.set(NOW));

  const receipt = (text: Pick<TextRow, 'gatewayMessageId'>, status: string, errorCode?: string) => ({
    MessageSid: text.gatewayMessageId,
    AccountSid: `AC${'0'.repeat(32)}`,
    MessageStatus: status,
    SmsStatus: status,
    To: '+447700900123',
    ...(errorCode ? { ErrorCode: errorCode } : {}),
  });
  const send = async (text: Pick<TextRow, 'gatewayMessageId'>, status: string, errorCode?: string) => {
    const answer = await reminders.post(STATUS, receipt(text, status, errorCode));
    expect(answer.status).toBe(200);
  };
  const stateOf = async (text: TextRow) =>
    (
      await ds().query<{ status: string; error_code: string | null; status_updated_at: Date }[]>(
        `SELECT "status", "error_code", "status_updated_at" FROM "reminders"."sms_message" WHERE "id" = $1`,
        [text.id],
      )
    )[0]!;
  const aSentText = async (status = 'queued') => {
    const client = await aClient(ds());
    return { client, text: await aReminderText(ds(), client, { sentAt: SENT_AT, status }) };
  };

  /** An event Twilio's receipt at `at` raises about `text`: its ids, and the `more` its type adds. */
  const raisedByReceipt = (
    type: string,
    client: ClientRow,
    text: TextRow,
    at: Date,
    more: Record<string, unknown> = {},
  ) =>
    expect.objectContaining({
      type,
      subjectId: client.clientId,
      orgId: client.orgId,
      actor: { kind: 'system', id: 'twilio' },
      data: {
        messageId: text.id,
        clientId: client.clientId,
        appointmentId: text.appointmentId,
        ...more,
        at: at.toISOString(),
      },
    });
  /** Its step: the plan's step the text was (aReminderText's texts are the evening-before reminder). */
  const deliveredEvent = (client: ClientRow, text: TextRow, at: Date) =>
    raisedByReceipt('reminder.delivered.v1', client, text, at, { step: 'evening_before' });

  it('follows a text through sent to delivered, and tells the reports once that it reached the phone', async () => {
    const { client, text } = await aSentText('queued');

    await send(text, 'sent');
    expect(await stateOf(text)).toEqual({ status: 'sent', error_code: null, status_updated_at: NOW });
    expect(await eventsAbout(ds(), client.clientId)).toEqual([]);
    clock.advance(2_000);
    const deliveredAt = clock.now();
    await send(text, 'delivered');
    // Twilio retries a callback it got no answer to: the repeat raises nothing more.
    clock.advance(2_000);
    await send(text, 'delivered');

    expect(await stateOf(text)).toMatchObject({ status: 'delivered', status_updated_at: deliveredAt });
    expect(await eventsAbout(ds(), client.clientId)).toEqual([deliveredEvent(client, text, deliveredAt)]);
  });

  it('never moves backwards: a late sent or queued after delivered changes nothing and raises nothing', async () => {
    const { client, text } = await aSentText('queued');
    await send(text, 'delivered');
    const delivered = await stateOf(text);

    clock.advance(5_000);
    await send(text, 'sent');
    await send(text, 'queued');
    await send(text, 'undelivered', '30003');

    expect(await stateOf(text)).toEqual(delivered);
    expect(await eventsAbout(ds(), client.clientId)).toEqual([deliveredEvent(client, text, NOW)]);
  });

  it('tells the keyworker once when a text is undelivered, with the gateway error code, and never that it was delivered', async () => {
    const { client, text } = await aSentText('sent');

    await send(text, 'undelivered', '30003');
    await send(text, 'undelivered', '30003');
    await send(text, 'failed', '30008');
    await send(text, 'delivered');

    expect(await stateOf(text)).toMatchObject({ status: 'undelivered', error_code: '30003' });
    expect(await eventsAbout(ds(), client.clientId)).toEqual([
      raisedByReceipt('reminder.delivery-failed.v1', client, text, NOW, {
        outcome: 'undelivered',
        errorCode: '30003',
      }),
    ]);
  });

  it('raises a failure straight from queued, and settles a text whose fate was unknown', async () => {
    const queued = await aSentText('queued');
    const unknown = await aSentText('unknown');

    await send(queued.text, 'failed', '30008');
    await send(unknown.text, 'delivered');

    expect(await stateOf(queued.text)).toMatchObject({ status: 'failed', error_code: '30008' });
    expect((await eventsAbout(ds(), queued.client.clientId)).map((e) => e.data['outcome'])).toEqual([
      'failed',
    ]);
    expect(await stateOf(unknown.text)).toMatchObject({ status: 'delivered' });
    expect(await eventsAbout(ds(), unknown.client.clientId)).toEqual([
      deliveredEvent(unknown.client, unknown.text, NOW),
    ]);
  });

  it('answers 200 and does nothing for a text we never sent, or a status we do not map', async () => {
    const { client, text } = await aSentText('sent');
    const before = await stateOf(text);

    await send({ gatewayMessageId: aMessageSid() }, 'delivered');
    await send(text, 'received');
    await send(text, 'some_future_status');

    expect(await stateOf(text)).toEqual(before);
    expect(await eventsAbout(ds(), client.clientId)).toEqual([]);
  });

  it('refuses a receipt Twilio did not sign, and changes nothing', async () => {
    const { client, text } = await aSentText('sent');
    const before = await stateOf(text);

    const unsigned = await reminders.post(STATUS, receipt(text, 'failed', '30008'), 'unsigned');
    const forged = await reminders.post(STATUS, receipt(text, 'failed', '30008'), {
      params: receipt(text, 'delivered'),
    });

    for (const answer of [unsigned, forged]) {
      expect(answer.status).toBe(403);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.text)).toMatchObject({ code: 'TWILIO_SIGNATURE_INVALID' });
    }
    expect(await stateOf(text)).toEqual(before);
    expect(await eventsAbout(ds(), client.clientId)).toEqual([]);
  });
});
