import { startFakeTwilio, type FakeTwilio } from '@careloop/testing';
import { TwilioSmsGateway } from '../../src/gateway/twilio-sms-gateway';
import { InboundModule } from '../../src/inbound/inbound.module';
import { ReceiptsModule } from '../../src/receipts/receipts.module';
import {
  TWILIO_AUTH_TOKEN,
  aClient,
  aReminderText,
  eventsAbout,
  useTwilioWebhooksOverHttp,
} from '../support/twilio-webhooks-over-http';

const TWILIO_NUMBER = '+447700900999';

/**
 * The webhooks as the fake Twilio calls them: a text sent through the real SDK, its status callback
 * and the client's answer, each signed by the fake over the URL it posts to (no proxy here).
 */
describe('receipts and replies from the fake Twilio', () => {
  const reminders = useTwilioWebhooksOverHttp({
    database: 'reminders_fake_twilio',
    modules: [InboundModule, ReceiptsModule],
    listenAtPublicUrl: true,
  });
  let fake: FakeTwilio;

  beforeAll(async () => {
    fake = await startFakeTwilio({ authToken: TWILIO_AUTH_TOKEN });
  });
  afterAll(() => fake.close());

  it('moves the text to delivered, telling the reports once, then keeps the answer for the keyworker', async () => {
    const ds = reminders.dataSource;
    const client = await aClient(ds);
    const gateway = new TwilioSmsGateway({
      accountSid: fake.accountSid,
      authToken: TWILIO_AUTH_TOKEN,
      sender: { from: TWILIO_NUMBER },
      statusCallbackUrl: `${reminders.localUrl}/webhooks/twilio/status`,
      rateLimit: { ratePerSecond: 10, burst: 10 },
      apiBaseUrl: fake.baseUrl,
    });
    const sent = await gateway.send({ to: client.mobile!, body: 'Hi Sam, see you tomorrow at 10:30.' });
    const text = await aReminderText(ds, client, {
      sentAt: new Date(),
      status: sent.status,
      gatewayMessageId: sent.gatewayMessageId,
    });

    expect((await fake.sendStatusCallback(sent.gatewayMessageId, 'sent')).status).toBe(200);
    expect((await fake.sendStatusCallback(sent.gatewayMessageId, 'delivered')).status).toBe(200);
    const forged = await fake.sendStatusCallback(sent.gatewayMessageId, 'undelivered', 30003, {
      authToken: 'another-auth-token-0123456789',
    });
    expect(forged.status).toBe(403);
    expect(
      await ds.query(`SELECT "status" FROM "reminders"."sms_message" WHERE "id" = $1`, [text.id]),
    ).toEqual([{ status: 'delivered' }]);

    const answer = await fake.sendInbound(`${reminders.localUrl}/webhooks/twilio/inbound`, {
      from: client.mobile!,
      to: TWILIO_NUMBER,
      body: 'Yes 👍',
    });
    expect(answer).toMatchObject({ status: 200, contentType: 'text/xml; charset=utf-8' });
    expect(
      (await eventsAbout(ds, client.clientId)).map((e) => [
        e.type,
        e.data['intent'],
        e.data['appointmentId'],
      ]),
    ).toEqual([
      ['reminder.delivered.v1', undefined, text.appointmentId],
      ['sms.reply-received.v1', 'confirm', text.appointmentId],
    ]);
  });
});
